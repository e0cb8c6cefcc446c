"""Stories of exchanges between Los Angeles and its partner cities."""

import datetime

import graphene

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLField, GraphQLStreamfield, GraphQLString
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.graphql.fields import Image as GraphQLImage
from cms.graphql.fields import RelatedPages, RelatedSnippets, Tags
from cms.graphql.preview import HeadlessPreviewable
from cms.visibility import Visibility, for_request
from home.blocks import BaseStreamBlock
from home.models import hero_image_field

from .cities import CityPage
from .snippets import ExchangeType


class StoryIndexPage(HeadlessPreviewable, RoutablePageMixin, Page):
    """All stories, newest first, filterable by city, kind of exchange, year and tag; with RSS and Atom feeds."""

    intro = models.TextField(
        _("introduction"), max_length=800, blank=True, help_text=_("A few sentences above the list of stories.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    graphql_fields = [GraphQLString("intro", required=True)]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cities.StoryPage"]
    # A section of the site: listed in the main navigation unless an editor unticks "Show in menus".
    show_in_menus_default = True

    PER_PAGE = 12

    class Meta:
        verbose_name = _("story index page")

    def get_stories(self, visibility=None):
        """The stories visitors may see here (cms/visibility.py: the API's rules), newest first."""
        visibility = visibility or Visibility()
        return (
            visibility.pages(StoryPage.objects.child_of(self))
            .select_related("hero_image")
            .prefetch_related("cities", "exchange_types")
            .order_by("-date", "-pk")
        )

    def get_filter_tags(self, visibility=None):
        """The tags of the stories visitors can see here, by name: a tag of hidden stories only is unknown."""
        return (
            Tag.objects.filter(cities_storypagetag_items__content_object__in=self.get_stories(visibility).order_by())
            .distinct()
            .order_by("name")
        )

    FILTERS = ("city", "type", "year", "tag")

    def serve(self, request, view=None, args=None, kwargs=None):
        from cities.querystrings import redirect_without_empty

        return redirect_without_empty(request, self.FILTERS) or super().serve(request, view, args, kwargs)

    def get_context(self, request, *args, **kwargs):
        # Filters are GET parameters (?city=&type=&year=&tag=), combinable, kept in the pagination
        # links and the feed links; an unknown value is ignored rather than an error.
        context = super().get_context(request, *args, **kwargs)
        visibility = for_request(request)
        stories = self.get_stories(visibility)
        cities = visibility.pages(CityPage.objects.filter(locale=self.locale)).order_by("title")
        exchange_types = ExchangeType.objects.filter(locale=self.locale)
        years = [date.year for date in stories.order_by().dates("date", "year", order="DESC")]
        tags = list(self.get_filter_tags(visibility))

        city_slug = request.GET.get("city", "")
        selected_city = next((c for c in cities if c.slug == city_slug), None)
        if selected_city:
            stories = stories.filter(cities=selected_city)
        type_slug = request.GET.get("type", "")
        selected_type = next((t for t in exchange_types if t.slug == type_slug), None)
        if selected_type:
            stories = stories.filter(exchange_types=selected_type)
        year = request.GET.get("year", "")
        selected_year = int(year) if year.isdigit() and int(year) in years else None
        if selected_year:
            stories = stories.filter(date__year=selected_year)
        tag_slug = request.GET.get("tag", "")
        selected_tag = next((t for t in tags if t.slug == tag_slug), None)
        if selected_tag:
            stories = stories.filter(tags=selected_tag)

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
            filter_years=years,
            filter_tags=tags,
            selected_city=selected_city,
            selected_type=selected_type,
            selected_year=selected_year,
            selected_tag=selected_tag,
            filtered=bool(selected_city or selected_type or selected_year or selected_tag),
            feeds=self.feed_urls(selected_city),
        )
        return context

    # --- Feeds: /stories/feeds/rss/, /stories/feeds/atom/, and per city /stories/feeds/<city>/rss/ ---

    def feed_urls(self, city=None):
        """(RSS URL, Atom URL) of all stories, or of one city's stories."""
        if city is None:
            return {
                "rss": self.url + self.reverse_subpage("rss_feed"),
                "atom": self.url + self.reverse_subpage("atom_feed"),
            }
        return {
            "rss": self.url + self.reverse_subpage("city_rss_feed", args=[city.slug]),
            "atom": self.url + self.reverse_subpage("city_atom_feed", args=[city.slug]),
        }

    def _city_for_feed(self, request, city_slug):
        city = for_request(request).pages(CityPage.objects.filter(locale=self.locale, slug=city_slug)).first()
        if city is None:
            raise Http404("No such partner city.")
        return city

    @path("feeds/rss/", name="rss_feed")
    def rss_feed(self, request):
        from cities.feeds import StoryFeed

        return StoryFeed(self)(request)

    @path("feeds/atom/", name="atom_feed")
    def atom_feed(self, request):
        from cities.feeds import StoryAtomFeed

        return StoryAtomFeed(self)(request)

    @path("feeds/<slug:city_slug>/rss/", name="city_rss_feed")
    def city_rss_feed(self, request, city_slug):
        from cities.feeds import StoryFeed

        return StoryFeed(self, self._city_for_feed(request, city_slug))(request)

    @path("feeds/<slug:city_slug>/atom/", name="city_atom_feed")
    def city_atom_feed(self, request, city_slug):
        from cities.feeds import StoryAtomFeed

        return StoryAtomFeed(self, self._city_for_feed(request, city_slug))(request)


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("cities.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(HeadlessPreviewable, Page):
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

    graphql_fields = [
        GraphQLField("date", graphene.Date, required=True),
        GraphQLString("intro", required=True),
        GraphQLStreamfield("body"),
        GraphQLImage("hero_image"),
        RelatedPages(
            "cities",
            "cities.CityPage",
            through="cities",
            description="The published partner cities the story is about.",
        ),
        RelatedSnippets(
            "exchange_types",
            "cities.ExchangeType",
            through="exchange_types",
            order=("sort_order", "name"),
            description="Which of the program's kinds of exchange the story shows.",
        ),
        Tags("tags", description="Keywords of the story, by name."),
        GraphQLString("author", required=True),
    ]

    parent_page_types = ["cities.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def get_cities(self, visibility=None):
        # Works on previews too, where the relation is held in memory: only cities visitors may see.
        ids = [city.pk for city in self.cities.all()]
        return (visibility or Visibility()).pages(CityPage.objects.filter(pk__in=ids)).order_by("title")

    def get_related_stories(self, limit=3, visibility=None):
        """Other stories visitors can see about the same cities, then of the same kinds of exchange; newest first."""
        visibility = visibility or Visibility()
        visible = visibility.pages(StoryPage.objects.filter(locale_id=self.locale_id)).exclude(pk=self.pk)
        visible = visible.select_related("hero_image").order_by("-date", "-pk")
        city_ids = [city.pk for city in self.cities.all()]
        type_ids = [exchange_type.pk for exchange_type in self.exchange_types.all()]
        related = list(visible.filter(cities__in=city_ids).distinct()[:limit]) if city_ids else []
        if len(related) < limit and type_ids:
            more = visible.filter(exchange_types__in=type_ids).exclude(pk__in=[story.pk for story in related])
            related += list(more.distinct()[: limit - len(related)])
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visibility = for_request(request)
        context["cities"] = self.get_cities(visibility)
        context["exchange_types"] = self.exchange_types.all()
        context["related_stories"] = self.get_related_stories(visibility=visibility)
        return context
