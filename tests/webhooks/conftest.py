"""Webhook tests: receivers listen on loopback, so private addresses are allowed here unless a test says not."""

import pytest

from django.core.management import call_command
from django.utils import timezone

from cms.changes.models import Change
from cms.changes.signals import public_change
from cms.webhooks.models import Endpoint

from .receiver import receiving

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.WEBHOOKS = {**settings.WEBHOOKS, "ALLOW_PRIVATE_ADDRESSES": True, "CONNECT_TIMEOUT": 2, "READ_TIMEOUT": 2}


@pytest.fixture
def receiver():
    with receiving() as receiver:
        yield receiver


@pytest.fixture
def endpoint(receiver, db):
    return Endpoint.objects.create(url=receiver.url, description="Nagoya partner site")


def record_change(event="published", object_type="story", object_id=7, locale="en", slug="harbor-exchange"):
    """A change as cms.changes records it, announced as it announces it (after the commit)."""
    change = Change.objects.create(
        event=event,
        object_type=object_type,
        object_id=object_id,
        locale=locale,
        slug=slug,
        url=f"http://localhost/{locale}/stories/{slug}/" if event == "published" else "",
        api_id=str(object_id),
        occurred_at=timezone.now(),
    )
    public_change.send(sender=Change, change=change)
    return change


def run_worker():
    """The task worker (`manage.py db_worker`), in this process, until no task is due."""
    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0)
