"""A webhook receiver for the Sister Cities CMS: checks each message's signature, then acts on it.

pip install standardwebhooks==1.1.0
WEBHOOK_SECRET=whsec_... PORT=8080 python receiver.py
"""

import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

webhook = Webhook(os.environ["WEBHOOK_SECRET"])
seen = set()  # message ids already handled; keep them in your database in real life


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            # Checks webhook-id, webhook-timestamp (at most 5 minutes off) and webhook-signature
            # against the raw body, before anything else is done with it.
            message = webhook.verify(body, dict(self.headers))
        except (WebhookVerificationError, ValueError):
            self.send_response(400)
            self.end_headers()
            return
        message_id = self.headers["webhook-id"]
        if message_id not in seen:  # a retry of a message already handled: answer 2xx again, do nothing
            seen.add(message_id)
            handle(message)
        self.send_response(204)
        self.end_headers()


def handle(message):
    # message["type"] is e.g. "story.published"; message["data"] says which object and where
    # ("id", "apiId", "slug", "locale", "url"). Refetch it with the GraphQL API, or drop it from
    # your copy on "unpublished" and "deleted". Answer quickly: do slow work in the background.
    print(json.dumps(message), flush=True)  # noqa: T201


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Receiver).serve_forever()
