"""The scheduler's parts in one process: the publishing lease and one round (home/scheduler.py).

The processes themselves (go-live and expiry with no command run by hand, two schedulers at
once, SIGTERM) are tested in tests/deploy/test_scheduler.py.
"""

import datetime
import logging

import pytest

from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

from home.factories import StandardPageFactory
from home.models import SchedulerLease
from home.scheduler import Lease, LeaseLost, run_round

pytestmark = pytest.mark.django_db


def lapse(lease):
    """As if the holder had died a while ago: its lease has run out."""
    SchedulerLease.objects.filter(name=lease.name).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))


def test_one_holder_at_a_time_until_it_lets_go_or_its_lease_lapses():
    first, second = Lease(60, holder="first"), Lease(60, holder="second")

    assert first.acquire()
    assert not second.acquire()
    assert first.acquire()  # renewing
    assert first.current_holder() == "first"

    first.release()
    assert second.acquire()
    assert not first.acquire()
    with pytest.raises(LeaseLost):
        first.renew()

    lapse(second)
    assert first.acquire()
    assert SchedulerLease.objects.get().expires_at > timezone.now()


def scheduled_page(parent, title, go_live_in=None, expire_in=None):
    now = timezone.now()
    page = StandardPageFactory(parent=parent, title=title, live=go_live_in is None)
    page.go_live_at = now + go_live_in if go_live_in is not None else None
    page.expire_at = now + expire_in if expire_in is not None else None
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_due(page):
    """As if its go-live time had come: in the approved revision and in the page it holds."""
    revision = Revision.objects.get(pk=page.latest_revision_id)
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


def test_a_round_expires_and_publishes_what_is_due_and_logs_each(home_page, caplog):
    minute = datetime.timedelta(minutes=1)
    due = scheduled_page(home_page, "Due", go_live_in=minute)
    later = scheduled_page(home_page, "Later", go_live_in=10 * minute)
    ending = scheduled_page(home_page, "Ending", expire_in=minute)
    assert not due.live and ending.live
    # Time passes: the go-live and expiry dates are now behind us, the later one still ahead.
    make_due(due)
    type(ending).objects.filter(pk=ending.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))
    lease = Lease(60, holder="me")
    assert lease.acquire()

    logger = logging.getLogger("home.scheduler")  # its own handler (settings' LOGGING): not propagated to caplog
    logger.addHandler(caplog.handler)
    try:
        assert run_round(lease) == (1, 1)
    finally:
        logger.removeHandler(caplog.handler)

    for page in (due, later, ending):
        page.refresh_from_db()
    assert (due.live, later.live, ending.live, ending.expired) == (True, False, False, True)
    assert [record.getMessage().split(" (")[0] for record in caplog.records] == [
        f"Expired StandardPage {ending.pk} 'Ending'",
        f"Published StandardPage {due.pk} 'Due'",
    ]
    assert PageLogEntry.objects.filter(action="wagtail.publish.scheduled", page=due).count() == 1
    assert run_round(lease) == (0, 0)  # nothing is done twice


def test_a_scheduler_without_the_lease_changes_nothing(home_page):
    page = scheduled_page(home_page, "Due", go_live_in=datetime.timedelta(minutes=1))
    make_due(page)
    assert Lease(60, holder="other").acquire()

    with pytest.raises(LeaseLost):
        run_round(Lease(60, holder="me"))

    page.refresh_from_db()
    assert not page.live
