"""The full-text index of PostgreSQL search (home/migrations/0006_search_index_title_body.py).

Wagtail's PostgreSQL backend matches a query against ``title || body``; the migration indexes that
expression, so a search reads the matching entries only. These tests check that the index is
there on PostgreSQL, that PostgreSQL can use it for the very query the site's search runs (if
Wagtail ever matched another expression, the index would be dead weight and this would fail),
and that on SQLite the migration does nothing.
"""

import contextlib
import importlib

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.visibility import Visibility
from search.views import searchable_pages

pytestmark = pytest.mark.django_db

INDEX = "home_search_title_body_gin"
migration = importlib.import_module("home.migrations.0006_search_index_title_body")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an index of PostgreSQL's text search")
def test_the_match_of_a_search_reads_the_title_and_body_index(story_index):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry' AND indexname = %s",
            [INDEX],
        )
        (definition,) = cursor.fetchone()
    assert "USING gin" in definition and "(title || body)" in definition

    # The site's search matches exactly the indexed expression...
    visibility = Visibility()
    results = visibility.pages_for_search(searchable_pages(visibility)).search("music festival")
    with CaptureQueriesContext(connection) as queries:
        list(results[:10])
    (search,) = [query["sql"] for query in queries if "wagtailsearch_indexentry" in query["sql"]]
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in search

    # ...and PostgreSQL reads the index for it (a test database is tiny, so reading the table
    # through would win on cost: ask what it does when it may not).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('english', 'music')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {INDEX}" in plan, plan


def index_exists():
    with connection.cursor() as cursor:
        return INDEX in connection.introspection.get_constraints(cursor, "wagtailsearch_indexentry")


@contextlib.contextmanager
def schema_editor():
    """PostgreSQL's, inside the test's transaction (its DDL is transactional). SQLite's cannot be
    entered inside one, and the migration does nothing there: it is only handed over."""
    if connection.vendor == "postgresql":
        with connection.schema_editor() as editor:
            yield editor
    else:
        yield connection.schema_editor()


def test_the_migration_adds_the_index_on_postgresql_only_and_reverses():
    postgresql = connection.vendor == "postgresql"
    assert index_exists() is postgresql

    with schema_editor() as editor:
        migration.drop_index(None, editor)
    assert index_exists() is False
    with schema_editor() as editor:
        migration.create_index(None, editor)
    assert index_exists() is postgresql
