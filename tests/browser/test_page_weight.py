"""Page weight: what a first visit to the city directory downloads, everything included.

The directory is the site's heaviest page (the world map, a flag beside every partner city, the
fonts): it must stay under PAGE_BUDGET compressed. The breakdown goes to
test-artifacts/page-weight-<database>.json.
"""

import gzip
from urllib.parse import urlsplit

import pytest

from tests.support import artifacts

from .conftest import DESKTOP, open_page

# On the test database (see conftest.py); each test in a savepoint of its own.
pytestmark = pytest.mark.django_db

PAGE_BUDGET = 150 * 1024


def compressed_size(body):
    """The body's size as served compressed: gzip at level 6, or the body itself when that is smaller.

    The live test server compresses nothing, so the size over the wire is modelled: in production
    whitenoise serves a compressed copy of each static file only when it is smaller (woff2 and
    raster images are compressed already), and the web server in front gzips the HTML
    (docs/deployment.md). gzip at level 6 (nginx's and Django's usual level) is the cautious
    figure: whitenoise's Brotli copies, which browsers prefer, are smaller still.
    """
    return min(len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))


def kind_of(response):
    path = urlsplit(response.url).path
    if "/build/flags/" in path:
        return "flags"
    if "/build/map/" in path:
        return "map"
    if "/build/fonts/" in path and path.endswith(".woff2"):
        return "fonts"
    return response.request.resource_type  # document, stylesheet, script, image, ...


def test_city_directory_first_visit_is_under_the_budget(chromium, site_url):
    """A fresh browser (empty cache) opens /en/cities/ and scrolls to the end; every response is counted."""
    context, page = open_page(chromium, DESKTOP)
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(site_url + "/en/cities/")
        # Everything a visitor who reads the whole page downloads: lazy pictures too, and the fonts.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")

        files = []
        for response in responses:
            assert response.status == 200, f"{response.url} answered {response.status}"
            body = response.body()
            files.append(
                {
                    "path": urlsplit(response.url).path,
                    "kind": kind_of(response),
                    "bytes": len(body),
                    "compressed": compressed_size(body),
                }
            )
    finally:
        context.close()
    assert page.outside_requests == [], "The site asked hosts other than itself for something"

    by_kind = {}
    for file in files:
        by_kind.setdefault(file["kind"], {"files": 0, "bytes": 0, "compressed": 0})
        by_kind[file["kind"]]["files"] += 1
        by_kind[file["kind"]]["bytes"] += file["bytes"]
        by_kind[file["kind"]]["compressed"] += file["compressed"]
    total = sum(file["compressed"] for file in files)
    artifacts.record(
        "page-weight",
        "/en/cities/",
        {
            "measured": "gzip -6 of each body, or the body when smaller (see compressed_size)",
            "budget": PAGE_BUDGET,
            "total_compressed": total,
            "total_bytes": sum(file["bytes"] for file in files),
            "by_kind": by_kind,
            "files": sorted(files, key=lambda file: -file["compressed"]),
        },
    )

    # Everything the page is made of was counted: the test would pass too easily otherwise.
    assert {"document", "stylesheet", "fonts", "flags", "map"} <= by_kind.keys(), by_kind.keys()
    assert total < PAGE_BUDGET, f"The city directory weighs {total / 1024:.0f} KB compressed: {by_kind}"
