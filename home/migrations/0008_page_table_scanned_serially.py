"""On PostgreSQL, Wagtail's page table is read without parallel workers, as the search index is.

Counting a long list (the story index's "N stories", the API's ``pagination.total``) reads one
row per page: at 100,000 stories about 25 ms in one process. The planner splits that scan
between two parallel workers: the count then takes about as long, but three processes instead
of one, taken from the requests running beside it (at concurrency 2 on the 2-core benchmark
machine the story index's p50 was 202 ms, against 90 ms alone). ``parallel_workers = 0`` on
wagtailcore_page tells the planner not to split scans of it; other tables keep the server's
setting (search/migrations/0001 does the same for the search index). Reversed by resetting it.
Other databases: nothing to do.
"""

from django.db import migrations

TABLE = "wagtailcore_page"


def scan_serially(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{TABLE}" SET (parallel_workers = 0)')


def scan_as_the_server_says(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{TABLE}" RESET (parallel_workers)')


class Migration(migrations.Migration):
    dependencies = [("home", "0007_page_depth_path_index")]

    operations = [migrations.RunPython(scan_serially, scan_as_the_server_says, elidable=False)]
