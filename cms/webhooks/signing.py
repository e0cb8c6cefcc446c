"""
Standard Webhooks signatures (https://www.standardwebhooks.com/), made by the `standardwebhooks` package.

Each endpoint has its own secret, ``whsec_`` and 32 random bytes in base64. A delivery carries three
headers: ``webhook-id`` (the message id, the same on every retry, so receivers can skip a message
they already have), ``webhook-timestamp`` (Unix seconds of this attempt) and ``webhook-signature``
(``v1,`` and the base64 HMAC-SHA256 of ``id.timestamp.body`` under the secret).
"""

import base64
import json
import secrets
import uuid
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 - the format's prefix, not a secret
SECRET_BYTES = 32


def new_secret():
    """A new endpoint secret in the Standard Webhooks format."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def new_message_id():
    """A message id: one per delivery, kept across its retries."""
    return f"msg_{uuid.uuid4().hex}"


def body(payload):
    """The exact bytes sent (and signed): compact JSON, UTF-8."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def headers(secret, message_id, data, timestamp=None):
    """The three Standard Webhooks headers for these body bytes, signed now (or at `timestamp`)."""
    timestamp = (timestamp or datetime.now(UTC)).astimezone(UTC)
    signature = Webhook(secret).sign(msg_id=message_id, timestamp=timestamp, data=data.decode("utf-8"))
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature,
    }
