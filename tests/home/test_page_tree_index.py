"""The index on Wagtail's page tree by (depth, path) (home/migrations/0007_page_depth_path_index.py).

A page's children are ``depth = d AND path BETWEEN p0000 AND pZZZZ``: with 100,000 stories under
the home page, the range alone matches every page, and the menu read the whole table. These
tests check that the database can answer that look-up from the index (a test database is tiny,
so a table scan would win on cost: each is asked what it does when it may not scan), and that
the migration reverses.
"""

import importlib

import pytest

from django.db import connection

pytestmark = pytest.mark.django_db

migration = importlib.import_module("home.migrations.0007_page_depth_path_index")
INDEX = migration.INDEX


def plan_of(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On a tiny table the planner may as well take the path index and filter the depth (it
            # reads a few rows either way): without it and without a table scan, it must answer
            # from ours or not at all. Both come back when the test's transaction rolls back.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE wagtailcore_page DROP CONSTRAINT wagtailcore_page_path_key CASCADE")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cursor.fetchall())


def index_exists():
    with connection.cursor() as cursor:
        return INDEX in connection.introspection.get_constraints(cursor, "wagtailcore_page")


def test_the_children_of_a_page_are_read_from_the_depth_and_path_index(home_page, story_index):
    home_page.refresh_from_db()  # it has a child now
    menu = home_page.get_children().live().in_menu()
    assert "depth" in str(menu.query) and "BETWEEN" in str(menu.query)  # Wagtail's look-up, as the index expects
    assert INDEX in plan_of(menu)


def test_the_migration_reverses(home_page, story_index):
    home_page.refresh_from_db()
    assert index_exists()
    with connection.cursor() as cursor:  # DDL inside the test's transaction: both databases roll it back
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no DDL on a table with deferred checks pending
        cursor.execute(migration.Migration.operations[0].reverse_sql)
    assert not index_exists()
    with connection.cursor() as cursor:
        cursor.execute(migration.Migration.operations[0].sql)
    assert index_exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL table option")
def test_the_page_table_is_counted_without_parallel_workers(story_index):
    """home/migrations/0008: a count over the pages runs in one process (no Gather in its plan),
    however many rows the planner expects."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'wagtailcore_page'")
        (options,) = cursor.fetchone()
        # Make parallel plans as cheap as can be, so that only the table's option forbids one.
        for setting in ("parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size"):
            cursor.execute(f"SET LOCAL {setting} = 0")
        cursor.execute("EXPLAIN SELECT COUNT(*) FROM wagtailcore_page WHERE live")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "parallel_workers=0" in options
    assert "Gather" not in plan, plan
