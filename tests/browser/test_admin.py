"""The admin in a real browser: it asks no other host for anything (the ``desktop`` fixture refuses and
records such requests), the dashboard shows the program office's panels, and a story's cities are
filtered by typing. Screenshots go to test-artifacts/screenshots/admin-*.png."""

import pytest

from django.contrib.auth import get_user_model

from cities.models import StoryPage

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(desktop, site_url):
    get_user_model().objects.create_superuser("office", "office@example.org", "a long sample password")
    page = desktop
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", "office")
    page.fill("#id_password", "a long sample password")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return page


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"admin-{name}.png", full_page=True)


def test_the_dashboard_shows_the_program_offices_panels_and_loads_nothing_from_elsewhere(signed_in, site_url):
    page = signed_in
    page.wait_for_load_state("networkidle")
    for heading in (
        "Resource suggestions to review",
        "Anniversaries in the next twelve months",
        "Partnerships with no story for two years",
        "City profiles not updated for a year",
        "Translations to do",
    ):
        assert page.get_by_role("heading", name=heading).is_visible(), heading
    screenshot(page, "dashboard")
    page.get_by_role("link", name="Sister City Youth Film Festival").click()
    page.wait_for_url("**/admin/resource_suggestions/edit/*/")
    page.wait_for_load_state("networkidle")
    # The avatar is Wagtail's own picture, served here.
    assert page.outside_requests == []


def test_a_storys_cities_are_filtered_by_typing(signed_in, site_url):
    page = signed_in
    story = StoryPage.objects.filter(locale__language_code="en").order_by("path").first()
    page.goto(f"{site_url}/admin/pages/{story.pk}/edit/")
    page.wait_for_load_state("networkidle")
    choices = page.locator('input[type="checkbox"][name="cities"]')
    total = choices.count()
    assert total > 20
    ticked = [choices.nth(i).get_attribute("value") for i in range(total) if choices.nth(i).is_checked()]
    assert ticked
    box = page.get_by_label("Filter the list")
    box.scroll_into_view_if_needed()
    box.fill("nag")
    visible = page.locator('label:has(input[name="cities"]):visible')
    assert [label.strip() for label in visible.all_inner_texts()] == ["Nagoya"]
    screenshot(page, "story-cities-filter")
    box.press("Enter")  # does not submit the form
    box.fill("zzz")
    assert page.get_by_text("No choice matches.").is_visible()
    box.fill("")
    assert page.locator('label:has(input[name="cities"]):visible').count() == total
    # Ticked cities stay ticked through the filtering.
    assert [choices.nth(i).get_attribute("value") for i in range(total) if choices.nth(i).is_checked()] == ticked
    assert page.url.endswith(f"/admin/pages/{story.pk}/edit/")
