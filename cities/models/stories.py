"""Stories of exchanges between Los Angeles and its partner cities."""

import datetime

import graphene

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from grapple.models import GraphQLField, GraphQLStreamfield, GraphQLString
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from cms import response_cache
from cms.graphql import fields as api
from cms.visibility import Visibility, for_request
from home.blocks import BaseStreamBlock
from home.models import BasePage, RoutableSectionIndexPage, hero_image_field, intro_field
from home.routes import route
from home.widgets import FilterableCheckboxSelectMultiple

from ..filters import parse_story_filters
from ..forms import StoryPageForm
from ..permissions import StoryPagePermissionTester
from ..querysets import StoryPageManager, counted_stories, story_window, tags_of
from ..querystrings import redirect_without_empty
from .cities import CityPage
from .snippets import ExchangeType


class CountedPaginator(Paginator):
    """A Paginator whose count is a function of its own (``querysets.counted_stories``), not the list's ``count()``,
    and whose pages are read by ``querysets.story_window``."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count()

    def page(self, number):
        """Django's page, its rows read by ``querysets.story_window`` (deep pages by ids)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(story_window(self.object_list, bottom, top, self.count), number, self)


class StoryIndexPage(RoutableSectionIndexPage):
    """All stories, newest first, filterable by city, kind of exchange, year and tag; with RSS and Atom feeds."""

    intro = intro_field(_("A few sentences above the list of stories."))

    subpage_types = ["cities.StoryPage"]

    PER_PAGE = 12

    class Meta:
        verbose_name = _("story index page")

    @classmethod
    def in_language(cls, locale_id, visibility):
        """The stories section of a language that visitors may see (or None), found once per request.

        The published sections of the language are kept in the shared data (cms/response_cache.py:
        dropped when any page changes); the rule of cms/visibility.py is applied in memory.
        """

        def find():
            published = response_cache.shared(
                "story indexes",
                [Page],
                lambda: list(cls.objects.filter(locale_id=locale_id, live=True, expired=False).order_by("path")),
                locale_id,
            )
            return next((page for page in published if visibility.page_is_visible(page)), None)

        return visibility.remember(("story index", locale_id), find)

    def get_stories(self, visibility=None):
        """The stories visitors may see here (cms/visibility.py: the API's rules), newest first."""
        return (
            StoryPage.objects.child_of(self)
            .visible_to(visibility)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions", "cities", "exchange_types")
            .newest_first()
        )

    def get_filter_tags(self, visibility=None):
        """The tags of the stories visitors can see here, by name: a tag of hidden stories only is unknown."""
        return tags_of(StoryPage.objects.child_of(self).visible_to(visibility))

    FILTERS = ("city", "type", "year", "tag")

    def get_filter_options(self, visibility):
        """(cities, kinds of exchange, years, tags) the filters offer: the same for every visitor.

        The visible cities of the language by name, its kinds of exchange, the years and tags of
        the stories visitors can see here. Kept in the shared data (cms/response_cache.py), dropped
        when a page, a view restriction, a kind of exchange or a tag changes, and at the next
        moment a city or a story here goes live or expires by the clock.
        """

        def compute():
            stories = StoryPage.objects.child_of(self).visible_to(visibility)
            cities = CityPage.objects.filter(locale_id=self.locale_id)
            options = (
                list(cities.visible_to(visibility).only("title", "slug").order_by("title")),
                list(ExchangeType.objects.filter(locale_id=self.locale_id)),
                stories.years(),
                list(self.get_filter_tags(visibility)),
            )

            def until():
                moments = [visibility.next_change(pages) for pages in (cities, StoryPage.objects.child_of(self))]
                return min(filter(None, moments), default=None)

            return response_cache.Expiring(options, until)

        return response_cache.shared(
            "story filters",
            [Page, PageViewRestriction, ExchangeType, Tag, StoryPageTag],
            compute,
            self.pk,
        )

    def serve(self, request, view=None, args=None, kwargs=None):
        return redirect_without_empty(request, self.FILTERS) or super().serve(request, view, args, kwargs)

    def get_context(self, request, *args, **kwargs):
        # Filters are GET parameters (?city=&type=&year=&tag=), combinable, kept in the pagination
        # links and the feed links; an unknown value is ignored rather than an error.
        context = super().get_context(request, *args, **kwargs)
        visibility = for_request(request)
        cities, exchange_types, years, tags = self.get_filter_options(visibility)

        chosen = parse_story_filters(
            cities,
            exchange_types,
            tags,
            years,
            city=request.GET.get("city"),
            exchange_type=request.GET.get("type"),
            tag=request.GET.get("tag"),
            year=request.GET.get("year"),
        )
        stories, count = counted_stories(lambda base: chosen.apply(visibility.pages(base.child_of(self))), StoryPage)
        stories = (
            stories.select_related("hero_image")
            .prefetch_related("hero_image__renditions", "cities", "exchange_types")
            .newest_first()
        )

        paginator = CountedPaginator(stories, self.PER_PAGE, count)
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
            selected_city=chosen.city,
            selected_type=chosen.exchange_type,
            selected_year=chosen.year,
            selected_tag=chosen.tag,
            filtered=bool(chosen),
            feeds=self.feed_urls(chosen.city),
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

    # Served by cities/feeds.py (home/routes.py: models do not import views).
    rss_feed = route("feeds/rss/", "rss_feed")
    atom_feed = route("feeds/atom/", "atom_feed")
    city_rss_feed = route("feeds/<slug:city_slug>/rss/", "city_rss_feed")
    city_atom_feed = route("feeds/<slug:city_slug>/atom/", "city_atom_feed")

    def city_for_feed(self, request, city_slug):
        """The partner city whose stories a feed lists: one visitors may see, in this language (else a 404)."""
        city = CityPage.objects.filter(locale=self.locale, slug=city_slug).visible_to(request).first()
        if city is None:
            raise Http404("No such partner city.")
        return city


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("cities.StoryPage", on_delete=models.CASCADE, related_name="tagged_items")


class StoryPage(BasePage):
    """A story of an exchange: a visit, a festival, a scholarship, a trade mission."""

    date = models.DateField(
        _("date"),
        default=datetime.date.today,
        help_text=_("When the exchange took place (or the story was written). Stories are listed newest first."),
    )
    intro = intro_field(
        _("One or two sentences that sum up the story. Shown in lists and search results."),
        max_length=400,
        blank=False,
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
                FieldPanel("cities", widget=FilterableCheckboxSelectMultiple),
                FieldPanel("exchange_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("author"),
            ],
            heading=_("About this story"),
        ),
    ]
    base_form_class = StoryPageForm

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
        api.Image("hero_image"),
        api.RelatedPages(
            "cities",
            "cities.CityPage",
            through="cities",
            description="The published partner cities the story is about.",
        ),
        api.RelatedSnippets(
            "exchange_types",
            "cities.ExchangeType",
            through="exchange_types",
            order=("sort_order", "name"),
            description="Which of the program's kinds of exchange the story shows.",
        ),
        api.Tags("tags", description="Keywords of the story, by name."),
        GraphQLString("author", required=True),
    ]

    parent_page_types = ["cities.StoryIndexPage"]
    subpage_types = []
    route_select_related = ("hero_image",)

    objects = StoryPageManager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        # Lists are newest first (NEWEST_FIRST): one page of them reads this index, not every story.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="story_newest_first")]

    def permissions_for_user(self, user):
        """Wagtail's rules, with the committees' (cities/permissions.py): members edit stories about their city."""
        return StoryPagePermissionTester(user, self)

    def get_cities(self, visibility=None):
        """The cities of the story that visitors may see, by name: one query, once per request.

        The relation is read in memory (a preview lists what the editor chose, not yet saved) and
        filtered by cms/visibility.py's rule for pages in memory.
        """
        visibility = visibility if isinstance(visibility, Visibility) else for_request(visibility)
        cities = [city for city in self._linked_cities(visibility) if visibility.page_is_visible(city)]
        return sorted(cities, key=lambda city: (city.title, city.pk))

    def _linked_cities(self, visibility):
        """Every city the story names (also one visitors may not see), read once per request."""
        return visibility.remember(("story cities", self.pk, id(self)), lambda: list(self.cities.all()))

    def get_related_stories(self, limit=3, visibility=None, city_ids=None, type_ids=None):
        """Other stories visitors can see about the same cities, then of the same kinds of exchange; newest first.

        ``city_ids`` and ``type_ids``: the story's cities and kinds of exchange, when the caller has them.
        """
        visible = StoryPage.objects.filter(locale_id=self.locale_id).visible_to(visibility).exclude(pk=self.pk)
        visible = visible.select_related("hero_image").prefetch_related("hero_image__renditions").newest_first()
        if city_ids is None:
            city_ids = [city.pk for city in self.cities.all()]
        if type_ids is None:
            type_ids = [exchange_type.pk for exchange_type in self.exchange_types.all()]
        # Through subqueries on the link tables: a join would need a SELECT DISTINCT.
        links = StoryPage.cities.through.objects.filter(citypage_id__in=city_ids).values("storypage_id")
        related = list(visible.filter(pk__in=links)[:limit]) if city_ids else []
        if len(related) < limit and type_ids:
            links = StoryPage.exchange_types.through.objects.filter(exchangetype_id__in=type_ids)
            more = visible.filter(pk__in=links.values("storypage_id")).exclude(pk__in=[story.pk for story in related])
            related += list(more[: limit - len(related)])
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visibility = for_request(request)
        cities = self.get_cities(visibility)
        exchange_types = list(self.exchange_types.all())
        context["cities"] = cities
        context["exchange_types"] = exchange_types
        context["related_stories"] = self.get_related_stories(
            visibility=visibility,
            city_ids=[city.pk for city in self._linked_cities(visibility)],
            type_ids=[exchange_type.pk for exchange_type in exchange_types],
        )
        return context
