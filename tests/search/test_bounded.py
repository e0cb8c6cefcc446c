"""
A search ranks at most SEARCH_MAX_CANDIDATES matches, the most recently indexed (cms/search/bounded.py).

Below the bound it gives what Wagtail's own backend gives (the same pages, in the same order,
the same count), compared query by query on the same fixtures; above it, the count stops at the
bound, says it is capped (on the search page and in the API), and the results are the best of
the newest visible matches: pages visitors may not see, and the other language's, never take a
candidate's place. Run on SQLite and on PostgreSQL (``python -m tests.services postgres -- ...``).
"""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from cities.factories import CityPageFactory, ResourcePageFactory, StoryPageFactory
from cms.visibility import Visibility
from search.views import searchable_pages
from tests.api.conftest import post
from tests.support.site import make_private

pytestmark = pytest.mark.django_db

# Stories whose texts match "orchestra" more or less well: in the title, once or several times
# in the intro, with other words, so that their scores differ (and some tie).
STORIES = [
    ("Orchestra orchestra", "The orchestra of the youth orchestra played with another orchestra."),
    ("Summer festival", "Students met the orchestra."),
    ("Harbour visit", "The mayor heard an orchestra and a choir; the orchestra played twice."),
    ("Orchestra exchange", "Students of both cities rehearsed."),
    ("Garden party", "An orchestra of students played in the garden."),
    ("Library week", "Students read about an orchestra."),
    ("Football match", "No music at all."),
    ("Twin concerts", "Students met the orchestra."),  # the same text as "Summer festival": a tie
    ("School orchestra", "The school orchestra of students toured the partner city's schools."),
    ("Museum night", "The museum's orchestra of students played for the mayor."),
]
QUERIES = ["orchestra", "students", "orchestra students", "mayor orchestra", "garden", "nothing-matches-this"]


@pytest.fixture
def stories(story_index, city_index, resource_index):
    made = [StoryPageFactory(parent=story_index, title=title, intro=intro) for title, intro in STORIES]
    CityPageFactory(parent=city_index, title="Orchestra city", summary="Home of a students' orchestra.")
    ResourcePageFactory(parent=resource_index, title="Orchestra guide", description="For students.")
    return made


def site_search(words, language="en"):
    """The site search's results for ``words``, as search/views.py asks the backend for them."""
    with translation.override(language):
        visibility = Visibility()
        return get_search_backend().search(words, visibility.pages_for_search(searchable_pages(visibility)).specific())


def wagtail_order(results):
    """The same search by Wagtail's own query (its compiler's ``search``), unbounded: pks, best first."""
    compiler = results.query_compiler
    backend = results.backend
    config = compiler.get_config(backend)
    extra = {"backend": backend} if connection.vendor == "postgresql" else {}
    return [page.pk for page in compiler.search(config, None, None, **extra)]


@pytest.mark.parametrize("words", QUERIES)
def test_below_the_bound_the_same_results_in_the_same_order_as_wagtails_backend(stories, words):
    results = site_search(words)

    expected = wagtail_order(site_search(words))
    assert [page.pk for page in results] == expected
    assert results.count() == len(expected)
    assert results.capped is False
    # Every slice is the same slice of the whole.
    assert [page.pk for page in results[2:5]] == expected[2:5]


def test_scores_are_wagtails_scores(stories):
    results = site_search("orchestra").annotate_score("score")
    reference = site_search("orchestra")
    compiler = reference.query_compiler
    extra = {"backend": reference.backend} if connection.vendor == "postgresql" else {}
    expected = {
        page.pk: page.score
        for page in compiler.search(compiler.get_config(reference.backend), None, None, score_field="score", **extra)
    }
    assert {page.pk: page.score for page in results} == pytest.approx(expected)


@override_settings(SEARCH_MAX_CANDIDATES=4)
def test_above_the_bound_the_best_of_the_newest_matches_and_a_capped_count(stories):
    results = site_search("orchestra")

    # 11 stories, cities and resources match: the count stops at the bound and says so.
    assert results.count() == 4
    assert results.capped is True
    # The candidates are the four most recently indexed matches (the city and the resource, made
    # last, and the last two stories that match), ranked as Wagtail ranks them.
    newest = ["Orchestra guide", "Orchestra city", "Museum night", "School orchestra"]
    found = [page.title for page in results]
    assert sorted(found) == sorted(newest)
    assert [page.pk for page in results] == [
        pk for pk in wagtail_order(site_search("orchestra")) if pk in {page.pk for page in results}
    ]
    # The best match of all, made first, is not among them.
    assert "Orchestra orchestra" not in found


@override_settings(SEARCH_MAX_CANDIDATES=3)
def test_hidden_and_other_language_pages_never_take_a_candidates_place(stories, story_index):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    now = timezone.now()
    # Newer than every visible match, and matching: none of them may be a candidate.
    StoryPageFactory(parent=story_index, title="Orchestra draft", intro="orchestra", live=False)
    StoryPageFactory(
        parent=story_index, title="Orchestra later", intro="orchestra", go_live_at=now + datetime.timedelta(days=1)
    )
    StoryPageFactory(
        parent=story_index, title="Orchestra expired", intro="orchestra", expire_at=now - datetime.timedelta(days=1)
    )
    make_private(StoryPageFactory(parent=story_index, title="Orchestra private", intro="orchestra"))
    spanish_story = stories[-1].copy_for_translation(spanish, copy_parents=True)  # the newest English match's
    spanish_story.title = "Orquesta orchestra"
    spanish_story.save_revision().publish()

    results = site_search("orchestra")

    # The three newest visible English matches.
    assert sorted(page.title for page in results) == ["Museum night", "Orchestra city", "Orchestra guide"]
    assert results.count() == 3
    assert results.capped is True


@override_settings(SEARCH_MAX_CANDIDATES=4)
def test_the_search_page_says_more_than_the_bound(client, stories):
    response = client.get("/en/search/", {"query": "orchestra"})

    assert response.status_code == 200
    assert response.context["capped"] is True
    assert response.context["paginator"].count == 4
    assertContains(response, "More than 4 results for “orchestra”")
    assertNotContains(response, "4 results for “orchestra”</h2>")

    response = client.get("/en/search/", {"query": "mayor"})
    assert response.context["capped"] is False
    assertContains(response, "2 results for “mayor”")
    assertNotContains(response, "More than")


SEARCH = """
query SiteSearch($search: String!) {
  search(search: $search, perPage: 2) {
    items { title }
    pagination { total totalIsCapped totalPages }
  }
}
"""


@override_settings(SEARCH_MAX_CANDIDATES=4)
def test_the_api_says_its_total_is_capped(client, stories):
    status, body = post(client, SEARCH, {"search": "orchestra"})
    assert status == 200, body
    assert body["data"]["search"]["pagination"] == {"total": 4, "totalIsCapped": True, "totalPages": 2}

    status, body = post(client, SEARCH, {"search": "mayor"})
    assert status == 200, body
    assert body["data"]["search"]["pagination"] == {"total": 2, "totalIsCapped": False, "totalPages": 1}


@override_settings(SEARCH_MAX_CANDIDATES=4)
def test_the_api_lists_search_within_the_bound(client, stories):
    query = """
    query { stories(search: "orchestra", perPage: 100) { items { title } pagination { total totalIsCapped } } }
    """
    status, body = post(client, query, {})
    assert status == 200, body
    titles = [item["title"] for item in body["data"]["stories"]["items"]]
    # The four newest matching stories are the candidates ("Football match" does not match).
    assert sorted(titles) == ["Library week", "Museum night", "School orchestra", "Twin concerts"]
    assert body["data"]["stories"]["pagination"]["total"] == 4


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan and table options")
def test_postgresql_can_walk_the_newest_entries_and_stop_at_the_bound(stories):
    """The candidates' query can be answered by walking the entries' primary key backwards, one at a time."""
    results = site_search("orchestra")
    with CaptureQueriesContext(connection) as queries:
        results.count()
    (candidates,) = [query["sql"] for query in queries if "wagtailsearch_indexentry" in query["sql"]]
    bound = settings.SEARCH_MAX_CANDIDATES
    assert candidates.endswith(f'ORDER BY "wagtailsearch_indexentry"."id" DESC LIMIT {bound + 1}')
    with connection.cursor() as cursor:
        # A test database is tiny, so sorting every match would win on cost: ask what it does when it may not.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + candidates)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        # search/migrations/0001: no parallel workers for the search index table.
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'wagtailsearch_indexentry'")
        (options,) = cursor.fetchone()
    assert "Index Scan Backward using wagtailsearch_indexentry_pkey" in plan, plan
    assert "Gather" not in plan, plan
    assert "parallel_workers=0" in options
