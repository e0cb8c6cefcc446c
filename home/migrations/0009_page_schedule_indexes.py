"""Partial indexes on the pages' schedules: the next moment a page goes live or expires.

The shared data (cms/response_cache.py) keeps a value only until the next moment one of its
pages goes live or expires by the clock (``Visibility.next_change``). That moment was a MIN over
every page in the list, read on each computation: at 100,000 stories two full reads of the story
pages whenever the story index's filter menus were built. Almost no page has a schedule, so an
index on ``go_live_at`` (and one on ``expire_at``) holding only the pages that have one is tiny,
and the first moment after now is its first entry past now. Plain SQL on both databases
(``IF NOT EXISTS``): the table is Wagtail's.
"""

from django.db import migrations

INDEXES = {
    "home_page_go_live_at": "go_live_at",
    "home_page_expire_at": "expire_at",
}


class Migration(migrations.Migration):
    dependencies = [("home", "0008_page_table_scanned_serially")]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "wagtailcore_page" ("{column}") WHERE "{column}" IS NOT NULL',
            f'DROP INDEX IF EXISTS "{name}"',
            elidable=False,
        )
        for name, column in INDEXES.items()
    ]
