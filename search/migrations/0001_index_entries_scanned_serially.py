"""On PostgreSQL, the search index table is read without parallel workers: a bounded search is faster alone.

A search ranks at most SEARCH_MAX_CANDIDATES matches (cms/search/bounded.py): for a common word
the database walks the newest index entries and stops at the bound, about 10 ms at 100,000
stories. The planner, estimating tens of thousands of matches, hands that walk to parallel
workers, whose start-up and merge cost more than the walk itself: 28-38 ms, and two processes
busy instead of one, taken from the requests running beside it (on the 2-core benchmark machine,
at concurrency 2). ``parallel_workers = 0`` on wagtailsearch_indexentry tells the planner not to
split scans of that table. Other tables keep the server's setting. Reversed by resetting it.
Other databases: nothing to do.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def scan_serially(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{TABLE}" SET (parallel_workers = 0)')


def scan_as_the_server_says(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{TABLE}" RESET (parallel_workers)')


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(scan_serially, scan_as_the_server_says, elidable=False)]
