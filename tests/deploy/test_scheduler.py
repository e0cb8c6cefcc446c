"""
Scheduled publishing happens by itself: `manage.py run_scheduler` processes, as the Procfile runs them.

Real processes on one database (a SQLite file; on the PostgreSQL pass of `make test`, a new
database in that cluster): gunicorn serves the site, schedulers run a round every second.
A page scheduled a few seconds ahead goes live, then expires, with no command run by hand;
two schedulers at once publish each page exactly once, and when the one holding the lease
stops (SIGTERM), the other takes over.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.deploy.conftest import copy_of
from tests.support.processes import GUNICORN, REPO, clean_environ, free_port, manage, run_python, stop, wait_for_port

IS_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

SETUP = """
import django
django.setup()
from tests.support.site import make_home
make_home()
"""

# Prints "<pk> <url> <live>" for each page it schedules: go live in GO seconds, expire EXPIRE seconds
# after now (0: never). Argument: slug:go:expire ...
SCHEDULE = """
import datetime, sys
import django
django.setup()
from django.utils import timezone
from home.factories import StandardPageFactory
from home.models import HomePage

home = HomePage.objects.get(slug="home-test")
for spec in sys.argv[1:]:
    slug, go, expire = spec.split(":")
    now = timezone.now()
    page = StandardPageFactory(parent=home, title=slug, slug=slug, live=False)
    page.go_live_at = now + datetime.timedelta(seconds=float(go))
    page.expire_at = now + datetime.timedelta(seconds=float(expire)) if float(expire) else None
    page.save_revision().publish()
    page.refresh_from_db()
    print(page.pk, page.url, page.live)
"""

# Prints {page id: times published on schedule}, from Wagtail's audit log.
COUNT_SCHEDULED_PUBLISHES = """
import collections, json
import django
django.setup()
from wagtail.models import PageLogEntry
ids = PageLogEntry.objects.filter(action="wagtail.publish.scheduled").values_list("page_id", flat=True)
print(json.dumps(collections.Counter(ids)))
"""


class Instance:
    """One installation: a database, a media folder, and the processes started on it."""

    def __init__(self, database_url, folder):
        self.folder = Path(folder)
        self.env = {
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.folder / "media"),
            # Several processes and no Redis: each would keep its own response cache, and the web
            # server would never hear of the scheduler's publishes (production keeps it off without
            # REDIS_URL for that reason: cms/settings/base.py, RESPONSE_CACHE).
            "RESPONSE_CACHE_ENABLED": "false",
        }
        self.processes = []

    def python(self, code, *args):
        result = run_python(code, self.env, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def schedule(self, *specs):
        """{slug: (pk, url)} of new pages scheduled as "slug:go:expire" (seconds from now)."""
        found = {}
        for line in self.python(SCHEDULE, *specs).strip().splitlines()[-len(specs) :]:
            pk, url, live = line.split()
            assert live == "False", "a page scheduled for later must not be live yet"
            found[url.strip("/").split("/")[-1]] = (int(pk), url)
        return found

    def start(self, command, name):
        log_path = self.folder / f"{name}.log"
        log = open(log_path, "w")  # noqa: SIM115 - closed in stop_all
        process = subprocess.Popen(
            command, env=clean_environ(**self.env), cwd=REPO, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append((process, log))
        process.log_path = log_path
        return process

    def scheduler(self, name):
        return self.start([sys.executable, "manage.py", "run_scheduler", "--interval", "1", "--lease", "5"], name)

    def server(self):
        port = free_port()
        self.env.update(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1", GUNICORN_ACCESS_LOG="")
        process = self.start(GUNICORN, "gunicorn")
        wait_for_port(port, process, timeout=60)
        return f"http://127.0.0.1:{port}"

    def stop_all(self):
        for process, log in self.processes:
            stop(process)
            log.close()
        self.processes = []


def log_of(process):
    return process.log_path.read_text()


def took_lease(process):
    return re.search(r"(?:^|: )Scheduler \S+ holds the publishing lease$", log_of(process), re.MULTILINE) is not None


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a loopback test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until(condition, what, *processes, timeout=60):
    """Poll until the condition holds; fail, with the processes' logs, when the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    logs = "\n".join(f"--- {process.log_path.name}\n{log_of(process)}" for process in processes)
    pytest.fail(f"Waited {timeout} s for {what}.\n{logs}")


@pytest.fixture(scope="module")
def database_url(migrated_sqlite, tmp_path_factory):
    if not IS_POSTGRES:
        yield f"sqlite:///{copy_of(migrated_sqlite, tmp_path_factory.mktemp('scheduler'))}"
        return
    import psycopg

    base_url = os.environ["DATABASE_URL"]
    name = f"sc_scheduler_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))
    result = manage({"DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": url}, "migrate", "--no-input")
    assert result.returncode == 0, result.stdout + result.stderr
    try:
        yield url
    finally:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site_database(database_url):
    """The database with the test site's home page (shared by this module's tests: each adds its own pages)."""
    result = run_python(SETUP, {"DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": database_url})
    assert result.returncode == 0, result.stdout + result.stderr
    return database_url


@pytest.fixture
def instance(site_database):
    folder = Path(tempfile.mkdtemp(prefix="sistercities-scheduler-"))
    (folder / "media").mkdir()
    site = Instance(site_database, folder)
    try:
        yield site
    finally:
        site.stop_all()
        shutil.rmtree(folder, ignore_errors=True)


def test_a_scheduled_page_goes_live_and_expires_by_itself(instance):
    server = instance.server()
    scheduler = instance.scheduler("scheduler")
    wait_until(lambda: "started" in log_of(scheduler), "the scheduler to start", scheduler)

    [(pk, path)] = instance.schedule("festival:3:8").values()
    url = server + path

    wait_until(lambda: status(url) == 200, "the page to go live", scheduler)
    assert f"Published StandardPage {pk} 'festival' (go-live" in log_of(scheduler)
    wait_until(lambda: status(url) == 404, "the page to expire", scheduler)
    # Logged once the change is made and its follow-up work (search index, references) done.
    wait_until(lambda: f"Expired StandardPage {pk} 'festival' (expiry" in log_of(scheduler), "its log line", scheduler)

    scheduler.send_signal(signal.SIGTERM)
    assert scheduler.wait(timeout=10) == 0
    assert "stopped" in log_of(scheduler)


def test_two_schedulers_publish_each_page_once_and_take_over_from_each_other(instance):
    first, second = instance.scheduler("first"), instance.scheduler("second")
    both = (first, second)

    def all_logs():
        return log_of(first) + log_of(second)

    wait_until(
        lambda: (took_lease(first) or took_lease(second)) and "Standing by" in all_logs(),
        "one scheduler to hold the lease and the other to stand by",
        *both,
    )
    pages = instance.schedule("concert:2:0", "exhibition:2:0", "lecture:3:0")
    wait_until(lambda: all_logs().count("Published StandardPage") == 3, "three pages published", *both)
    time.sleep(3)  # three more rounds of each: time for a second publication, if the lease let one through

    holder, standby = (first, second) if took_lease(first) else (second, first)
    assert "Published" not in log_of(standby)
    assert not took_lease(standby)
    for pk, _url in pages.values():
        assert log_of(holder).count(f"Published StandardPage {pk} ") == 1
    counts = json.loads(instance.python(COUNT_SCHEDULED_PUBLISHES).strip().splitlines()[-1])
    assert {str(pk): counts.get(str(pk)) for pk, _url in pages.values()} == {str(pk): 1 for pk, _url in pages.values()}

    # The holder stops cleanly and lets go of the lease: the other takes over at its next round.
    holder.send_signal(signal.SIGTERM)
    assert holder.wait(timeout=10) == 0
    [(pk, _url)] = instance.schedule("workshop:1:0").values()
    wait_until(lambda: f"Published StandardPage {pk} " in log_of(standby), "the other scheduler to take over", *both)
    assert took_lease(standby)
    assert f"Published StandardPage {pk} " not in log_of(holder)
