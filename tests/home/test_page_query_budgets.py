"""
Page query budgets: every page type of the website costs the same number of SQL queries
with 12 cities, stories and resources as with 60 (tests/api/test_query_budgets.py does the
same for the API).

Each budget is an exact count, measured on a warm process (a first request makes the
renditions and fills Django's content-type cache) with a cold Django cache: what a visitor
costs when the page cache misses. What each query is, is written beside its budget.
"""

import io

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from cities.factories import (
    ResourceCategoryFactory,
    ResourcePageFactory,
)
from cities.models import CityGalleryImage, CitySource, ResourcePage
from home.factories import StandardPageFactory
from home.models import HomePageFeaturedCity
from tests.support.bulk import NO_TASKS, cities_and_stories, images, link_stories
from tests.support.html import parse
from tests.support.site import add_children, make_site

# Exact SQL query counts per page, the same for 12 items as for 60.
#
# SERVE: Wagtail's serve view finds the site, the request's locale (then kept for the request:
# cms/locales.py) and the home page as its own type; routes down (a child of the home page: its
# id, then its type; a child of a section: one query, SectionIndexPage.route in home/models.py);
# reads the view restrictions of the page and of the pages above it (one query,
# BasePage.get_view_restrictions), and cms/visibility.py the paths of the restricted pages.
# For a section (home page > section) that is 7.
SERVE = 7
# CHROME: the <head>, menus and footer of an HTML page (page_meta in home/templatetags/site_tags.py):
# the site settings, the pages above this one, the page's translations, the menu, and the stories
# section of the language for the feed links (found once per request: StoryIndexPage.in_language).
CHROME = 5
# ROOT_PATHS: the site's root paths, for URLs (two queries, once per request; the Django cache
# is cold here, a warm one keeps them).
ROOT_PATHS = 2
BUDGETS = {
    # SERVE without routing (5); featured cities (links, cities, their renditions); CHROME
    # (the stories section is also the "All stories" link); the overview (cities, city index);
    # private collections; the latest stories and their renditions.
    "home": 5 + 3 + CHROME + ROOT_PATHS + 2 + 1 + 2,
    # The cities: one query for the map, the timeline and the table.
    "city index": SERVE + 1 + CHROME + ROOT_PATHS,
    # The city (one query); committee, gallery, its renditions, private collections; the hero
    # image and its renditions (for sharing and the hero); the city's stories and their
    # renditions; its resources; its sources.
    "city page": SERVE + 1 + 4 + CHROME + ROOT_PATHS + 2 + 2 + 1 + 1,
    # The filters' cities, exchange types, years and tags; the count; one page of stories,
    # their renditions, cities and exchange types; private collections.
    "story index": SERVE + 5 + CHROME + ROOT_PATHS + 5,
    "story index, filtered": SERVE + 5 + CHROME + ROOT_PATHS + 5,
    "story index, page 2": SERVE + 5 + CHROME + ROOT_PATHS + 5,
    # The stories, their renditions, cities, exchange types and tags (no CHROME: XML).
    "story feed": SERVE + ROOT_PATHS + 5,
    # The same, and the city.
    "city story feed": SERVE + 1 + ROOT_PATHS + 5,
    # The story (one query); its cities, exchange types, related stories and their renditions;
    # the hero image, private collections, the hero's renditions; the tags.
    "story page": SERVE + 1 + 4 + CHROME + ROOT_PATHS + 3 + 1,
    # The resources, with their categories and documents.
    "resource index": SERVE + CHROME + ROOT_PATHS + 1,
    # The resource (one query), its cities, its category.
    "resource page": SERVE + 1 + 1 + CHROME + ROOT_PATHS + 1,
    "standard page": SERVE + CHROME + ROOT_PATHS,
    # The form's restricted paths (the cities an anonymous visitor may choose), categories, cities.
    "suggestion form": SERVE + ROOT_PATHS + 1 + CHROME + 2,
    # No page: the locale, restricted paths, the ids of the pages visitors may see; the
    # search-promotions hit counter (read the query, read and update its day: 3); the count,
    # the search, the results as their types; then the site, its settings, the home page, the
    # menu, the stories section, and the root paths.
    "search": 3 + 3 + 3 + 5 + ROOT_PATHS,
}


def build(size):
    """The site with `size` cities, stories and resources, a standard page and six featured cities."""
    home, city_index, story_index, resource_index = make_site()
    categories = [ResourceCategoryFactory() for _ in range(4)]
    countries = ["JP", "FR", "MX", "KR", "DE", "NG", "BR", "PH", "IT", "CN"]
    cities, stories, exchange_types = cities_and_stories(
        city_index, story_index, size, story_every_days=40, countries=countries
    )
    with override_settings(TASKS=NO_TASKS):
        gallery = images(size)
        resources = add_children(
            resource_index,
            [
                ResourcePageFactory.build(
                    title=f"Resource {n:03}",
                    link_url=f"https://example.org/{n}",
                    category=categories[n % 4],
                )
                for n in range(size)
            ],
        )
        StandardPageFactory(parent=home, title="About", slug="about")
    # The first city has every story, a gallery and sources in proportion to the size.
    first = cities[0]
    link_stories(stories, lambda n, story: {cities[0], cities[n], cities[(n + 1) % size]})
    ResourcePage.cities.through.objects.bulk_create(
        ResourcePage.cities.through(resourcepage=resource, citypage=city)
        for n, resource in enumerate(resources)
        for city in {cities[0], cities[n]}
    )
    CityGalleryImage.objects.bulk_create(
        CityGalleryImage(page=first, image=image, caption=f"Picture {n}", sort_order=n)
        for n, image in enumerate(gallery[: size // 4])
    )
    CitySource.objects.bulk_create(
        CitySource(page=first, title=f"Source {n}", url=f"https://example.org/source/{n}", sort_order=n)
        for n in range(size // 4)
    )
    HomePageFeaturedCity.objects.bulk_create(
        HomePageFeaturedCity(page=home, city=city, sort_order=n) for n, city in enumerate(cities[:6])
    )
    # The search index, as the task queue would have made it.
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    # The home page in Spanish too, so that the language switcher has a version to link.
    with override_settings(TASKS=NO_TASKS):
        home.copy_for_translation(Locale.objects.get(language_code="es")).save_revision().publish()
    return {
        "home": "/en/",
        "city index": "/en/cities/",
        "city page": first.url,
        "story index": "/en/stories/",
        "story index, filtered": f"/en/stories/?city={cities[1].slug}&type={exchange_types[0].slug}",
        "story index, page 2": "/en/stories/?page=2",
        "story feed": "/en/stories/feeds/rss/",
        "city story feed": f"/en/stories/feeds/{first.slug}/atom/",
        "story page": stories[1].url,
        "resource index": "/en/resources/",
        "resource page": resources[0].url,
        "standard page": "/en/about/",
        "search": "/en/search/?query=story",
        "suggestion form": "/en/resources/suggest/",
    }


def count(client, url):
    """The queries of one uncached request (after a warm-up one), and the response."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in queries.captured_queries], response


class PageQueryBudgets12(TestCase):
    """The budgets with 12 cities, stories and resources."""

    size = 12

    @classmethod
    def setUpTestData(cls):
        cls.urls = build(cls.size)

    def assertBudget(self, name):
        queries, response = count(self.client, self.urls[name])
        self.assertEqual(len(queries), BUDGETS[name], "\n".join(queries))
        return parse(response) if response["Content-Type"].startswith("text/html") else response

    def test_home(self):
        html = self.assertBudget("home")
        self.assertEqual(len(html.select(".card--city")), 6)
        self.assertEqual(len(html.select(".card--story")), 6)
        self.assertEqual(len(html.select(".card--story img")), 6)

    def test_city_index(self):
        html = self.assertBudget("city index")
        self.assertEqual(len(html.select('th[scope="row"]')), self.size)

    def test_city_page(self):
        html = self.assertBudget("city page")
        self.assertEqual(len(html.select(".card--story")), 6)
        self.assertIn(f"Source {self.size // 4 - 1}", html.get_text())

    def test_story_index(self):
        for name in ("story index", "story index, filtered", "story index, page 2"):
            with self.subTest(name):
                html = self.assertBudget(name)
                self.assertTrue(html.select(".card--story img"))

    def test_feeds(self):
        for name in ("story feed", "city story feed"):
            with self.subTest(name):
                self.assertContains(self.assertBudget(name), "Story 000")

    def test_story_page(self):
        html = self.assertBudget("story page")
        self.assertIn("City 000", html.get_text())
        self.assertEqual(len(html.select(".card--story")), 3)

    def test_resources(self):
        for name in ("resource index", "resource page", "suggestion form"):
            with self.subTest(name):
                self.assertBudget(name)

    def test_standard_page(self):
        self.assertBudget("standard page")

    def test_search(self):
        html = self.assertBudget("search")
        self.assertIn(f"{self.size} results", html.get_text())


class PageQueryBudgets60(PageQueryBudgets12):
    """The same budgets with 60 of each."""

    size = 60
