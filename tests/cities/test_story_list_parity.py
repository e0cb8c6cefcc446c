"""The story lists read at a cost that does not grow with the stories (cities/querysets.py) list
exactly what a straightforward reading lists: the same stories in the same order, the same count,
the same years and tags in the filter menus, on the website's story index and the API's `stories`.

The straightforward reading: every story of the section loaded, kept when cms/visibility.py's rule
for a page in memory says visitors may see it, sorted newest first with the id breaking ties. With
stories hidden in each way (a draft, expired, due to go live later, past its expiry date, behind a
password, in the other language), ties in date, and every filter alone and together. Runs on
SQLite, and on PostgreSQL with `python -m tests.services postgres -- ...`.
"""

import datetime
import itertools

from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.models import Locale, Page

from cities.factories import CityPageFactory, ExchangeTypeFactory, StoryPageFactory
from cities.models import StoryPage
from cms.visibility import Visibility
from tests.api.conftest import post
from tests.support.site import make_private, make_site

NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

STORIES = """
query Stories($city: String, $exchangeType: String, $tag: String, $page: Int, $order: StoryOrder) {
  stories(city: $city, exchangeType: $exchangeType, tag: $tag, page: $page, perPage: 4, order: $order) {
    items { title }
    pagination { total totalPages }
  }
}
"""


@override_settings(TASKS=NO_TASKS)
class StoryListParity(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, city_index, cls.index, _ = make_site()
        cls.nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
        cls.berlin = CityPageFactory(parent=city_index, title="Berlin", slug="berlin")
        school, music = ExchangeTypeFactory(slug="school"), ExchangeTypeFactory(slug="music")
        days = [
            datetime.date(2024, 3, 1),
            datetime.date(2024, 3, 1),  # a tie: the id decides
            datetime.date(2023, 12, 31),
            datetime.date(2023, 1, 1),
            datetime.date(2021, 6, 1),
            datetime.date(2021, 6, 1),
            datetime.date(2019, 2, 2),
        ]
        cities = itertools.cycle([[cls.nagoya], [cls.berlin], [cls.nagoya, cls.berlin]])
        kinds = itertools.cycle([[school], [music], [school, music], []])
        tags = itertools.cycle([["youth"], ["arts", "youth"], []])
        stories = []
        for number, (day, town, kind, tag) in enumerate(zip(days * 3, cities, kinds, tags, strict=False)):
            story = StoryPageFactory(
                parent=cls.index, title=f"Story {number:02}", date=day, cities=town, exchange_types=kind
            )
            if tag:
                story.tags.add(*tag)
                story.save_revision().publish()
            stories.append(story)
        now = timezone.now()
        # Hidden, each its own way: a tag ("hidden") and a year (1999) only hidden stories carry.
        hidden = [
            StoryPageFactory(parent=cls.index, title=f"Hidden {n}", date=datetime.date(1999, 1, 1), cities=[cls.nagoya])
            for n in range(5)
        ]
        for story in hidden:
            story.tags.add("hidden")
            story.save_revision().publish()
        Page.objects.filter(pk=hidden[0].pk).update(live=False)
        Page.objects.filter(pk=hidden[1].pk).update(expired=True)
        Page.objects.filter(pk=hidden[2].pk).update(go_live_at=now + datetime.timedelta(days=3))
        Page.objects.filter(pk=hidden[3].pk).update(expire_at=now - datetime.timedelta(days=3))
        make_private(hidden[4])
        # A story due to expire later is still shown.
        Page.objects.filter(pk=stories[0].pk).update(expire_at=now + datetime.timedelta(days=3))
        # The Spanish section's stories are not the English list's.
        spanish = Locale.objects.get(language_code="es")
        for page in (cls.index.get_parent(), cls.index):
            page.copy_for_translation(spanish).save_revision().publish()

    def expected(self, city=None, kind=None, tag=None):
        """The straightforward reading: every story loaded, filtered and sorted in Python."""
        visibility = Visibility()
        shown = [
            story
            for story in StoryPage.objects.child_of(self.index).prefetch_related("cities", "exchange_types", "tags")
            if visibility.page_is_visible(story)
        ]
        menus = (
            sorted({story.date.year for story in shown}, reverse=True),
            sorted({name for story in shown for name in story.tags.names()}),
        )
        if city:
            shown = [story for story in shown if city in {c.slug for c in story.cities.all()}]
        if kind:
            shown = [story for story in shown if kind in {k.slug for k in story.exchange_types.all()}]
        if tag:
            shown = [story for story in shown if tag in story.tags.names()]
        shown.sort(key=lambda story: (story.date, story.pk), reverse=True)
        return [story.title for story in shown], menus

    FILTERS = [{}, {"city": "nagoya"}, {"kind": "music"}, {"tag": "youth"}, {"city": "berlin", "kind": "school"}]

    def test_the_website_lists_the_same_stories_count_and_menus(self):
        for filters in self.FILTERS:
            titles, (years, tags) = self.expected(**filters)
            query = {"city": filters.get("city"), "type": filters.get("kind"), "tag": filters.get("tag")}
            query = "&".join(f"{key}={value}" for key, value in query.items() if value)
            listed = []
            for number in range(1, max(1, (len(titles) + 11) // 12) + 1):
                with self.subTest(filters=filters, page=number):
                    response = self.client.get(f"/en/stories/?{query}&page={number}".replace("?&", "?"))
                    self.assertEqual(response.status_code, 200)
                    context = response.context
                    self.assertEqual(context["paginator"].count, len(titles))
                    self.assertEqual(context["filter_years"], years)
                    self.assertEqual([tag.name for tag in context["filter_tags"]], tags)
                    listed += [story.title for story in context["stories"]]
            self.assertEqual(listed, titles)

    def test_the_api_lists_the_same_stories_and_total(self):
        for filters in self.FILTERS:
            titles, _ = self.expected(**filters)
            variables = {"city": filters.get("city"), "exchangeType": filters.get("kind"), "tag": filters.get("tag")}
            listed = []
            for number in range(1, (len(titles) + 3) // 4 + 1):
                with self.subTest(filters=filters, page=number):
                    status, body = post(self.client, STORIES, {**variables, "page": number})
                    self.assertEqual(status, 200, body)
                    self.assertNotIn("errors", body)
                    result = body["data"]["stories"]
                    self.assertEqual(result["pagination"]["total"], len(titles))
                    self.assertEqual(result["pagination"]["totalPages"], max(1, (len(titles) + 3) // 4))
                    listed += [item["title"] for item in result["items"]]
            self.assertEqual(listed, titles)

    def test_every_order_reads_deep_pages_from_either_end_alike(self):
        # Pages past the middle are read walking the reversed order (querysets.story_window).
        visibility = Visibility()
        shown = [story for story in StoryPage.objects.child_of(self.index) if visibility.page_is_visible(story)]
        orders = {
            "OLDEST": sorted(shown, key=lambda story: (story.date, story.pk)),
            "TITLE": sorted(shown, key=lambda story: (story.title, story.pk)),
        }
        for order, stories in orders.items():
            listed = []
            for number in range(1, (len(stories) + 3) // 4 + 1):
                status, body = post(self.client, STORIES, {"order": order, "page": number})
                self.assertNotIn("errors", body)
                listed += [item["title"] for item in body["data"]["stories"]["items"]]
            self.assertEqual(listed, [story.title for story in stories], order)

    def test_a_tag_or_year_of_hidden_stories_only_is_refused(self):
        _, (years, tags) = self.expected()
        self.assertNotIn(1999, years)
        self.assertNotIn("hidden", tags)
        status, body = post(self.client, STORIES, {"tag": "hidden"})
        self.assertIn("No story has the tag", body["errors"][0]["message"])
        response = self.client.get("/en/stories/?year=1999")
        self.assertFalse(response.context["filtered"])
        self.assertEqual(response.context["paginator"].count, len(self.expected()[0]))

    def test_a_page_past_the_end_is_still_an_error_or_the_last_page(self):
        titles, _ = self.expected()
        pages = (len(titles) + 3) // 4
        status, body = post(self.client, STORIES, {"page": pages + 1})
        self.assertIn(f"page {pages + 1} is past the end", body["errors"][0]["message"])
        response = self.client.get("/en/stories/?page=99")
        self.assertEqual(response.context["stories"].number, response.context["paginator"].num_pages)
