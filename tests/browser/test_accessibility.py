"""Every page type under axe-core at phone and desktop widths, with a screenshot of each.

axe-core (npm, pinned in package-lock.json) is injected from node_modules/axe-core/axe.min.js.
A serious or critical violation of WCAG 2.0/2.1 A or AA (or of axe's best practices) fails the
test; the full results are written next to the screenshots for anyone who wants the details.
"""

import html
import json

import pytest

from cities.models import ResourcePage, StoryPage

from .conftest import AXE, DESKTOP, PHONE, SCREENSHOTS, open_page
from .pages import PAGE_TYPES as SPANISH_KINDS
from .pages import english_and_spanish, interface

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}

# On the test database (see conftest.py); each test in a savepoint of its own.
pytestmark = pytest.mark.django_db


def first_story_url():
    return StoryPage.objects.live().public().filter(locale__language_code="en").order_by("-date").first().url


def first_document_resource_url():
    return ResourcePage.objects.live().public().filter(locale__language_code="en", document__isnull=False).first().url


# (name, address or a function giving it, what must be on the page, the expected HTTP status)
PAGE_TYPES = [
    ("home", "/en/", "Sister Cities of Los Angeles", 200),
    ("city-index", "/en/cities/", "Map of the partner cities", 200),
    ("city-index-filtered", "/en/cities/?region=asia&sort=name", "Showing", 200),
    ("city", "/en/cities/nagoya/", "The partnership at a glance", 200),
    ("story-index", "/en/stories/", "Filter stories", 200),
    ("story-index-filtered", "/en/stories/?type=cultural&page=2", "stories of Cultural exchanges", 200),
    ("story", first_story_url, "About this story", 200),
    ("resource-index", "/en/resources/", "Have a useful resource to add to our list?", 200),
    ("resource", first_document_resource_url, "Download", 200),
    ("standard", "/en/about/", "Sister Cities", 200),
    ("search", "/en/search/?query=music", "results for", 200),
    ("suggest-form", "/en/resources/suggest/", "Suggest a resource", 200),
    ("suggest-thanks", "/en/resources/suggest/thanks/", "Thank you for your suggestion", 200),
    ("not-found", "/en/no-such-page/", "Page not found", 404),
]


def spanish_page(kind, query=""):
    """The Spanish version of a page type (tests/browser/pages.py), found when the test runs: (address, its heading)."""

    def find():
        pair = english_and_spanish(kind)
        return pair.spanish_url + query, pair.spanish_title

    return find


# Every page type again in Spanish (the demo's Spanish pages): the words, the language and axe.
PAGE_TYPES_ES = [(f"es-{kind}", spanish_page(kind), None, 200) for kind in SPANISH_KINDS] + [
    ("es-city-index-filtered", spanish_page("city-index", "?region=asia&sort=name"), None, 200),
    ("es-story-index-filtered", spanish_page("story-index", "?type=cultural&page=2"), None, 200),
    ("es-suggest-thanks", spanish_page("suggest-thanks"), None, 200),
    ("es-not-found", "/es/no-such-page/", interface("Page not found", "es"), 404),
]
PAGE_TYPES += PAGE_TYPES_ES


def run_axe(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)


def show_everything(page):
    """Load lazy pictures and wait for the fonts, so that screenshots show the whole page."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


def check(page, name, width, expected_text):
    assert html.escape(expected_text, quote=False) in page.content(), f"{name}: expected {expected_text!r} on the page"
    assert page.evaluate("document.documentElement.lang") == ("es" if name.startswith("es-") else "en")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], (
        f"{name} at {width}px is wider than the screen"
    )
    show_everything(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    results = run_axe(page)
    (SCREENSHOTS / f"{name}-{width}.axe.json").write_text(json.dumps(results["violations"], indent=2))
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(("name", "address", "expected_text", "status"), PAGE_TYPES, ids=[p[0] for p in PAGE_TYPES])
def test_page_type_has_no_serious_accessibility_violations(chromium, site_url, name, address, expected_text, status):
    address = address() if callable(address) else address
    if isinstance(address, tuple):  # a Spanish page found in the demo, with its words
        address, expected_text = address
    url = site_url + address
    problems = []
    for viewport in (PHONE, DESKTOP):
        context, page = open_page(chromium, viewport)
        try:
            response = page.goto(url)
            assert response.status == status
            problems += [
                f"{viewport['width']}px: {problem}" for problem in check(page, name, viewport["width"], expected_text)
            ]
            assert page.outside_requests == [], f"{name} asked other hosts for {page.outside_requests}"
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "es"])
def test_suggestion_form_with_errors_has_no_serious_accessibility_violations(chromium, site_url, language):
    pair = english_and_spanish("suggest-form")
    url = site_url + (pair.spanish_url if language == "es" else pair.english_url)
    name = "es-suggest-form-errors" if language == "es" else "suggest-form-errors"
    problems = []
    for viewport in (PHONE, DESKTOP):
        context, page = open_page(chromium, viewport)
        try:
            page.goto(url)
            page.get_by_role("button", name=interface("Send the suggestion", language)).click()
            page.wait_for_load_state()
            problems += check(page, name, viewport["width"], interface("There is a problem", language))
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


def test_server_error_page_has_no_serious_accessibility_violations(chromium):
    """The 500 page is self-contained (home.views.server_error): checked as the browser would get it."""
    from django.test import RequestFactory

    from home.views import server_error

    html = server_error(RequestFactory().get("/en/")).content.decode()
    problems = []
    for viewport in (PHONE, DESKTOP):
        context, page = open_page(chromium, viewport)
        try:
            page.set_content(html)
            assert page.evaluate("document.documentElement.lang") == "en"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"server-error-{viewport['width']}.png", full_page=True)
            results = run_axe(page)
            problems += [v["id"] for v in results["violations"] if v["impact"] in BLOCKING]
        finally:
            context.close()
    assert problems == []
