"""Committee editors and the program office, in a real browser on the demo site's admin.

A member of Nagoya's committee writes a story about Nagoya and submits it for review (there is no
"Publish" for them, and Busan's profile is closed to them); a program officer approves it with a
comment, which publishes it: visitors and the API then see it.
"""

import json
import re

import pytest

from django.contrib.auth.models import Group

from cities.committees import PROGRAM_OFFICE
from cities.models import CityPage, StoryIndexPage, StoryPage

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db

PASSWORD = "browser-test-password"
TITLE = "Nagoya choir sings at City Hall"


@pytest.fixture(autouse=True)
def no_autosave(settings):
    # Wagtail 7.4 saves a new page's draft by itself as soon as it is typed in, racing the test's own
    # clicks (Wagtail tests its autosave); the journeys save and submit with the buttons, as editors can.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def accounts(demo, django_user_model):
    nagoya = CityPage.objects.get(locale__language_code="en", title="Nagoya")
    member = django_user_model.objects.create_user("member-browser", password=PASSWORD)
    member.groups.add(nagoya.committee.group)
    officer = django_user_model.objects.create_user("officer-browser", password=PASSWORD)
    officer.groups.add(Group.objects.get(name=PROGRAM_OFFICE))
    return member, officer


def log_in(page, site_url, username):
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site_url + "/admin/")


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"admin-{name}.png"), full_page=True)


def choose_city(page, city):
    field = page.locator('[name="cities"]')
    if field.first.evaluate("el => el.tagName") == "SELECT":
        field.select_option(str(city.pk))
    else:
        page.locator(f'[name="cities"][value="{city.pk}"]').check()


def test_a_committee_member_writes_a_story_and_submits_it_for_review(desktop, site_url, accounts):
    page = desktop
    nagoya = CityPage.objects.get(locale__language_code="en", title="Nagoya")
    busan = CityPage.objects.get(locale__language_code="en", title="Busan")
    index = StoryIndexPage.objects.get(locale__language_code="en")
    log_in(page, site_url, "member-browser")

    page.goto(f"{site_url}/admin/pages/add/cities/storypage/{index.pk}/")
    page.fill("#id_title", TITLE)
    page.press("#id_title", "Tab")  # leaving the title fills in the slug
    page.fill("#id_intro", "The committee's choir came to Los Angeles for a concert.")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator(".Draftail-Editor [contenteditable='true']").first.click()
    page.keyboard.type("Forty singers, one evening, a full hall.")
    page.locator("#id_intro").click()  # leaving the editor writes its text into the form
    choose_city(page, nagoya)

    # No "Publish" for a committee member: their way is the review.
    assert page.locator('button[name="action-publish"]').count() == 0
    page.locator("footer").get_by_role("button", name="More actions").click()
    screenshot(page, "committee-member-story-actions")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Submit to Committee review")).click()
    errors = page.locator("[data-field-wrapper]:has(.error-message)")
    assert page.url == f"{site_url}/admin/pages/{index.pk}/", errors.all_inner_texts()

    story = StoryPage.objects.get(title=TITLE)
    assert story.workflow_in_progress and not story.live
    assert story.owner.username == "member-browser"

    # Another city's profile is closed: back to the dashboard, with a message.
    page.goto(f"{site_url}/admin/pages/{busan.pk}/edit/")
    page.wait_for_url(site_url + "/admin/")
    assert page.get_by_text("Sorry, you do not have permission to access this area.").is_visible()


def test_a_program_officer_approves_with_a_comment_and_the_story_goes_live(desktop, site_url, accounts):
    member, _officer = accounts
    nagoya = CityPage.objects.get(locale__language_code="en", title="Nagoya")
    index = StoryIndexPage.objects.get(locale__language_code="en")
    story = StoryPage(title=TITLE, slug="nagoya-choir", intro="The choir came.", owner=member, live=False)
    story.body = [{"type": "paragraph", "value": "<p>Forty singers.</p>"}]
    story.cities.set([nagoya])
    index.add_child(instance=story)
    story.save_revision(user=member)
    story.get_workflow().start(story, member)

    page = desktop
    log_in(page, site_url, "officer-browser")
    review = page.get_by_role("region", name="Awaiting your review")
    screenshot(page, "program-officer-dashboard")
    review.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/{story.pk}/edit/$"))

    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve with comment").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("textarea").fill("Lovely story, thank you.")
    screenshot(page, "program-officer-approve-with-comment")
    with page.expect_navigation():
        dialog.get_by_role("button", name=re.compile("Approve")).click()
    screenshot(page, "program-officer-approved")

    story.refresh_from_db()
    assert story.live
    assert story.current_workflow_state is None

    page.goto(site_url + story.url)
    assert page.locator("h1").inner_text() == TITLE
    query = json.dumps({"query": "{ page(id: %d) { title } }" % story.pk})
    answer = page.request.post(site_url + "/api/graphql/", data=query, headers={"Content-Type": "application/json"})
    assert answer.json()["data"]["page"]["title"] == TITLE
