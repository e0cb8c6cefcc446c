"""
Search costs the same at every size: the site's search page and the API's `search` cost the same
exact number of SQL queries with 12 matching stories as with 60, and what visitors may not see
(a draft, a story scheduled for later, an expired one, one behind a password) is in neither the
results nor their count. The visibility rule is a subquery of the search (cms/visibility.py,
``pages_for_search``), not a list of every visible page's id; on SQLite the matches are ranked in
one pass (cms/search/sqlite.py). Each count is measured with a cold Django cache after a warm-up.
"""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cities.factories import StoryPageFactory
from tests.api.conftest import post
from tests.support.site import add_children, make_private, make_site

# The count and one page of results, best match first, on both databases: the ids and scores of
# the candidates (at most SEARCH_MAX_CANDIDATES, ranked in one query: cms/search/bounded.py),
# then the page's pages.
RANKED_SEARCH = 2
# The search page: the locale, restricted paths; the search-promotions hit counter (3); the
# count and one page of results, the results as their types; the site, its settings, the home
# page, the menu, the stories section; the root paths (2, the Django cache is cold).
SEARCH_PAGE = 2 + 3 + RANKED_SEARCH + 1 + 5 + 2
# The API: the default locale, restricted paths; the count and one page of results, the results
# as their types; the site and its root paths (2), for the URLs.
API_SEARCH = 2 + RANKED_SEARCH + 1 + 1 + 2

SEARCH = """
query SiteSearch($search: String!, $page: Int) {
  search(search: $search, page: $page, perPage: 5) {
    items { title url ... on StoryPage { date } }
    pagination { total totalPages }
  }
}
"""


def counted(request):
    request()  # warm up: content types cached
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = request()
    return len(queries), response


class SearchCost12(TestCase):
    size = 12

    @classmethod
    def setUpTestData(cls):
        _, _, story_index, _ = make_site()
        add_children(
            story_index,
            [
                StoryPageFactory.build(
                    title=f"Orchestra exchange {n:03}",
                    intro="Students of the youth orchestra played together.",
                    date=datetime.date(2024, 1, 1) - datetime.timedelta(days=n),
                )
                for n in range(cls.size)
            ],
        )
        now = timezone.now()
        hidden = {
            "Orchestra draft": {"live": False},
            "Orchestra expired": {"expire_at": now - datetime.timedelta(days=1)},
            "Orchestra scheduled": {"go_live_at": now + datetime.timedelta(days=1)},
            "Orchestra private": {},
        }
        for title, fields in hidden.items():
            page = StoryPageFactory(parent=story_index, title=title, intro="The youth orchestra.", **fields)
            if title == "Orchestra private":
                make_private(page)

    def test_search_page(self):
        queries, response = counted(lambda: self.client.get("/en/search/", {"query": "orchestra", "page": 2}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(queries, SEARCH_PAGE)
        self.assertEqual(response.context["paginator"].count, self.size)
        titles = [page.title for page in response.context["search_results"]]
        self.assertTrue(titles)
        self.assertTrue(all(title.startswith("Orchestra exchange") for title in titles))

    def test_api_search(self):
        def request():
            return post(self.client, SEARCH, {"search": "orchestra", "page": 2})

        queries, (status, body) = counted(request)
        self.assertEqual(status, 200, body)
        self.assertNotIn("errors", body)
        self.assertEqual(queries, API_SEARCH)
        self.assertEqual(body["data"]["search"]["pagination"]["total"], self.size)
        titles = [item["title"] for item in body["data"]["search"]["items"]]
        self.assertEqual(len(titles), 5)
        self.assertTrue(all(title.startswith("Orchestra exchange") for title in titles))

    def test_no_hidden_story_on_any_page_of_results(self):
        seen = []
        for page in range(1, -(-self.size // 5) + 1):  # every page of results
            status, body = post(self.client, SEARCH, {"search": "orchestra", "page": page})
            self.assertEqual(status, 200, body)
            seen += [item["title"] for item in body["data"]["search"]["items"]]
        self.assertEqual(sorted(seen), [f"Orchestra exchange {n:03}" for n in range(self.size)])


class SearchCost60(SearchCost12):
    size = 60
