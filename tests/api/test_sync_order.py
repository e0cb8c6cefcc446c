"""
Change ids follow commit order, so a sync token (the last id a partner saw) never skips a change.

On PostgreSQL two publishes can insert their changes in one order and commit in the other; a
partner syncing between the two commits would take the later id as its token and never see the
earlier one. cms.changes.recorder holds a transaction-scoped advisory lock from the insert to the
commit. Here one transaction records a change and stays open; a second one must wait for it
instead of committing a change a reader could see first.
"""

import threading
import time

import pytest

from django.db import connection, connections, transaction

from cms.changes.models import Change
from cms.changes.recorder import LOG_LOCK, record

pytestmark = [
    # serialized_rollback, like every committing test here: puts back the rows migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: runs in the second pass of `make test` (SQLite has one writer at a time)",
    ),
]


def change(object_id):
    return Change(event=Change.Event.PUBLISHED, object_type=Change.ObjectType.STORY, object_id=object_id, locale="en")


def waiting_for_the_log_lock():
    """Whether some session waits for the change log's advisory lock (PostgreSQL's lock table)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = %s",
            [LOG_LOCK & 0xFFFFFFFF],
        )
        return cursor.fetchone()[0] > 0


def test_a_later_publish_waits_for_an_earlier_one_to_commit():
    first_recorded, first_may_commit, second_done = threading.Event(), threading.Event(), threading.Event()
    failures = []

    def first():
        try:
            with transaction.atomic():
                record([change(1)])
                first_recorded.set()
                assert first_may_commit.wait(30)
        except Exception as error:  # reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    def second():
        try:
            with transaction.atomic():
                record([change(2)])
            second_done.set()
        except Exception as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first)]
    threads[0].start()
    assert first_recorded.wait(30)
    threads.append(threading.Thread(target=second))
    threads[1].start()
    try:
        # Either the second publish commits (the bug) or it waits for the lock: whichever comes first.
        deadline = time.monotonic() + 30
        while not second_done.is_set() and not waiting_for_the_log_lock() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not second_done.is_set(), "the second publish committed while the first was still open"
        assert waiting_for_the_log_lock()
        assert not Change.objects.exists()  # a partner syncing now sees neither change
    finally:
        first_may_commit.set()
        for thread in threads:
            thread.join(30)
    assert not failures, failures
    assert list(Change.objects.order_by("id").values_list("object_id", flat=True)) == [1, 2]
