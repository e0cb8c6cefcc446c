"""
The production stack with a service taken away (docs/deployment.md, "When a service fails").

`make_stack` starts gunicorn with gunicorn.conf.py and the production settings, two workers,
the session's collected static files, a fresh copy of the migrated SQLite database (on the
PostgreSQL pass: the test database through a `Link`, a TCP relay the test can cut) and, in
`stack_with_redis`, a private redis-server, all on loopback. Tests then stop, hang (SIGSTOP)
or kill a service, and read what gunicorn answered and logged. Bounds on response times are
generous on purpose: they prove "no 30-second hang", not speed (timings are bench/'s job).
"""

import contextlib
import os
import signal
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.deploy import conftest as deploy
from tests.deploy.conftest import copy_of
from tests.support import artifacts
from tests.support.processes import free_port, start_gunicorn, stop

# The deployment tests' real services: redis-server, moto's S3 server, a migrated SQLite template.
redis_server = deploy.redis_server
s3_endpoint = deploy.s3_endpoint
s3_env = deploy.s3_env
migrated_sqlite = deploy.migrated_sqlite
collected_static = deploy.collected_static

HOST = "sistercities.example.org"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
# Far above a healthy answer, far below gunicorn's 30 s timeout.
NO_HANG_SECONDS = 5
# How long the breaker skips a failed Redis (REDIS_COOLDOWN) in these tests.
COOLDOWN = 1


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Every answer's status and time, by test, in test-artifacts/fault-times-<database>.json: figures for
# people (the closing notes and docs/deployment.md), never asserted beyond NO_HANG_SECONDS.
TIMES = {}


def _note(path, answer):
    test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0].split("::")[-1]
    TIMES.setdefault(test, []).append([path, answer.status, round(answer.seconds, 3)])
    artifacts.record("fault-times", test, TIMES[test])


class Answer:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    def json(self):
        import json

        return json.loads(self.body)

    def __repr__(self):
        return f"<{self.status} in {self.seconds:.2f} s: {self.body[:200]!r}>"


class Stack:
    def __init__(self, env, tmp):
        self.env, self.tmp = env, tmp
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "gunicorn.log"
        self.process = None

    def start(self):
        self.log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = start_gunicorn(self.env, self.port, self.log)
        wanted = int(self.env["WEB_CONCURRENCY"])
        assert wait_until(lambda: len(self.workers()) == wanted, timeout=30), "the workers did not start"

    def stop(self):
        if self.process is not None:
            stop(self.process)
            self.log.close()

    def request(self, path, data=None, headers=None):
        headers = {**HEADERS, **(headers or {})}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + path, data=data, headers=headers)  # noqa: S310 - loopback
        started = time.monotonic()
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
                status, got, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, got, body = error.code, error.headers, error.read()
        answer = Answer(status, got, body, time.monotonic() - started)
        _note(path, answer)
        return answer

    def graphql(self, query="{ pages { items { id title } } }"):
        import json

        return self.request("/api/graphql/", data=json.dumps({"query": query}).encode())

    def log_text(self):
        self.log.flush()
        return self.log_path.read_text()

    def redis_keys(self):
        import redis

        return redis.Redis.from_url(self.env["REDIS_URL"]).keys("sistercities*")

    def workers(self):
        """The pids of gunicorn's workers (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]


def production_env(tmp, database_url, **extra):
    (tmp / "media").mkdir(exist_ok=True)
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "f" * 20 + "-production-like-secret-for-the-fault-tests-0123456789",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "",
        "LOG_LEVEL": "INFO",
        "REDIS_COOLDOWN": str(COOLDOWN),
        "GUNICORN_GRACEFUL_TIMEOUT": "2",
        **extra,
    }


@pytest.fixture
def database(request, tmp_path):
    """A migrated database for the stack: a copy of the SQLite template, or the PostgreSQL test
    database behind a Link (`database.link`, None on SQLite) that the test may cut."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        # The test database pytest-django made (modules here are marked django_db for that): the
        # migrations are committed, so the app servers see them while this test's transaction is open.
        request.getfixturevalue("db")
        link, url = link_to_test_database()
        request.addfinalizer(link.close)
        return SimpleNamespace(url=url, link=link)
    template = request.getfixturevalue("migrated_sqlite")
    return SimpleNamespace(url=f"sqlite:///{copy_of(template, tmp_path)}", link=None)


@pytest.fixture
def make_stack(tmp_path, database, collected_static):
    """make_stack(**env) -> a running Stack; every one made is stopped at the end of the test."""
    stacks = []

    def make(**extra):
        folder = Path(tempfile.mkdtemp(prefix="sistercities-fault-", dir=tmp_path))
        env = production_env(folder, database.url, STATIC_ROOT=str(collected_static), **extra)
        stack = Stack(env, folder)
        stacks.append(stack)
        stack.start()
        return stack

    yield make
    for stack in stacks:
        stack.stop()


@pytest.fixture
def stack_with_redis(make_stack, redis_server):
    stack = make_stack(REDIS_URL=redis_server.url)
    stack.redis = redis_server
    return stack


def suspend(process):
    os.kill(process.pid, signal.SIGSTOP)


def resume(process):
    os.kill(process.pid, signal.SIGCONT)


def wait_until(condition, timeout=15, step=0.2):
    """Poll `condition` until it returns something true; the last value otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


class Link:
    """A TCP relay to a service that a test can cut (connections dropped, new ones refused), hang
    (connections accepted, never answered) and restore: what the app servers see when the service
    stops, hangs and comes back, without touching the service that the rest of the suite uses.
    """

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.sockets, self.lock = [], threading.Lock()
        self.listener, self.hung = None, False
        self.restore()

    def restore(self):
        self._drop_connections()
        self.hung = False
        if self.listener is None:
            self.listener = socket.create_server(("127.0.0.1", self.port))
            threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        if self.listener is not None:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close() alone does not
            self.listener.close()
            self.listener = None
        self._drop_connections()

    def hang(self):
        self.hung = True
        self._drop_connections()

    close = cut

    def _drop_connections(self):
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self.lock:
                self.sockets.append(client)
            if self.hung:
                continue  # held open, never answered
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets.append(upstream)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_RDWR)


def link_to_test_database():
    """A Link to the PostgreSQL test database, and the DATABASE_URL that goes through it."""
    from django.db import connection

    settings = connection.settings_dict
    link = Link((settings["HOST"] or "127.0.0.1", int(settings["PORT"])))
    return link, f"postgresql://{settings['USER']}@127.0.0.1:{link.port}/{settings['NAME']}"
