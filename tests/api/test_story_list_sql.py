"""
The story lists read without SELECT DISTINCT: a filter on a relation (a city, a kind of exchange,
a tag) is a subquery on its link table, not a join, so no story comes twice and nothing needs
de-duplicating (a DISTINCT over every column made the list and its count slow on long lists).
Checked on the SQL the requests run, and on the results, with stories about several cities,
several kinds of exchange, and a city linked in both its languages.
"""

import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from cities.factories import CityPageFactory, ExchangeTypeFactory, StoryPageFactory
from tests.support.site import make_site

from .conftest import post

NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

STORIES = """
query Stories($city: String, $exchangeType: String, $tag: String) {
  stories(city: $city, exchangeType: $exchangeType, tag: $tag, perPage: 50) {
    items { title }
    pagination { total }
  }
}
"""


def reads_stories(sql):
    """Whether a query reads story rows (or counts them, on the stories' pages: querysets.counted_stories).

    Its first FROM is the stories' table, or it counts pages; not the menu of years (a recursive query).
    """
    first_from = sql[sql.find(" FROM ") :]
    if sql.startswith("WITH RECURSIVE") or '"datefield"' in sql:
        return False
    counts_pages = sql.startswith("SELECT COUNT(*)") and first_from.startswith(' FROM "wagtailcore_page"')
    return first_from.startswith(' FROM "cities_storypage"') or counts_pages


def selects_distinct(queries):
    return [query["sql"] for query in queries if "DISTINCT" in query["sql"].upper()]


@override_settings(TASKS=NO_TASKS)
class StoryListWithoutDistinct(TestCase):
    @classmethod
    def setUpTestData(cls):
        home, city_index, story_index, _ = make_site()
        cls.nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
        cls.berlin = CityPageFactory(parent=city_index, title="Berlin", slug="berlin")
        school, music = ExchangeTypeFactory(slug="school"), ExchangeTypeFactory(slug="music")
        # Nagoya in Spanish too (an editor's translation): a story may link both versions.
        spanish = Locale.objects.get(language_code="es")
        for page in (home, city_index, cls.nagoya):
            page.copy_for_translation(spanish).save_revision().publish()
        nagoya_es = cls.nagoya.get_translation(spanish)

        def story(title, days, cities, kinds, tags=()):
            page = StoryPageFactory(
                parent=story_index,
                title=title,
                date=datetime.date(2024, 1, 1) - datetime.timedelta(days=days),
                cities=cities,
                exchange_types=kinds,
            )
            if tags:
                page.tags.add(*tags)
                page.save_revision().publish()
            return page

        story("Both cities, both kinds", 1, [cls.nagoya, cls.berlin], [school, music], ["youth", "arts"])
        story("Nagoya in two languages", 2, [cls.nagoya, nagoya_es], [school])
        story("Berlin only", 3, [cls.berlin], [music], ["youth"])

    def stories(self, **variables):
        with CaptureQueriesContext(connection) as queries:
            status, body = post(self.client, STORIES, variables)
        self.assertEqual(status, 200, body)
        self.assertNotIn("errors", body)
        self.assertEqual(selects_distinct(queries.captured_queries), [])
        result = body["data"]["stories"]
        titles = [item["title"] for item in result["items"]]
        self.assertEqual(result["pagination"]["total"], len(titles))
        return titles

    def test_a_city_lists_each_of_its_stories_once(self):
        self.assertEqual(self.stories(city="nagoya"), ["Both cities, both kinds", "Nagoya in two languages"])
        self.assertEqual(self.stories(city="berlin"), ["Both cities, both kinds", "Berlin only"])

    def test_a_kind_of_exchange_and_a_tag_list_each_story_once(self):
        self.assertEqual(self.stories(exchangeType="school"), ["Both cities, both kinds", "Nagoya in two languages"])
        self.assertEqual(self.stories(exchangeType="music", tag="youth"), ["Both cities, both kinds", "Berlin only"])

    def test_all_filters_together(self):
        self.assertEqual(
            self.stories(city="nagoya", exchangeType="music", tag="arts"),
            ["Both cities, both kinds"],
        )

    def test_the_unfiltered_list(self):
        self.assertEqual(self.stories(), ["Both cities, both kinds", "Nagoya in two languages", "Berlin only"])

    def test_the_website_story_index_neither(self):
        for query in ("", "?city=nagoya", "?type=music&tag=youth", "?city=berlin&type=music"):
            with self.subTest(query), CaptureQueriesContext(connection) as queries:
                response = self.client.get(f"/en/stories/{query}")
            self.assertEqual(response.status_code, 200)
            # The list and its count (not the menus of years and tags, which list distinct values,
            # nor the moment those menus next change: the first schedule past now, Visibility.next_change).
            story_queries = [
                q for q in queries.captured_queries if reads_stories(q["sql"]) and '"go_live_at" >' not in q["sql"]
            ]
            self.assertEqual(len(story_queries), 2, story_queries)
            self.assertEqual(selects_distinct(story_queries), [])


COUNTS = {
    "no pagination": ("{ stories(perPage: 2) { items { title } } }", 0),
    "the page only": ("{ stories(perPage: 2) { items { title } pagination { page perPage hasPreviousPage } } }", 0),
    "the total": ("{ stories(perPage: 2) { items { title } pagination { total } } }", 1),
    "whether a page follows": ("{ stories(perPage: 2) { items { title } pagination { hasNextPage totalPages } } }", 1),
    # Page 2 must be checked against the end of the list: counted once, whatever is selected.
    "a later page": ("{ stories(page: 2, perPage: 2) { items { title } pagination { total hasNextPage } } }", 1),
    "a later page, no pagination": ("{ stories(page: 2, perPage: 2) { items { title } } }", 1),
}


@override_settings(TASKS=NO_TASKS)
class CountedOnlyWhenAsked(TestCase):
    """A list counts its items only when the client selects a figure that needs the count, or asks
    for a page after the first (which must be checked against the end): a "latest stories" block
    costs no COUNT (cms/graphql/types.py LazyPagination)."""

    @classmethod
    def setUpTestData(cls):
        _, city_index, story_index, _ = make_site()
        city = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
        for days in range(3):
            StoryPageFactory(
                parent=story_index, date=datetime.date(2024, 1, 1) - datetime.timedelta(days=days), cities=[city]
            )

    def test_counts(self):
        for name, (query, counts) in COUNTS.items():
            with self.subTest(name), CaptureQueriesContext(connection) as queries:
                status, body = post(self.client, query)
            self.assertEqual((status, "errors" in body), (200, False), body)
            self.assertEqual(len(body["data"]["stories"]["items"]), 2 if "later" not in name else 1)
            counted = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
            self.assertEqual(len(counted), counts, counted)

    def test_the_figures_from_a_lazy_count(self):
        status, body = post(self.client, "{ stories(perPage: 2) { pagination { total totalPages hasNextPage } } }")
        self.assertEqual(body["data"]["stories"]["pagination"], {"total": 3, "totalPages": 2, "hasNextPage": True})
