"""
Page query budgets: every page type of the website costs the same number of SQL queries
with 12 cities, stories and resources as with 60 (tests/api/test_query_budgets.py does the
same for the API), and fewer than 15.

Each budget is an exact count of what a visitor costs when the page cache misses, measured
as it happens in production: on a warm process (a first request makes the renditions and
fills Django's content-type cache) whose shared data is warm too (cms/response_cache.py
``shared``: the locales, the restricted page paths and private collections, the site
settings, the menu, the stories section of each language, the story index's filter options;
Wagtail's site root paths), with only the page's own cache entry dropped. What each query is,
is written beside its budget. ``test_without_shared_data`` counts the same pages with the
response cache off (and Django's cache empty): more queries, as many for 60 items as for 12.
The tests after the budgets show that each shared piece is dropped when what it shows changes.
"""

import io

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Site

from cities.factories import (
    ResourceCategoryFactory,
    ResourcePageFactory,
)
from cities.models import CityGalleryImage, CitySource, ResourcePage
from cms import response_cache
from home.factories import StandardPageFactory
from home.models import HomePageFeaturedCity, SiteSettings
from tests.support.bulk import NO_TASKS, cities_and_stories, images, link_stories
from tests.support.html import parse
from tests.support.site import add_children, make_site

# Exact SQL query counts per page, the same for 12 items as for 60.
#
# SERVE: Wagtail's serve view finds the site (with its root page) and the home page as its own
# type; routes down (a child of the home page: its id, then its type; a child of a section: one
# query with the foreign keys every view of it reads, SectionIndexPage.route in home/models.py).
# The locale, the view restrictions (BasePage.get_view_restrictions: no query when the shared
# restricted paths say none applies) and cms/visibility.py's restricted paths come from the
# shared data. For a section (home page > section) that is 4; for the home page 2.
SERVE = 4
SERVE_HOME = 2
# CHROME: the <head>, menus and footer of an HTML page (page_meta in home/templatetags/site_tags.py):
# the page's translations (one query). The pages above it are those routing read; the site
# settings, the menu and the stories section of the language are shared data; the root paths
# for URLs are in Wagtail's cache.
CHROME = 1
# One page of search results, best match first, on both databases: the ids and scores of the
# search's candidates, which give the count too (at most SEARCH_MAX_CANDIDATES, ranked in one
# query: cms/search/bounded.py), then the page's pages.
RANKED_SEARCH = 2
BUDGETS = {
    # SERVE_HOME; featured cities (links, cities, their renditions); CHROME; the overview (cities,
    # city index); the latest stories and their renditions.
    "home": SERVE_HOME + 3 + CHROME + 2 + 2,
    # The cities: one query for the map, the timeline and the table.
    "city index": SERVE + 1 + CHROME,
    # The city, with its hero image and committee (one query); the gallery and its renditions;
    # the hero's renditions (for sharing and the hero); the city's stories and their renditions;
    # its resources; its sources.
    "city page": SERVE + 1 + 2 + 1 + CHROME + 2 + 1 + 1,
    # The count; one page of stories, their renditions, cities and exchange types (the filters'
    # cities, exchange types, years and tags are shared data).
    "story index": SERVE + 1 + CHROME + 4,
    "story index, filtered": SERVE + 1 + CHROME + 4,
    "story index, page 2": SERVE + 1 + CHROME + 4,
    # The stories, their renditions, cities, exchange types and tags (no CHROME: XML).
    "story feed": SERVE + 5,
    # The same, and the city.
    "city story feed": SERVE + 1 + 5,
    # The story with its hero image (one query); its cities, exchange types, related stories and
    # their renditions; the hero's renditions; the tags.
    "story page": SERVE + 1 + 4 + 1 + CHROME + 1,
    # The resources, with their categories and documents.
    "resource index": SERVE + CHROME + 1,
    # The resource with its category and document (one query), its cities.
    "resource page": SERVE + 1 + 1 + CHROME,
    "standard page": SERVE + CHROME,
    # The form's categories and cities.
    "suggestion form": SERVE + CHROME + 2,
    # No page: the rule that pages visitors may see is a subquery of the search (no query of its
    # own); the search-promotions hit counter (read the query, read and update its day: 3); the
    # candidates with the count and one page of results (RANKED_SEARCH), the results as their
    # types; then the site and the home page (the chrome's settings, menu and stories section are
    # shared).
    "search": 3 + RANKED_SEARCH + 1 + 2,
    # The sitemap's index: the site, its root page's translations (once per request, for every
    # section: home/sitemaps.py), one count a section (4). One file of stories: the same first
    # two, the count, the file's rows (values: no page objects, no routing per URL) and the rows
    # of their translations.
    "sitemap index": 2 + 4,
    "sitemap: stories": 2 + 3,
}
# What the shared data saves: with the response cache off each piece is read (once per request).
# The locale, the view restrictions and the restricted paths (serve):
SHARED_SERVE = 3
# The site settings, the menu and the stories section of the language (CHROME):
SHARED_CHROME = 3
# The private collections (a page showing images), Wagtail's root paths (two queries):
PRIVATE_COLLECTIONS = 1
ROOT_PATHS = 2
UNSHARED = {
    "home": SHARED_SERVE + SHARED_CHROME + PRIVATE_COLLECTIONS + ROOT_PATHS,
    "city index": SHARED_SERVE + SHARED_CHROME + ROOT_PATHS,
    "city page": SHARED_SERVE + SHARED_CHROME + PRIVATE_COLLECTIONS + ROOT_PATHS,
    # And the filters' cities, exchange types, years and tags.
    "story index": SHARED_SERVE + SHARED_CHROME + PRIVATE_COLLECTIONS + ROOT_PATHS + 4,
    "story index, filtered": SHARED_SERVE + SHARED_CHROME + PRIVATE_COLLECTIONS + ROOT_PATHS + 4,
    "story index, page 2": SHARED_SERVE + SHARED_CHROME + PRIVATE_COLLECTIONS + ROOT_PATHS + 4,
    "story feed": SHARED_SERVE + ROOT_PATHS,
    "city story feed": SHARED_SERVE + ROOT_PATHS,
    "story page": SHARED_SERVE + SHARED_CHROME + PRIVATE_COLLECTIONS + ROOT_PATHS,
    "resource index": SHARED_SERVE + SHARED_CHROME + ROOT_PATHS,
    "resource page": SHARED_SERVE + SHARED_CHROME + ROOT_PATHS,
    "standard page": SHARED_SERVE + SHARED_CHROME + ROOT_PATHS,
    # The form checks the cities with a Visibility of its own: the restricted paths once more.
    "suggestion form": SHARED_SERVE + 1 + SHARED_CHROME + ROOT_PATHS,
    # No view restrictions (no page is served).
    "search": SHARED_SERVE - 1 + SHARED_CHROME + ROOT_PATHS,
    # The restricted paths and the root paths (no locale, no view restrictions: no page is served).
    "sitemap index": 1 + ROOT_PATHS,
    "sitemap: stories": 1 + ROOT_PATHS,
}
NO_SHARED_DATA = {"ENABLED": False}


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
    # The site settings, as the first visit would have made them.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
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
        "sitemap index": "/sitemap.xml",
        "sitemap: stories": "/sitemap-stories.xml",
        "suggestion form": "/en/resources/suggest/",
    }


def count(client, url, shared=True):
    """The queries of one request that misses the page cache (after a warm-up one), and the response.

    ``shared``: the shared data and Wagtail's root paths stay warm; else Django's cache is emptied.
    """
    client.get(url)
    if shared:
        cache.delete(response_cache.key("page", "testserver", url))
    else:
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
        self.assertLess(len(queries), 15)
        return parse(response) if response["Content-Type"].startswith("text/html") else response

    def test_without_shared_data(self):
        """With the response cache off (no shared data) every page costs more, but as much for 60 items as for 12."""
        with override_settings(RESPONSE_CACHE=NO_SHARED_DATA):
            for name, url in self.urls.items():
                with self.subTest(name):
                    queries, _ = count(self.client, url, shared=False)
                    self.assertEqual(len(queries), BUDGETS[name] + UNSHARED[name], "\n".join(queries))

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

    def test_sitemap(self):
        self.assertContains(self.assertBudget("sitemap index"), "/sitemap-stories.xml")
        response = self.assertBudget("sitemap: stories")
        self.assertEqual(response.content.count(b"<url>"), self.size)


class PageQueryBudgets60(PageQueryBudgets12):
    """The same budgets with 60 of each."""

    size = 60
