"""``Visibility.next_change``: the next moment a published page of a list goes live or expires.

The shared data keeps the story index's filter menus only until then (cms/response_cache.py).
It is read from the partial indexes on the schedules (home/migrations/0009), one query, first
entry past now, where a MIN read every page of the list: these tests pin the answer for each
kind of page, and that the database can answer from the indexes.
"""

import datetime
import importlib

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

from cities.factories import StoryPageFactory
from cities.models import StoryPage
from cms.visibility import Visibility

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
migration = importlib.import_module("home.migrations.0009_page_schedule_indexes")


def at(days):
    return NOW + datetime.timedelta(days=days)


def story(story_index, **fields):
    page = StoryPageFactory(parent=story_index)
    Page.objects.filter(pk=page.pk).update(**fields)  # the schedule as the scheduler leaves it
    return page


def next_change(queryset):
    visibility = Visibility()
    visibility.now = NOW
    with CaptureQueriesContext(connection) as queries:
        moment = visibility.next_change(queryset)
    assert len(queries) == 1
    return moment


def test_the_earliest_future_moment_of_the_published_pages(story_index):
    stories = StoryPage.objects.child_of(story_index)
    assert next_change(stories) is None  # no story yet
    story(story_index)  # no schedule
    assert next_change(stories) is None
    story(story_index, go_live_at=at(-3))  # went live already
    story(story_index, expire_at=at(-1), expired=False)  # past its expiry, not yet marked expired
    assert next_change(stories) is None
    story(story_index, expire_at=at(9))
    assert next_change(stories) == at(9)
    story(story_index, go_live_at=at(5))
    assert next_change(stories) == at(5)
    # Not published, or expired: their schedules change nothing visitors see.
    story(story_index, live=False, go_live_at=at(1))
    story(story_index, expired=True, expire_at=at(2))
    assert next_change(stories) == at(5)
    story(story_index, expire_at=at(4))
    assert next_change(stories) == at(4)
    # Another list's pages do not count.
    assert next_change(StoryPage.objects.none()) is None
    assert next_change(Page.objects.filter(depth=1)) is None


@pytest.mark.parametrize("field", ["go_live_at", "expire_at"])
def test_each_moment_is_read_from_its_schedule_index(story_index, field):
    later = Page.objects.filter(live=True, expired=False, **{f"{field}__gt": NOW}).order_by(field).values(field)[:1]
    sql, params = later.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    index = next(name for name, column in migration.INDEXES.items() if column == field)
    assert index in plan, plan
