"""Useful resources: links and documents for people taking part in exchanges."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLString
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.graphql import fields as api
from cms.visibility import Visibility, for_request
from home.models import BasePage, RoutableSectionIndexPage, intro_field
from home.querysets import VisiblePageManager
from home.routes import route
from home.widgets import FilterableCheckboxSelectMultiple

from ..forms import ProgramPageForm


class ResourceIndexPage(RoutableSectionIndexPage):
    """The list of useful resources, grouped by category, and the form on which visitors suggest more."""

    intro = intro_field(_("A few sentences above the list of resources."))

    subpage_types = ["cities.ResourcePage"]

    class Meta:
        verbose_name = _("resource index page")

    def get_resources(self, visibility=None):
        """The resources visitors may see here (cms/visibility.py), by category and title."""
        return (
            ResourcePage.objects.child_of(self)
            .visible_to(visibility)
            .select_related("category", "document")
            .order_by("category__name", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = self.get_resources(for_request(request))
        context["suggest_url"] = self.url + self.reverse_subpage("suggest")
        return context

    # --- Visitors' suggestions: /resources/suggest/, served by cities/suggestions.py (home/routes.py) ---
    suggest = route("suggest/", "suggest")
    suggest_thanks = route("suggest/thanks/", "suggest_thanks")


class ResourcePage(BasePage):
    """One useful resource: a link to another site, or a document we host."""

    link_url = models.URLField(
        _("web address"),
        max_length=500,
        blank=True,
        help_text=_("The address of the resource on another site, starting with https://. Or choose a document below."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("A file from the document library, such as a PDF guide. Use this or a web address, not both."),
    )
    description = models.TextField(
        _("description"), max_length=1000, help_text=_("What the resource is and who will find it useful.")
    )
    category = models.ForeignKey(
        "cities.ResourceCategory",
        null=True,
        on_delete=models.SET_NULL,
        related_name="resource_pages",
        verbose_name=_("category"),
        help_text=_("The heading this resource is listed under."),
    )
    cities = ParentalManyToManyField(
        "cities.CityPage",
        blank=True,
        related_name="resource_pages",
        verbose_name=_("related cities"),
        help_text=_("Optional: partner cities this resource is about. It will be listed on their pages."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("link_url"), FieldPanel("document")], heading=_("The resource")),
        FieldPanel("description"),
        FieldPanel("category"),
        FieldPanel("cities", widget=FilterableCheckboxSelectMultiple),
    ]
    base_form_class = ProgramPageForm

    search_fields = [*Page.search_fields, index.SearchField("description"), index.FilterField("category")]

    graphql_fields = [
        GraphQLString("link_url", required=True),
        api.Document("document", description="The document we host, if the resource is one; null if it is private."),
        GraphQLString("description", required=True),
        api.ForeignKey("category", "cities.ResourceCategory", description="The heading the resource is listed under."),
        api.RelatedPages(
            "cities", "cities.CityPage", through="cities", description="The published partner cities it is about."
        ),
    ]

    parent_page_types = ["cities.ResourceIndexPage"]
    subpage_types = []
    route_select_related = ("category", "document")

    objects = VisiblePageManager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self):
        super().clean()
        if self.link_url and self.document_id:
            message = _("Give a web address or a document, not both: clear one of them.")
            raise ValidationError({"link_url": message, "document": message})
        if not self.link_url and not self.document_id:
            message = _("Add the resource's web address, or choose a document from the library.")
            raise ValidationError({"link_url": message})

    @property
    def resource_url(self):
        """Where the resource lives: the external address or the document's download URL ('' if it is private)."""
        if self.link_url:
            return self.link_url
        document = self.document
        return document.url if document is not None and Visibility().media_is_visible(document) else ""

    def get_cities(self, visibility=None):
        """The related cities visitors may see, by name, in one query (in memory for a preview, as the editor chose)."""
        visibility = visibility if isinstance(visibility, Visibility) else for_request(visibility)
        cities = [city for city in self.cities.all() if visibility.page_is_visible(city)]
        return sorted(cities, key=lambda city: (city.title, city.pk))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_cities"] = self.get_cities(for_request(request))
        return context
