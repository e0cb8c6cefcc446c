"""Browser tests: Debian's Chromium, driven by Playwright, against a live server on loopback.

What they need, and what happens without it:

- Chromium at /usr/bin/chromium (Debian: ``apt-get install chromium chromium-driver``). Playwright
  drives it through ``executable_path``; ``playwright install`` (which downloads browsers) is never
  needed and must not be run.
- ``npm ci && npm run build`` (``make assets``): the built map, fonts and flags, and axe-core.
- The SQLite test database. The demo site is built once for the whole package (it takes a while)
  inside a transaction that is rolled back at the end, and each test (marked ``django_db``) runs in
  a savepoint of its own; the live server shares the test's in-memory SQLite connection, as
  pytest-django's own ``live_server`` does with a non-transactional test, so it sees the demo
  without anything being committed. On PostgreSQL that is impossible (the server thread has its
  own connection), so ``make test`` runs these tests in its SQLite pass only.

Without Chromium or the assets the tests skip, saying how to install them; in CI (CI=true) they
fail instead, so that a CI run can never pass without them.

Screenshots of every page type at phone and desktop widths go to test-artifacts/screenshots/.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.conf import settings
from django.db import connection, connections, transaction

ROOT = Path(settings.BASE_DIR)
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_MAP = ROOT / "static_src" / "build" / "map" / "world.svg"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def require(ok, message):
    """Skip with a message saying how to fix it; in CI, fail."""
    if ok:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{message} (CI=true: browser tests must not be skipped)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="package")
def browser_requirements():
    require(
        CHROMIUM.exists(),
        f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium chromium-driver`.",
    )
    try:
        import playwright  # noqa: F401
    except ImportError:
        require(False, "Playwright is not installed: run `make install` (it is in requirements-dev.txt).")
    require(
        AXE.exists() and BUILT_MAP.exists(),
        "The front-end assets are not built: run `make assets` (npm ci && npm run build).",
    )
    require(
        connection.vendor == "sqlite",
        "Browser tests run on the SQLite test database only (make test runs them in its SQLite pass).",
    )


@pytest.fixture(scope="package")
def demo(browser_requirements, django_db_setup, django_db_blocker):
    """The demo site, built once for every browser test and rolled back when they are done."""
    from home.demo.builder import DemoBuilder
    from home.models import SiteSettings

    with django_db_blocker.unblock():
        # Never anything but the test database (pytest-django sets it up only for tests marked django_db).
        assert connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")), (
            "Browser tests must be marked django_db, so that they run on the in-memory test database."
        )
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from wagtail.models import Site

            DemoBuilder().build()
            SiteSettings.objects.update_or_create(
                site=Site.objects.get(is_default_site=True),
                defaults={
                    "contact_email": "sistercities@example.org",
                    "phone": "+1 213-555-0100",
                    "address": "200 North Spring Street\nLos Angeles, CA 90012",
                    "instagram_url": "https://www.instagram.com/example",
                    "youtube_url": "https://www.youtube.com/@example",
                    "submission_recipients": "staff@example.org",
                },
            )
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="package")
def site_url(demo, django_db_blocker):
    """A live server on loopback that shares the test database connection (see the module's docstring)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()


@pytest.fixture(scope="package")
def chromium(site_url):
    """Chromium, headless, driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread. Django then takes the
    # thread for async code: it refuses ORM calls, and asgiref hands out a fresh database
    # connection (a second one to the in-memory database, locked out by the first one's open
    # transaction). The tests' ORM calls are plain synchronous calls between browser steps:
    # allow them, and keep using the test's own connection.
    shared = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, wrapper in shared.items():
                connections[alias] = wrapper
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _only_loopback(route, outside):
    host = urlsplit(route.request.url).hostname
    if host in {"127.0.0.1", "localhost", "::1"} or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


def open_page(chromium, viewport):
    """A fresh browser page; any request that leaves this machine is refused and recorded."""
    context = chromium.new_context(viewport=viewport, locale="en-US", reduced_motion="reduce")
    outside = []
    context.route("**/*", lambda route: _only_loopback(route, outside))
    page = context.new_page()
    page.outside_requests = outside
    return context, page


@pytest.fixture
def desktop(chromium):
    context, page = open_page(chromium, DESKTOP)
    yield page
    context.close()
    assert page.outside_requests == [], "The site asked hosts other than itself for something"


@pytest.fixture
def phone(chromium):
    context, page = open_page(chromium, PHONE)
    yield page
    context.close()
    assert page.outside_requests == [], "The site asked hosts other than itself for something"
