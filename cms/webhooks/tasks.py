"""
Deliveries as django-tasks tasks: queued after the change commits, retried with backoff, never in
the way of a publish.

cms.changes sends ``public_change`` after each transaction commits; ``queue_deliveries`` makes a
Delivery per endpoint that wants the change and queues ``deliver``. In production the task lands in
the database (django-tasks-db) and ``manage.py db_worker`` sends it, so a publish never waits for a
partner. Development and the tests run tasks at once (ImmediateBackend): there the short timeouts
bound the wait, and no error of ours or the partner's reaches the editor.

An attempt that gets no 2xx answer is tried again after an exponentially growing delay with jitter
(RETRY_BASE_DELAY, doubling: 30 s, 1 min, 2 min, ...), at most MAX_ATTEMPTS times within RETRY_FOR
seconds; then the delivery fails, and an endpoint with PAUSE_AFTER_FAILURES failed deliveries in a
row is paused (WEBHOOKS in cms/settings/base.py). A task backend that cannot run a task later
(ImmediateBackend) leaves the delivery pending with its next attempt's time; ``manage.py
retry_webhooks`` sends the ones that are due.
"""

import logging
import random
from datetime import UTC, datetime, timedelta

from django_tasks import task

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import signing
from .conf import webhook_setting
from .models import TEST_EVENT, Delivery, Endpoint
from .sending import SendError, post

logger = logging.getLogger(__name__)


def change_payload(change):
    """The JSON a change's webhook carries: Standard Webhooks' type/timestamp/data around Change.as_payload()."""
    data = change.as_payload()
    return {"type": f"{change.object_type}.{change.event}", "timestamp": data["occurredAt"], "data": data}


def test_payload():
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    return {"type": TEST_EVENT, "timestamp": now, "data": {"event": "test", "occurredAt": now}}


def queue_deliveries(sender=None, change=None, **kwargs):
    """`public_change` receiver: a delivery for each active endpoint that wants the change. Never raises."""
    try:
        payload = change_payload(change)
        for endpoint in Endpoint.objects.filter(active=True):
            if endpoint.wants(change):
                queue(Delivery.objects.create(endpoint=endpoint, event_type=payload["type"], payload=payload))
    except Exception:
        # A publish must not fail because of its webhooks: the error is logged for the operators.
        logger.exception("Could not queue the webhooks of change %s", getattr(change, "pk", None))


def send_test_event(endpoint):
    """Queue a "webhook.test" message to one endpoint (the admin's "Send a test event")."""
    payload = test_payload()
    delivery = Delivery.objects.create(endpoint=endpoint, event_type=payload["type"], payload=payload)
    queue(delivery)
    return delivery


def resend(delivery):
    """Start a new round of attempts for a delivery, with the same message id (the admin's "Resend")."""
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.PENDING,
        ticket=F("ticket") + 1,
        attempts=0,
        round_started_at=now,
        next_attempt_at=now,
        finished_at=None,
    )
    delivery.refresh_from_db()
    queue(delivery)


def queue(delivery, run_after=None):
    """Queue the next attempt of a delivery, once the current transaction (if any) commits."""
    ticket = delivery.ticket
    queued = deliver if run_after is None else deliver.using(run_after=run_after)

    def enqueue():
        try:
            queued.enqueue(delivery.pk, ticket)
        except Exception:
            logger.exception("Could not queue webhook delivery %s", delivery.pk)

    transaction.on_commit(enqueue)


def can_run_later():
    return deliver.get_backend().supports_defer


@task()
def deliver(delivery_id, ticket):
    """One attempt at one delivery, if its ticket is still current; schedules the next one or ends it."""
    delivery = Delivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.ticket != ticket or delivery.status != Delivery.Status.PENDING:
        return "stale"
    endpoint = delivery.endpoint
    if not endpoint.active:
        Delivery.objects.filter(pk=delivery.pk, ticket=ticket).update(
            status=Delivery.Status.FAILED,
            last_error=_("Not sent: the webhook is paused."),
            next_attempt_at=None,
            finished_at=timezone.now(),
        )
        return "paused"
    now = timezone.now()
    # Claim the attempt: of two workers holding the same ticket, only one gets here.
    claimed = Delivery.objects.filter(pk=delivery.pk, ticket=ticket, status=Delivery.Status.PENDING).update(
        ticket=ticket + 1, attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=None
    )
    if not claimed:
        return "stale"
    delivery.refresh_from_db()

    data = signing.body(delivery.payload)
    code, error = None, ""
    try:
        code = post(endpoint.url, data, signing.headers(endpoint.secret, delivery.message_id, data))
    except SendError as failure:
        error = str(failure)
    else:
        if not 200 <= code < 300:
            error = _("The receiver answered %(code)s.") % {"code": code}

    if not error:
        finish(delivery, Delivery.Status.SUCCEEDED, code, "")
        endpoint.record_success()
        return "succeeded"

    next_at = next_attempt_time(delivery)
    if next_at is None:
        finish(delivery, Delivery.Status.FAILED, code, error)
        endpoint.record_failure()
        return "failed"
    Delivery.objects.filter(pk=delivery.pk).update(
        last_status_code=code, last_error=error[:500], next_attempt_at=next_at
    )
    if can_run_later():
        queue(delivery, run_after=next_at)
    return "retrying"


def finish(delivery, status, code, error):
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, last_status_code=code, last_error=error[:500], next_attempt_at=None, finished_at=timezone.now()
    )


def retry_delay(attempts):
    """Seconds before the next attempt after `attempts` tries: doubling from RETRY_BASE_DELAY, with jitter."""
    delay = webhook_setting("RETRY_BASE_DELAY") * 2 ** (attempts - 1)
    return random.uniform(delay / 2, delay)  # noqa: S311 - jitter, not a secret


def next_attempt_time(delivery):
    """When to try again, or None when the round's attempts or time are used up."""
    if delivery.attempts >= webhook_setting("MAX_ATTEMPTS"):
        return None
    next_at = timezone.now() + timedelta(seconds=retry_delay(delivery.attempts))
    if next_at > delivery.round_started_at + timedelta(seconds=webhook_setting("RETRY_FOR")):
        return None
    return next_at


def queue_due():
    """Queue every pending delivery whose next attempt is due (``manage.py retry_webhooks``); returns how many."""
    due = Delivery.objects.filter(
        status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now(), endpoint__active=True
    )
    count = 0
    for delivery in due:
        queue(delivery)
        count += 1
    return count
