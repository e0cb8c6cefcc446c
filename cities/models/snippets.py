"""Snippets: small pieces of content that pages point to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from ..forms import CommitteeForm


class NamedSlugSnippet(TranslatableMixin, index.Indexed, models.Model):
    """
    A named heading that pages choose from and clients filter by its slug, in each language:
    a name, a slug unique in its language, a description. Each snippet redeclares the three
    fields through ``name_field``, ``slug_field`` and ``description_field`` to give the
    editor its own examples, and adds its uniqueness constraint (named as before).
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("description", required=True),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @staticmethod
    def name_field(help_text):
        return models.CharField(_("name"), max_length=80, help_text=help_text)

    @staticmethod
    def slug_field(help_text):
        return models.SlugField(_("slug"), max_length=80, help_text=help_text)

    @staticmethod
    def description_field(help_text):
        return models.TextField(_("description"), blank=True, help_text=help_text)


class ExchangeType(NamedSlugSnippet):
    """One of the program's five kinds of exchange: municipal, business, professional, educational, cultural."""

    name = NamedSlugSnippet.name_field(_("As visitors read it, e.g. 'Cultural'."))
    slug = NamedSlugSnippet.slug_field(
        _("Short name used in web addresses and the API, e.g. 'cultural'. Lowercase letters and dashes.")
    )
    description = NamedSlugSnippet.description_field(_("One or two sentences on what this kind of exchange covers."))
    sort_order = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers are listed first.")
    )

    panels = [*NamedSlugSnippet.panels, FieldPanel("sort_order")]

    class Meta(NamedSlugSnippet.Meta):
        verbose_name = _("kind of exchange")
        verbose_name_plural = _("kinds of exchange")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_exchange_type_slug_per_locale")]


class ResourceCategory(NamedSlugSnippet):
    """A heading under which resources are grouped, e.g. 'Grants and funding'."""

    name = NamedSlugSnippet.name_field(_("As visitors read it, e.g. 'Travel and visas'."))
    slug = NamedSlugSnippet.slug_field(_("Short name used in web addresses and the API, e.g. 'travel'."))
    description = NamedSlugSnippet.description_field(_("Optional: what belongs here."))

    class Meta(NamedSlugSnippet.Meta):
        verbose_name = _("resource category")
        verbose_name_plural = _("resource categories")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_resource_category_slug_per_locale")
        ]


class Committee(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """The volunteer committee that looks after one partnership. Drafts stay private until published."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The committee's full name, e.g. 'Los Angeles–Nagoya Sister City Committee'."),
    )
    chair = models.CharField(
        _("chair"), max_length=200, blank=True, help_text=_("Name of the person who chairs the committee.")
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("A shared address the public may write to. It is shown on the city's page."),
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("The committee's own website, starting with https://.")
    )
    # The admin access of the committee's members (cities/committees.py keeps both in step with the
    # committee and its city; the translations of a committee share them).
    group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="committees",
        verbose_name=_("members' group"),
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("collection"),
    )

    base_form_class = CommitteeForm
    panels = [
        FieldPanel("name"),
        FieldPanel("chair"),
        FieldPanel("contact_email"),
        FieldPanel("website"),
        FieldPanel("members", permission="auth.change_group"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("chair", required=True),
        GraphQLString("contact_email", required=True),
        GraphQLString("website", required=True),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name"]

    def __str__(self):
        return self.name
