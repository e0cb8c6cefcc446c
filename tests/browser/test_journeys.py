"""What visitors do, in a real browser: find a city on the map, filter stories, suggest a resource."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from cities.feeds import FEED_LENGTH
from cities.models import CityPage, ResourcePage, ResourceSubmission, StoryPage
from home.demo.cities import load_cities

from .pages import PAGE_TYPES, english_and_spanish, interface, spanish_stories_index

# On the test database (see conftest.py); each test in a savepoint of its own.
pytestmark = pytest.mark.django_db


def test_from_the_home_page_to_a_city_through_the_map(desktop, site_url):
    page = desktop
    page.goto(site_url + "/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partner cities").click()
    page.wait_for_url("**/en/cities/")

    live_cities = CityPage.objects.live().public().filter(locale__language_code="en").count()
    markers = page.locator("svg.world-map a.marker")
    assert markers.count() == live_cities == len(load_cities())
    # Every marker is a link with a name that says what it is.
    labels = markers.evaluate_all("links => links.map(link => link.getAttribute('aria-label'))")
    assert all(re.match(r"^.+, .+: (sister|friendship) city", label) for label in labels)
    assert (
        page.locator("svg.world-map a.marker--diamond").count()
        == CityPage.objects.live().filter(locale__language_code="en", relationship="friendship_city").count()
    )

    page.locator('svg.world-map a.marker[aria-label^="Nagoya,"] .marker__shape').click()
    page.wait_for_url("**/en/cities/nagoya/")
    assert page.locator("h1").inner_text() == "Nagoya"
    assert page.get_by_text("The partnership at a glance").is_visible()


def test_map_markers_are_reached_and_followed_by_keyboard(desktop, site_url):
    page = desktop
    page.goto(site_url + "/en/cities/")
    first = page.locator("svg.world-map a.marker").first

    first.focus()
    assert first.evaluate("el => el === document.activeElement")
    # The name shows on focus, not only on hover.
    assert first.locator(".marker__label").evaluate("el => getComputedStyle(el).opacity") == "1"
    name = first.get_attribute("aria-label").split(",")[0]
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == name


def test_skip_link_is_the_first_stop_and_visible_when_focused(phone, site_url):
    page = phone
    page.goto(site_url + "/en/")

    page.keyboard.press("Tab")

    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_directory_filters_work_without_javascript_and_everything_follows_them(chromium, site_url):
    from .conftest import DESKTOP

    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "/en/cities/")
        page.select_option("#filter-region", "europe")
        page.select_option("#filter-relationship", "sister_city")
        page.get_by_role("button", name="Show cities").click()
        page.wait_for_url(re.compile(r"/en/cities/\?region=europe&relationship=sister_city$"))

        expected = (
            CityPage.objects.live()
            .public()
            .filter(locale__language_code="en", region="europe", relationship="sister_city")
            .count()
        )
        assert expected > 0
        assert page.locator("svg.world-map a.marker").count() == expected
        assert page.locator(".city-table tbody tr").count() == expected
        assert page.locator(".timeline__city").count() == expected
        assert page.get_by_text(f"Showing {expected} of {len(load_cities())} partner cities.").is_visible()
    finally:
        context.close()


def test_filter_stories_by_city_and_year(phone, site_url):
    page = phone
    page.goto(site_url + "/en/stories/")
    nagoya = CityPage.objects.get(slug="nagoya", locale__language_code="en")
    stories = StoryPage.objects.live().public().filter(cities=nagoya)
    year = stories.order_by("-date").first().date.year

    page.select_option("#filter-city", "nagoya")
    page.get_by_role("button", name="Show stories").click()
    page.wait_for_url("**/en/stories/?city=nagoya")  # empty filters are left out of the address
    assert page.locator(".card-list .card").count() == min(stories.count(), 12)

    page.select_option("#filter-year", str(year))
    page.get_by_role("button", name="Show stories").click()
    page.wait_for_url(f"**/en/stories/?city=nagoya&year={year}")
    expected = stories.filter(date__year=year).count()
    assert page.locator(".card-list .card").count() == expected
    assert page.get_by_role("list", name="Filters in use").get_by_role("link").count() == 2

    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_url("**/en/stories/")
    assert page.locator(".card-list .card").count() == 12


def test_suggest_a_resource_invalid_then_valid(desktop, site_url):
    page = desktop
    page.goto(site_url + "/en/resources/")
    page.get_by_role("link", name="Suggest a resource").click()
    page.wait_for_url("**/en/resources/suggest/")
    before = ResourcePage.objects.count()
    # The demo leaves suggestions waiting for review (the dashboard shows them): only new ones count.
    waiting = set(ResourceSubmission.objects.values_list("pk", flat=True))

    # Invalid: no description, a wrong email address.
    page.get_by_label("Title of the resource").fill("Walking tours of Nagoya")
    page.get_by_label("Web address (link)").fill("https://example.org/nagoya-walks")
    page.get_by_label("Your name").fill("Ana Example")
    page.get_by_label("Your email address").fill("ana-at-example")
    page.get_by_role("button", name="Send the suggestion").click()
    page.wait_for_load_state()

    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert "Describe the resource in a sentence or two." in summary.inner_text()
    assert "Enter an email address in the right form" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert page.get_by_label("Title of the resource").input_value() == "Walking tours of Nagoya"
    assert page.get_by_label("Your email address").get_attribute("aria-invalid") == "true"
    assert not ResourceSubmission.objects.exclude(pk__in=waiting).exists()

    # The summary's links take the visitor to the field.
    summary.get_by_role("link", name="Describe the resource in a sentence or two.").click()
    assert page.evaluate("location.hash") == "#id_description"

    # Valid.
    page.get_by_label("Description").fill("Free guided walks through the old town, in English, every weekend.")
    page.get_by_label("Category").select_option(label="Travel and visas")
    page.get_by_label("Related partner city (optional)").select_option(label="Nagoya")
    page.get_by_label("Your email address").fill("ana@example.org")
    page.get_by_role("button", name="Send the suggestion").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    # (The browser keeps the #fragment of the last in-page link through the redirect.)
    page.wait_for_url(re.compile(r"/en/resources/suggest/thanks/(#.*)?$"))

    assert page.locator("h1").inner_text() == "Thank you for your suggestion"
    submission = ResourceSubmission.objects.exclude(pk__in=waiting).get()
    assert submission.title == "Walking tours of Nagoya"
    assert submission.status == ResourceSubmission.Status.NEW
    assert submission.city.slug == "nagoya"
    # Nothing is published, or even drafted, until staff review it.
    assert ResourcePage.objects.count() == before
    page.goto(site_url + "/en/resources/")
    assert page.get_by_text("Walking tours of Nagoya").count() == 0
    submission.delete()


# --- English and Spanish ------------------------------------------------------


def shown_url(page):
    return unquote(page.url)


def marker_transforms(page):
    return page.locator("svg.world-map [transform^=translate]").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('transform'))"
    )


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_switch_language_and_read_the_spanish_page_and_its_map(desktop, site_url, kind):
    pair = english_and_spanish(kind)
    page = desktop
    page.goto(site_url + pair.english_url)
    english_markers = page.locator("svg.world-map a.marker").count()
    page.get_by_role("navigation", name=interface("Language", "en"), exact=True).locator('a[hreflang="es"]').click()
    page.wait_for_url("**/es/**")
    # A route of a page (the suggestion form) leads to the same route of the page's translation.
    assert shown_url(page) == unquote(site_url + pair.spanish_url)
    assert page.evaluate("document.documentElement.lang") == "es"
    # The interface in Spanish (the catalogue's words, which must differ from the English ones)...
    skip = interface("Skip to main content", "es")
    assert skip != "Skip to main content"
    assert page.locator("a.skip-link").inner_text() == skip
    assert page.get_by_role("navigation", name=interface("Main", "es"), exact=True).count() == 1
    # ...and the page's own Spanish words.
    assert pair.spanish_title != pair.english_title
    assert page.locator("h1").first.inner_text() == pair.spanish_title

    # A page with the map in English has it in Spanish, every marker placed with plain numbers.
    spanish_markers = page.locator("svg.world-map a.marker").count()
    assert (spanish_markers > 0) == (english_markers > 0)
    if kind == "city-index":
        assert spanish_markers == CityPage.objects.live().public().filter(locale__language_code="es").count()
    transforms = marker_transforms(page)
    assert len(transforms) >= spanish_markers
    for transform in transforms:
        assert re.fullmatch(r"translate\(-?\d+(\.\d+)? -?\d+(\.\d+)?\)", transform), transform
    # The browser placed every marker: a marker it could not read would have no size on the page.
    for width in page.locator("svg.world-map .marker__shape").evaluate_all(
        "nodes => nodes.map(node => node.getBoundingClientRect().width)"
    ):
        assert width > 0

    page.get_by_role("navigation", name=interface("Language", "es"), exact=True).locator('a[hreflang="en"]').click()
    page.wait_for_url("**/en/**")
    assert shown_url(page) == unquote(site_url + pair.english_url)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("a.skip-link").inner_text() == "Skip to main content"


def test_the_spanish_stories_feed_carries_spanish_stories_only(desktop, site_url):
    page = desktop
    index = spanish_stories_index()
    page.goto(site_url + index.url)
    feed_url = page.locator('head link[rel="alternate"][type="application/rss+xml"]').first.get_attribute("href")
    assert unquote(urlsplit(feed_url).path) == unquote(index.url + index.reverse_subpage("rss_feed"))

    response = page.request.get(urljoin(page.url, feed_url))
    assert response.status == 200
    channel = ET.fromstring(response.body()).find("channel")  # noqa: S314 - the test server's own feed
    assert channel.findtext("language") == "es"
    assert channel.findtext("title").startswith(index.title)

    spanish_stories = StoryPage.objects.live().public().filter(locale=index.locale)
    english_titles = set(StoryPage.objects.filter(locale__language_code="en").values_list("title", flat=True))
    expected = {story.get_full_url(): story.title for story in spanish_stories}
    items = [(item.findtext("link"), item.findtext("title")) for item in channel.findall("item")]
    assert items, "The Spanish feed lists no stories"
    assert len(items) == min(len(expected), FEED_LENGTH)
    for link, title in items:
        assert "/es/" in urlsplit(link).path, link
        path = urlsplit(link).path
        assert {urlsplit(url).path: t for url, t in expected.items()}.get(path) == title, link
        assert title not in english_titles, title
