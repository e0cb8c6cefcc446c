"""
Deliveries: what a change sends, signed, to which endpoints; retries with backoff on the task
worker; giving up; pausing an endpoint that keeps failing; never raising into a publish.
"""

import ssl
import subprocess
from datetime import timedelta

import pytest

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cms.webhooks import tasks
from cms.webhooks.models import Delivery, Endpoint
from cms.webhooks.sending import SendError, post
from tests.support.processes import free_port

from .conftest import DATABASE_TASKS, record_change, run_worker
from .receiver import receiving

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_public_change_is_delivered_signed_with_the_standard_webhooks_headers(receiver, endpoint):
    change = record_change(event="published", object_type="story", object_id=42, slug="harbor-exchange")

    assert len(receiver.received) == 1
    request = receiver.received[0]
    assert request.path == "/hooks/sistercities"
    assert request.headers["content-type"] == "application/json"
    message = request.verify(endpoint.secret)
    assert message == {
        "type": "story.published",
        "timestamp": change.as_payload()["occurredAt"],
        "data": change.as_payload(),
    }
    assert message["data"]["apiId"] == "42"
    assert message["data"]["url"] == "http://localhost/en/stories/harbor-exchange/"
    delivery = Delivery.objects.get()
    assert request.headers["webhook-id"] == delivery.message_id
    assert request.headers["webhook-signature"].startswith("v1,")
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 204)


def test_the_signature_is_checked_against_the_endpoints_own_secret(receiver, endpoint):
    other = Endpoint.objects.create(url=receiver.url)
    assert other.secret != endpoint.secret
    assert endpoint.secret.startswith("whsec_")
    record_change()
    assert len(receiver.received) == 2
    for request in receiver.received:
        owner = Delivery.objects.get(message_id=request.headers["webhook-id"]).endpoint
        assert request.verify(owner.secret)["type"] == "story.published"
        wrong = other if owner == endpoint else endpoint
        with pytest.raises(Exception, match="signature"):
            request.verify(wrong.secret)


@pytest.mark.parametrize(
    ("subscription", "change", "delivered"),
    [
        ({"events": ["unpublished", "deleted"]}, {"event": "published"}, False),
        ({"events": ["unpublished", "deleted"]}, {"event": "deleted"}, True),
        ({"object_types": ["city"]}, {"object_type": "story"}, False),
        ({"object_types": ["city", "story"]}, {"object_type": "story"}, True),
        ({"languages": ["es"]}, {"locale": "en"}, False),
        ({"languages": ["es"]}, {"locale": "es"}, True),
        ({"active": False}, {}, False),
    ],
)
def test_an_endpoint_gets_only_the_events_types_and_languages_it_chose(receiver, subscription, change, delivered):
    Endpoint.objects.create(url=receiver.url, **subscription)
    record_change(**change)
    assert len(receiver.received) == (1 if delivered else 0)
    assert Delivery.objects.count() == (1 if delivered else 0)


def test_failed_attempts_are_retried_on_the_worker_with_backoff_until_the_receiver_answers():
    with receiving(answers=[500, 503, 200]) as receiver, override_settings(TASKS=DATABASE_TASKS):
        from django_tasks_db.models import DBTaskResult

        endpoint = Endpoint.objects.create(url=receiver.url)
        record_change()
        # Queued, not sent: the publish did not wait for the partner.
        assert receiver.received == []
        assert Delivery.objects.get().status == "pending"

        for attempt, delay in [(1, 30), (2, 60)]:
            before = timezone.now()
            run_worker()
            assert len(receiver.received) == attempt
            delivery = Delivery.objects.get()
            assert (delivery.status, delivery.attempts) == ("pending", attempt)
            assert delivery.last_status_code == receiver.answers[attempt - 1]
            # The next attempt waits 30 s, then 60 s, ... with jitter (between half and all of it).
            assert before + timedelta(seconds=delay / 2) <= delivery.next_attempt_at
            assert delivery.next_attempt_at <= timezone.now() + timedelta(seconds=delay)
            retry = DBTaskResult.objects.get(status="READY")
            assert retry.run_after == delivery.next_attempt_at
            # Not due yet: the worker leaves it alone.
            run_worker()
            assert len(receiver.received) == attempt
            # Time passes.
            DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())

        run_worker()
        assert len(receiver.received) == 3
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 3, 200)
        assert delivery.next_attempt_at is None
        # One message, three attempts: the same webhook-id, each freshly signed.
        assert {request.headers["webhook-id"] for request in receiver.received} == {delivery.message_id}
        for request in receiver.received:
            assert request.verify(endpoint.secret)["type"] == "story.published"
        assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@override_settings(TASKS=DATABASE_TASKS)
def test_a_delivery_fails_after_its_attempts_and_a_failing_endpoint_is_paused(settings):
    settings.WEBHOOKS = {**settings.WEBHOOKS, "MAX_ATTEMPTS": 3, "RETRY_BASE_DELAY": 0, "PAUSE_AFTER_FAILURES": 2}
    with receiving(answers=[500]) as receiver:
        endpoint = Endpoint.objects.create(url=receiver.url)
        record_change(object_id=1)
        run_worker()
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 3, 500)
        assert delivery.last_error == "The receiver answered 500."
        assert len(receiver.received) == 3
        endpoint.refresh_from_db()
        assert (endpoint.active, endpoint.consecutive_failures) == (True, 1)

        record_change(object_id=2)
        run_worker()
        endpoint.refresh_from_db()
        assert (endpoint.active, endpoint.consecutive_failures) == (False, 2)
        assert "Paused after 2 failed deliveries in a row" in endpoint.paused_reason

        # Paused: nothing more is queued or sent.
        record_change(object_id=3)
        run_worker()
        assert Delivery.objects.count() == 2
        assert len(receiver.received) == 6


@override_settings(TASKS=DATABASE_TASKS)
def test_a_success_resets_the_count_of_failures_in_a_row(settings):
    settings.WEBHOOKS = {**settings.WEBHOOKS, "MAX_ATTEMPTS": 1, "PAUSE_AFTER_FAILURES": 2}
    with receiving(answers=[500, 204, 500]) as receiver:
        endpoint = Endpoint.objects.create(url=receiver.url)
        for object_id in (1, 2, 3):
            record_change(object_id=object_id)
            run_worker()
        endpoint.refresh_from_db()
        assert [d.status for d in Delivery.objects.order_by("pk")] == ["failed", "succeeded", "failed"]
        assert (endpoint.active, endpoint.consecutive_failures) == (True, 1)


def test_a_delivery_gives_up_after_the_retry_window(settings):
    settings.WEBHOOKS = {**settings.WEBHOOKS, "RETRY_FOR": 60, "RETRY_BASE_DELAY": 30}
    with receiving(answers=[500]) as receiver:
        Endpoint.objects.create(url=receiver.url)
        record_change()
        delivery = Delivery.objects.get()
        # The window opened two minutes ago: no further attempt fits in it.
        Delivery.objects.filter(pk=delivery.pk).update(
            round_started_at=timezone.now() - timedelta(minutes=2), next_attempt_at=timezone.now()
        )
        call_command("retry_webhooks", verbosity=0)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("failed", 2)


def test_in_development_a_dead_receiver_neither_raises_nor_blocks_and_retries_wait_for_the_command():
    # ImmediateBackend (development, tests): the attempt runs at once; nothing listens on the port.
    endpoint = Endpoint.objects.create(url=f"http://127.0.0.1:{free_port()}/hooks")
    record_change()  # does not raise
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error.startswith("Connection failed")
    assert delivery.next_attempt_at > timezone.now()

    # Not due: the command leaves it.
    call_command("retry_webhooks", verbosity=0)
    assert Delivery.objects.get().attempts == 1

    with receiving() as receiver:
        Endpoint.objects.filter(pk=endpoint.pk).update(url=receiver.url)
        Delivery.objects.update(next_attempt_at=timezone.now())
        call_command("retry_webhooks", verbosity=0)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("succeeded", 2)
        assert receiver.received[0].headers["webhook-id"] == delivery.message_id


def test_an_attempt_queued_twice_is_sent_once(receiver):
    endpoint = Endpoint.objects.create(url=receiver.url, active=False)
    delivery = Delivery.objects.create(endpoint=endpoint, event_type="webhook.test", payload=tasks.test_payload())
    Endpoint.objects.filter(pk=endpoint.pk).update(active=True)
    assert tasks.deliver.call(delivery.pk, 0) == "succeeded"
    assert tasks.deliver.call(delivery.pk, 0) == "stale"
    assert len(receiver.received) == 1


def test_a_redirect_is_a_failed_attempt_and_is_not_followed():
    with receiving(answers=[302]) as receiver:
        Endpoint.objects.create(url=receiver.url)
        record_change()
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.last_status_code) == ("pending", 302)
        assert [request.path for request in receiver.received] == ["/hooks/sistercities"]


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_attempt(settings):
    settings.WEBHOOKS = {**settings.WEBHOOKS, "READ_TIMEOUT": 0.5}
    with receiving(answers=["hang"]) as receiver:
        Endpoint.objects.create(url=receiver.url)
        record_change()
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts) == ("pending", 1)
        assert delivery.last_error == "No answer within the time allowed."
        assert len(receiver.received) == 1


@pytest.fixture
def tls_receiver(tmp_path):
    """A loopback receiver speaking HTTPS with a certificate for "localhost" that no system trusts."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    with receiving() as receiver:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        receiver.server.socket = context.wrap_socket(receiver.server.socket, server_side=True)
        yield receiver, cert


def test_https_checks_the_certificate_against_the_host_name(tls_receiver, monkeypatch):
    receiver, cert = tls_receiver
    url = f"https://localhost:{receiver.port}/hooks"
    with pytest.raises(SendError, match="Secure connection failed"):
        post(url, b"{}", {"webhook-id": "msg_1"})
    assert receiver.received == []

    # Trusted (as a partner's real certificate is): the connection goes to the checked address, and
    # the certificate and the Host header name the URL's host.
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    assert post(url, b"{}", {"webhook-id": "msg_1"}) == 204
    assert receiver.received[0].headers["host"] == f"localhost:{receiver.port}"
