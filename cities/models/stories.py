"""Stories of exchanges between Los Angeles and its partner cities."""

import datetime

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import hero_image_field

from .cities import CityPage
from .snippets import ExchangeType


class StoryIndexPage(Page):
    """All stories, newest first, filterable by city and kind of exchange."""

    intro = models.TextField(
        _("introduction"), max_length=800, blank=True, help_text=_("A few sentences above the list of stories.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cities.StoryPage"]
    # A section of the site: listed in the main navigation unless an editor unticks "Show in menus".
    show_in_menus_default = True

    PER_PAGE = 12

    class Meta:
        verbose_name = _("story index page")

    def get_stories(self):
        return (
            StoryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related("cities", "exchange_types")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = self.get_stories()
        cities = CityPage.objects.live().public().filter(locale=self.locale).order_by("title")
        exchange_types = ExchangeType.objects.filter(locale=self.locale)

        city_slug = request.GET.get("city", "")
        selected_city = next((c for c in cities if c.slug == city_slug), None)
        if selected_city:
            stories = stories.filter(cities=selected_city)
        type_slug = request.GET.get("type", "")
        selected_type = next((t for t in exchange_types if t.slug == type_slug), None)
        if selected_type:
            stories = stories.filter(exchange_types=selected_type)

        paginator = Paginator(stories, self.PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)

        context.update(
            stories=page,
            paginator=paginator,
            filter_cities=cities,
            filter_exchange_types=exchange_types,
            selected_city=selected_city,
            selected_type=selected_type,
        )
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("cities.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(Page):
    """A story of an exchange: a visit, a festival, a scholarship, a trade mission."""

    date = models.DateField(
        _("date"),
        default=datetime.date.today,
        help_text=_("When the exchange took place (or the story was written). Stories are listed newest first."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=400,
        help_text=_("One or two sentences that sum up the story. Shown in lists and search results."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), help_text=_("The story itself."))
    hero_image = hero_image_field()
    cities = ParentalManyToManyField(
        "cities.CityPage",
        blank=True,
        related_name="story_pages",
        verbose_name=_("cities"),
        help_text=_("The partner cities this story is about. It will be listed on each city's page."),
    )
    exchange_types = ParentalManyToManyField(
        "cities.ExchangeType",
        blank=True,
        related_name="story_pages",
        verbose_name=_("kinds of exchange"),
        help_text=_("Which of the program's kinds of exchange this story shows."),
    )
    tags = ClusterTaggableManager(
        through=StoryPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Optional keywords, e.g. 'students', 'music'. Press Enter or type a comma after each."),
    )
    author = models.CharField(
        _("author"), max_length=200, blank=True, help_text=_("Who wrote the story, as it should be credited.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("cities"),
                FieldPanel("exchange_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("author"),
            ],
            heading=_("About this story"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["cities.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_cities(self):
        # Works on previews too, where the relation is held in memory: only live, public cities.
        ids = [city.pk for city in self.cities.all()]
        return CityPage.objects.live().public().filter(pk__in=ids).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cities"] = self.get_cities()
        context["exchange_types"] = self.exchange_types.all()
        return context
