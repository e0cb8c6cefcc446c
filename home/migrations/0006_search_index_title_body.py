"""An index for full-text search on PostgreSQL: the text Wagtail's backend matches, title and body together.

Wagtail's PostgreSQL backend matches a query against ``title || body`` of wagtailsearch_indexentry
(one tsvector, so a query's words may be found one in the title and another in the body). Its own
GIN indexes are on each column alone, which that expression cannot use: every search read every
entry. This GIN index is on the expression itself, so the match is an index scan. Other databases:
nothing to do (SQLite has its FTS5 table).
"""

from django.db import migrations

INDEX = "home_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "wagtailsearch_indexentry" USING gin (("title" || "body"))'
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_scheduler_lease"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
