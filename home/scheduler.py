"""Scheduled publishing: what `manage.py run_scheduler` does every few seconds.

Editors give a page (or a snippet with drafts) a "go live" or "expiry" date; Wagtail keeps the
approved revision waiting until then, and its `publish_scheduled` command makes the change.
``run_round`` does what that command does (wagtail/management/commands/publish_scheduled.py:
unpublish what has expired, then publish the revisions whose time has come), logging one line
per change, and only while this process holds the publishing lease.

The lease is a row of ``home.SchedulerLease``, taken and renewed with one conditional UPDATE
("mine, or lapsed") whose times are the database's own clock: it works the same on SQLite and
PostgreSQL and across hosts, needs no extra service, and survives connection pools and
PgBouncer, unlike a PostgreSQL advisory lock, which belongs to one session (docs/deployment.md).
"""

import datetime
import logging
import os
import socket
import uuid

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models.functions import Now
from django.utils import timezone

from wagtail.models import DraftStateMixin, Page, Revision

from .models import SchedulerLease

logger = logging.getLogger(__name__)

LEASE_NAME = "publish_scheduled"


class LeaseLost(Exception):
    """Another scheduler holds the lease now: stop changing things."""


class Lease:
    """This process's claim on one job, valid for ``seconds`` after each renewal."""

    def __init__(self, seconds, name=LEASE_NAME, holder=None):
        self.seconds = seconds
        self.name = name
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def acquire(self):
        """Take or renew the lease; True if this process holds it now.

        One UPDATE, atomic on every database: it succeeds only if the lease is this process's
        or has lapsed, and the database's clock decides both the lapse and the new expiry.
        """
        rows = SchedulerLease.objects.filter(name=self.name)
        until = Now() + datetime.timedelta(seconds=self.seconds)
        if rows.filter(holder=self.holder).update(expires_at=until):
            return True
        if rows.filter(expires_at__lt=Now()).update(holder=self.holder, expires_at=until):
            return True
        if not rows.exists():
            try:
                with transaction.atomic():
                    SchedulerLease.objects.create(name=self.name, holder=self.holder, expires_at=timezone.now())
            except IntegrityError:  # another scheduler made the row first: it holds the lease
                return False
            return bool(rows.filter(holder=self.holder).update(expires_at=until))
        return False

    def renew(self):
        """Renew before each change; raise LeaseLost if another scheduler took over meanwhile."""
        if not self.acquire():
            raise LeaseLost(self.name)

    def release(self):
        """Let another scheduler take over at once (on a clean shutdown)."""
        lapsed = Now() - datetime.timedelta(seconds=1)
        SchedulerLease.objects.filter(name=self.name, holder=self.holder).update(holder="", expires_at=lapsed)

    def current_holder(self):
        return SchedulerLease.objects.filter(name=self.name).values_list("holder", flat=True).first() or ""


def scheduled_models():
    """Page and every other model with drafts (snippets), as Wagtail's publish_scheduled lists them."""
    return [Page] + [
        model for model in apps.get_models() if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _describe(obj):
    specific = obj.specific_class.__name__ if isinstance(obj, Page) else type(obj).__name__
    return f"{specific} {obj.pk} {str(obj)!r}"


def run_round(lease, should_stop=lambda: False):
    """Expire, then publish, what is due now; returns (expired, published) counts.

    Each change is preceded by renewing the lease and checking that the object is still due, so
    a scheduler that lost the lease (or lost a race) changes nothing more.
    """
    expired = published = 0
    now = timezone.now()
    for model in scheduled_models():
        for obj in list(model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")):
            if should_stop():
                return expired, published
            lease.renew()
            if not model.objects.filter(pk=obj.pk, live=True, expire_at__lt=now).exists():
                continue
            obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            expired += 1
            logger.info("Expired %s (expiry %s)", _describe(obj), obj.expire_at.isoformat())

    for revision in list(Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")):
        if should_stop():
            break
        lease.renew()
        if not Revision.objects.filter(pk=revision.pk, approved_go_live_at__lt=now).exists():
            continue
        go_live_at = revision.approved_go_live_at
        revision.publish(log_action="wagtail.publish.scheduled")
        published += 1
        logger.info("Published %s (go-live %s)", _describe(revision.content_object), go_live_at.isoformat())
    return expired, published
