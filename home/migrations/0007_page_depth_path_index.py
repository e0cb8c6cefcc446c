"""An index for a page's children: Wagtail's page tree on (depth, path).

Wagtail finds a page's children with ``depth = parent.depth + 1 AND path BETWEEN <parent's
path>0000 AND <parent's path>ZZZZ``. Its only index is on ``path``, which the planner rightly
refuses when the range holds almost every page: the home page's children (the menu, the
sections) are under the same path as 100,000 stories, so each look-up read the whole page table
(40 ms at 100,000 stories). On (depth, path) the menu's few rows at depth 3 are found directly.
Plain SQL on both databases (``IF NOT EXISTS``): the table is Wagtail's, not ours to declare
an index on in a model.
"""

from django.db import migrations

INDEX = "home_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_search_index_title_body"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "wagtailcore_page" ("depth", "path")',
            f'DROP INDEX IF EXISTS "{INDEX}"',
            elidable=False,
        )
    ]
