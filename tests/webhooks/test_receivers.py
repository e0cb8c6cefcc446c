"""
The receivers docs/graphql.md gives partners (docs/examples/webhooks/, in Python and in Node) run as
they are, as servers on loopback, against real signed deliveries from the CMS: they accept ours,
handle a retried message once, and refuse tampered, mis-signed, stale and unsigned ones.
"""

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from cms.webhooks import signing
from cms.webhooks.models import Delivery, Endpoint
from cms.webhooks.sending import post
from cms.webhooks.tasks import resend, send_test_event
from tests.support.processes import REPO, clean_environ, free_port, stop, wait_for_port

from .conftest import record_change

EXAMPLES = REPO / "docs" / "examples" / "webhooks"
DOC = REPO / "docs" / "graphql.md"
RECEIVERS = {
    "python": [sys.executable, str(EXAMPLES / "receiver.py")],
    "node": [shutil.which("node") or "node", str(EXAMPLES / "receiver.mjs")],
}

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(params=sorted(RECEIVERS))
def partner(request):
    """(url, secret, process) of an example receiver listening on loopback with a new endpoint's secret."""
    secret = signing.new_secret()
    port = free_port()
    process = subprocess.Popen(
        RECEIVERS[request.param],
        env=clean_environ(WEBHOOK_SECRET=secret, PORT=str(port)),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/webhooks", secret, process
    finally:
        stop(process)


def handled(process):
    """The messages the receiver handled (it prints each as a JSON line), once it has stopped."""
    stop(process)
    return [json.loads(line) for line in process.stdout.read().splitlines() if line.strip()]


def test_the_receiver_accepts_the_cms_deliveries_and_handles_a_retry_once(partner):
    url, secret, process = partner
    endpoint = Endpoint.objects.create(url=url, secret=secret)

    test = send_test_event(endpoint)
    change = record_change(event="published", object_type="city", object_id=5, slug="nagoya")
    deliveries = list(Delivery.objects.order_by("pk"))
    assert [(d.status, d.last_status_code) for d in deliveries] == [("succeeded", 204), ("succeeded", 204)]

    # The administrator resends the change: the receiver answers 204 again and does nothing twice.
    resend(deliveries[1])
    deliveries[1].refresh_from_db()
    assert (deliveries[1].status, deliveries[1].last_status_code) == ("succeeded", 204)

    assert handled(process) == [
        test.payload,
        {"type": "city.published", "timestamp": change.as_payload()["occurredAt"], "data": change.as_payload()},
    ]


def signed(secret, payload, timestamp=None, message_id="msg_receiver_test"):
    data = signing.body(payload)
    return data, signing.headers(secret, message_id, data, timestamp=timestamp)


def test_the_receiver_refuses_what_the_cms_did_not_sign(partner):
    url, secret, process = partner
    payload = {"type": "story.published", "timestamp": "2026-01-01T00:00:00Z", "data": {"id": 1, "slug": "a"}}
    data, headers = signed(secret, payload)

    tampered = data.replace(b'"slug":"a"', b'"slug":"b"')
    assert tampered != data
    assert post(url, tampered, headers) == 400
    other_secret = signing.new_secret()
    assert post(url, *signed(other_secret, payload)) == 400
    stale = datetime.now(UTC) - timedelta(minutes=10)
    assert post(url, *signed(secret, payload, timestamp=stale)) == 400
    assert post(url, data, {**headers, "webhook-id": "msg_another"}) == 400
    assert post(url, data, {**headers, "webhook-signature": "v1,bm90IGEgc2lnbmF0dXJl"}) == 400
    assert post(url, data, {**headers, "webhook-signature": "garbage"}) == 400
    for missing in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        assert post(url, data, {k: v for k, v in headers.items() if k != missing}) == 400

    # The genuine message still goes through, and is the only one handled.
    assert post(url, data, headers) == 204
    assert handled(process) == [payload]


@pytest.mark.parametrize("name", ["receiver.py", "receiver.mjs"])
def test_the_docs_show_each_receiver_verbatim(name):
    source = (EXAMPLES / name).read_text()
    assert source in DOC.read_text(), f"docs/graphql.md should include docs/examples/webhooks/{name} as it is"


def test_the_node_receiver_uses_the_pinned_standardwebhooks_package():
    package = json.loads((REPO / "package.json").read_text())
    assert package["devDependencies"]["standardwebhooks"] == "1.1.1"
    installed = json.loads((REPO / "node_modules" / "standardwebhooks" / "package.json").read_text())
    assert installed["version"] == "1.1.1"
