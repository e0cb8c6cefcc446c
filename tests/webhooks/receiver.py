"""A real HTTP receiver on loopback for the webhook tests: records each request, answers as told."""

import contextlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes

    def verify(self, secret):
        """The message, if its Standard Webhooks signature is valid for `secret` (else it raises)."""
        return Webhook(secret).verify(self.body, self.headers)


@dataclass
class Receiver:
    """
    Answers with `answers` in turn (status codes; "hang" waits until `release()`), then with the last one.

    `events` is a list the test may share with its own steps, to check what happened in which order.
    """

    answers: list = field(default_factory=lambda: [204])
    events: list = field(default_factory=list)
    received: list = field(default_factory=list)

    def __post_init__(self):
        self._released = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver._lock:
                    receiver.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                    receiver.events.append("received")
                    answer = receiver.answers[min(len(receiver.received), len(receiver.answers)) - 1]
                if answer == "hang":
                    receiver._released.wait(timeout=60)
                    answer = 204
                self.send_response(answer)
                if 300 <= answer < 400:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/sistercities"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def release(self):
        self._released.set()

    def close(self):
        self.release()
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def receiving(answers=(204,), events=None):
    receiver = Receiver(answers=list(answers), events=events if events is not None else [])
    try:
        yield receiver
    finally:
        receiver.close()
