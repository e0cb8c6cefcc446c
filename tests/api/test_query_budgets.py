"""
Query budgets: a list costs the same number of SQL queries for 28 items as for 280,
in English and in Spanish (the same queries with `locale: ES`, on Spanish versions
made as editors make them: copied for translation, then published).

Each budget is an exact count, measured on a warm process (the first request
makes the renditions and fills Django's content-type cache) with a cold Django
cache, so the site root paths are read again: one query.
"""

from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page

from cities.models import CityPage, Committee, ExchangeType, StoryPage
from tests.support.bulk import NO_TASKS, analyze, cities_and_stories, link_stories
from tests.support.site import make_site

from .conftest import post

CITY_DIRECTORY = """
query Directory($perPage: Int) {
  cities(perPage: $perPage, order: NAME) {
    items {
      title slug url countryCode countryName region yearEstablished
      heroImage { altText credit rendition(fill: "640x360", format: "webp") { url width height } }
      committee { name contactEmail }
      stories(perPage: 3) { title slug date exchangeTypes { name slug } }
    }
    pagination { total page perPage totalPages }
  }
}
"""

STORY_LIST = """
query Stories($perPage: Int) {
  stories(perPage: $perPage) {
    items {
      title slug url date intro
      heroImage { altText rendition(width: 640) { url } }
      cities { title slug countryName }
      exchangeTypes { name slug }
      tags { name }
    }
    pagination { total totalPages }
  }
}
"""

TREE = """
query Tree {
  home {
    children(perPage: 10) { title url children(perPage: 100) { title url parent { title } } }
  }
  cityIndex: page(urlPath: "/cities/") {
    descendants(perPage: 100) { title pageType ... on CityPage { countryName } }
  }
}
"""

# Exact SQL query counts, the same for 28 cities (and stories) as for 280. Each is:
# the default locale, the page view restrictions, the site (found for the request)
# and its root paths (for URLs), then one query per list and per relation.
BUDGETS = {
    # + count, cities, collection restrictions, hero images, their renditions,
    #   committees, 3 stories per city (one query: the newest stories' links, ranked per city), those stories,
    #   their exchange-type links, the exchange types.
    "city directory": (CITY_DIRECTORY, 15),
    # + count, stories, collection restrictions, hero images, renditions, city links,
    #   cities, exchange-type links, exchange types, tag links, tags, (locale codes).
    "story list": (STORY_LIST, 16),
    # + the home page, its children (ids and types, then the three index page types),
    #   the site root's translations (for URLs), their children (ids, then cities and
    #   stories), those pages' parents (ids, then two index types), the site root and its
    #   translation (for urlPath), the city index (ids, type), its descendants (ids, cities).
    "tree": (TREE, 21),
}


def in_spanish(query):
    """The same query for the Spanish versions."""
    return (
        query.replace("cities(perPage: $perPage, order: NAME)", "cities(perPage: $perPage, order: NAME, locale: ES)")
        .replace("stories(perPage: $perPage)", "stories(perPage: $perPage, locale: ES)")
        .replace("home {", "home(locale: ES) {")
        .replace('page(urlPath: "/cities/")', 'page(urlPath: "/es/cities/")')
    )


# The Spanish budgets are the English ones: a Spanish story links the English cities and
# exchange types it was copied from, and the Spanish versions are found in the same query
# that reads the linked ones (cms/graphql/fields.py, "_with_translations"); a Spanish city's
# stories are found by its translation key, in the same query (cms/graphql/fields.py, "_Through.pairs").
SPANISH_BUDGETS = {name: (in_spanish(query), budget) for name, (query, budget) in BUDGETS.items()}


def build(size):
    """`size` cities, each with a hero image and a committee, and `size` stories about two cities each."""
    _, city_index, story_index, _ = make_site()
    cities, stories, _ = cities_and_stories(city_index, story_index, size)
    link_stories(stories, lambda n, story: (cities[n], cities[(n + 1) % size]))
    analyze()


def build_spanish():
    """
    A published Spanish version of every page, exchange type and committee `build` made, as an
    editor makes one (copied for translation: the copies keep the English relations and images),
    parents first.
    """
    spanish = Locale.objects.get(language_code="es")
    with override_settings(TASKS=NO_TASKS):
        for snippet in [*ExchangeType.objects.all(), *Committee.objects.all()]:
            snippet.copy_for_translation(spanish).save()
        for page in Page.objects.filter(depth__gte=2).order_by("path").specific():
            copy = page.copy_for_translation(spanish)
            if isinstance(page, (CityPage, StoryPage)):
                copy.title = f"{page.title} (es)"
            copy.save_revision().publish()
    analyze()


def count(client, query):
    post(client, query, {"perPage": 100})  # warm up: renditions made, content types cached
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        status, body = post(client, query, {"perPage": 100} if "$perPage" in query else None)
    assert status == 200 and "errors" not in body, body
    return len(queries), body["data"]


class QueryBudgets28(TestCase):
    """The budgets with 28 cities and 28 stories (all of them on one page)."""

    size = 28
    budgets = BUDGETS
    spanish = False

    def assertInLanguage(self, pages):
        """Every page (by its title) is a Spanish version in the Spanish budgets, an English one otherwise."""
        self.assertTrue(pages)
        self.assertEqual({page["title"].endswith(" (es)") for page in pages}, {self.spanish})

    @classmethod
    def setUpTestData(cls):
        build(cls.size)

    def test_city_directory(self):
        query, budget = self.budgets["city directory"]
        queries, result = count(self.client, query)
        items = result["cities"]["items"]
        self.assertEqual(len(items), min(self.size, 100))
        self.assertEqual(result["cities"]["pagination"]["total"], self.size)
        self.assertTrue(all(item["heroImage"]["rendition"]["url"].endswith(".webp") for item in items))
        self.assertTrue(all(item["committee"] and len(item["stories"]) == 2 for item in items))
        self.assertTrue(all(story["exchangeTypes"] for item in items for story in item["stories"]))
        self.assertInLanguage(items)
        self.assertInLanguage([story for item in items for story in item["stories"]])
        self.assertEqual(queries, budget)

    def test_story_list(self):
        query, budget = self.budgets["story list"]
        queries, result = count(self.client, query)
        items = result["stories"]["items"]
        self.assertEqual(len(items), min(self.size, 100))
        self.assertTrue(all(len(item["cities"]) == 2 and item["exchangeTypes"] and item["tags"] for item in items))
        self.assertInLanguage(items)
        self.assertInLanguage([city for item in items for city in item["cities"]])
        self.assertEqual(queries, budget)

    def test_tree_fields(self):
        query, budget = self.budgets["tree"]
        queries, result = count(self.client, query)
        sections = {child["title"]: child["children"] for child in result["home"]["children"]}
        self.assertEqual(len(sections["Partner cities"]), min(self.size, 100))
        self.assertEqual(len(sections["Stories"]), min(self.size, 100))
        self.assertEqual(len(result["cityIndex"]["descendants"]), min(self.size, 100))
        self.assertInLanguage(result["cityIndex"]["descendants"])
        self.assertEqual(queries, budget)


class QueryBudgets280(QueryBudgets28):
    """The same budgets with 280 cities and 280 stories (the first 100 on a page)."""

    size = 280


class SpanishQueryBudgets28(QueryBudgets28):
    """The budgets for `locale: ES`, on the Spanish versions of the 28 cities and stories."""

    budgets = SPANISH_BUDGETS
    spanish = True

    @classmethod
    def setUpTestData(cls):
        build(cls.size)
        build_spanish()


class SpanishQueryBudgets280(SpanishQueryBudgets28):
    """The Spanish budgets with 280 cities and 280 stories (the first 100 on a page)."""

    size = 280
