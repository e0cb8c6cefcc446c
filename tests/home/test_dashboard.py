"""The program office's dashboard: each panel lists what someone can act on, links to where it is done,
costs a fixed number of SQL queries whatever the amount of content, and shows only to who may act."""

import datetime

import pytest
from wagtail_localize.models import Translation, TranslationSource

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import GroupPagePermission, Locale, Workflow

from cities.dashboard import (
    SUGGESTIONS_SHOWN,
    AnniversariesPanel,
    QuietPartnershipsPanel,
    StaleProfilesPanel,
    SuggestionsPanel,
)
from cities.factories import CityPageFactory, ResourceCategoryFactory, StoryPageFactory
from cities.models import CityPage, ResourceSubmission, Status, StoryPage
from home.dashboard import TranslationsPanel
from tests.support.html import parse, text
from tests.support.site import make_site

TODAY = datetime.date(2026, 3, 10)
PANEL_IDS = {
    "suggestions": "dashboard-resource-suggestions-section",
    "anniversaries": "dashboard-anniversaries-section",
    "quiet": "dashboard-quiet-partnerships-section",
    "stale": "dashboard-stale-city-profiles-section",
    "translations": "dashboard-translations-section",
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("home.clock.today", lambda: TODAY)


@pytest.fixture
def site(db):
    return make_site()


def long_ago(days):
    return timezone.make_aware(datetime.datetime.combine(TODAY - datetime.timedelta(days=days), datetime.time(12)))


def build_program(site, size):
    """``size`` of everything each panel lists, and as much again that no panel lists."""
    _, city_index, story_index, resource_index = site
    category = ResourceCategoryFactory()
    listed, quiet = [], []
    for number in range(size):
        # Listed: a 25th anniversary in April 2026 (date known) or in 2027 (only the year), no story for
        # three years, last published two years ago.
        city = CityPageFactory(
            parent=city_index,
            title=f"Listed {number:03}",
            year_established=2001 if number % 2 else 2002,
            agreement_date=datetime.date(2001, 4, 1) if number % 2 else None,
        )
        StoryPageFactory(parent=story_index, date=TODAY - datetime.timedelta(days=3 * 365), cities=[city])
        listed.append(city)
        # Not listed: no anniversary (founded 2003), a story last month, published last week.
        city = CityPageFactory(parent=city_index, title=f"Quiet {number:03}", year_established=2003)
        StoryPageFactory(parent=story_index, date=TODAY - datetime.timedelta(days=30), cities=[city])
        quiet.append(city)
        ResourceSubmission.objects.create(
            title=f"Suggestion {number:03}",
            link_url="https://example.org/",
            description="A resource.",
            category=category,
            submitter_name="A visitor",
            submitter_email="visitor@example.org",
            submitted_at=long_ago(size - number),
            resource_index=resource_index,
        )
        ResourceSubmission.objects.create(
            title=f"Reviewed {number:03}",
            link_url="https://example.org/",
            description="A resource.",
            submitter_name="A visitor",
            submitter_email="visitor@example.org",
            status=ResourceSubmission.Status.REJECTED,
        )
    CityPage.objects.filter(pk__in=[city.pk for city in listed]).update(last_published_at=long_ago(2 * 365))
    CityPage.objects.filter(pk__in=[city.pk for city in quiet]).update(last_published_at=long_ago(7))
    return listed


def translate(cities):
    """Spanish versions of these cities made with wagtail-localize, then the English ones changed."""
    spanish = Locale.objects.get(language_code="es")
    for city in cities:
        source, _ = TranslationSource.get_or_create_from_instance(city)
        city.copy_for_translation(spanish, copy_parents=True)
        Translation.objects.create(source=source, target_locale=spanish)
    TranslationSource.objects.update(last_updated_at=long_ago(30))
    for city in cities:
        city.save_revision()  # edited after the last sync


def request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def render(panel, user):
    return panel.render_html({"request": request_for(user), "csrf_token": ""})


def rows(html):
    """The panel's rows as (title, link, other cells)."""
    return [
        (text(row.select_one("th a")), row.select_one("th a")["href"], [text(cell) for cell in row.select("td")])
        for row in parse(html).select("tbody tr")
    ]


def superuser():
    return get_user_model().objects.create_superuser("office", "office@example.org", "password")


def admin_user(name, *codenames):
    """A user who may use the admin, with these model permissions and no page permission."""
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return get_user_model().objects.get(pk=user.pk)


# --- What each panel lists, and where it links --------------------------------------------------


def test_suggestions_waiting_for_review_oldest_first_each_linking_to_its_review(site):
    build_program(site, 3)
    found = rows(render(SuggestionsPanel(), superuser()))
    assert [title for title, _, _ in found] == ["Suggestion 000", "Suggestion 001", "Suggestion 002"]
    first = ResourceSubmission.objects.get(title="Suggestion 000")
    assert found[0][1] == reverse("resource_suggestions:edit", args=[first.pk])


def test_a_long_list_of_suggestions_links_to_all_of_them(site):
    build_program(site, SUGGESTIONS_SHOWN + 2)
    html = render(SuggestionsPanel(), superuser())
    assert len(rows(html)) == SUGGESTIONS_SHOWN
    more = parse(html).select("section > div p a, p a")[-1]
    assert text(more) == f"See all {SUGGESTIONS_SHOWN + 2} suggestions waiting for review"
    assert more["href"] == reverse("resource_suggestions:index") + "?status=new"


def test_anniversaries_in_the_next_twelve_months_by_date(site):
    listed = build_program(site, 2)
    found = rows(render(AnniversariesPanel(), superuser()))
    # Listed 001 (2001, signed 1 April): 25 years on 1 April 2026; Listed 000 (2002): 25 years in 2027.
    assert found == [
        ("Listed 001", reverse("wagtailadmin_pages:edit", args=[listed[1].pk]), ["25 years", "April 1, 2026"]),
        (
            "Listed 000",
            reverse("wagtailadmin_pages:edit", args=[listed[0].pk]),
            ["25 years", "In 2027 (the day is not known)"],
        ),
    ]


# A new page object reads its content type (cached per process once read): database access.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "agreement", "expected"),
    [
        (2001, datetime.date(2001, 4, 1), (25, 2026, datetime.date(2026, 4, 1))),  # in three weeks
        (2001, datetime.date(2001, 3, 10), (25, 2026, datetime.date(2026, 3, 10))),  # today
        (2001, datetime.date(2001, 3, 9), None),  # yesterday: passed
        (2002, datetime.date(2002, 3, 9), (25, 2027, datetime.date(2027, 3, 9))),  # next year, within twelve months
        (2002, datetime.date(2002, 3, 10), None),  # twelve months from today: the window is over
        (2002, None, (25, 2027, None)),  # no day: the year is next year
        (2001, None, (25, 2026, None)),  # no day: the year is this year
        (2003, None, None),  # 23 and 24 years
        (1992, datetime.date(1992, 2, 29), (35, 2027, datetime.date(2027, 2, 28))),  # a leap day
    ],
)
def test_the_anniversary_rule_reuses_the_city_pages_every_fifth_year(year, agreement, expected):
    city = CityPage(year_established=year, agreement_date=agreement)
    anniversary = city.upcoming_anniversary(TODAY)
    assert (anniversary and (anniversary.age, anniversary.year, anniversary.date)) == expected
    if anniversary:
        assert city.anniversary(anniversary.year) == anniversary.age  # the city page's own rule


def test_partnerships_with_no_story_for_two_years(site):
    listed = build_program(site, 2)
    _, city_index, story_index, _ = site
    never = CityPageFactory(parent=city_index, title="Never told", year_established=2003)
    suspended = CityPageFactory(parent=city_index, title="Suspended", status=Status.SUSPENDED)
    draft_only = CityPageFactory(parent=city_index, title="Draft story only")
    story = StoryPageFactory(parent=story_index, date=TODAY, cities=[draft_only])
    StoryPage.objects.filter(pk=story.pk).update(live=False)
    found = rows(render(QuietPartnershipsPanel(), superuser()))
    last_story = "March 11, 2023"
    assert found == [
        ("Draft story only", reverse("wagtailadmin_pages:edit", args=[draft_only.pk]), ["None yet"]),
        ("Listed 000", reverse("wagtailadmin_pages:edit", args=[listed[0].pk]), [last_story]),
        ("Listed 001", reverse("wagtailadmin_pages:edit", args=[listed[1].pk]), [last_story]),
        ("Never told", reverse("wagtailadmin_pages:edit", args=[never.pk]), ["None yet"]),
    ]
    assert suspended.pk  # not listed: only active partnerships


def test_city_profiles_not_updated_for_a_year(site):
    listed = build_program(site, 2)
    found = rows(render(StaleProfilesPanel(), superuser()))
    assert [(title, link) for title, link, _ in found] == [
        ("Listed 000", reverse("wagtailadmin_pages:edit", args=[listed[0].pk])),
        ("Listed 001", reverse("wagtailadmin_pages:edit", args=[listed[1].pk])),
    ]
    assert found[0][2] == ["March 10, 2024"]


def test_translations_summarised_per_language_linking_to_the_report(site):
    build_program(site, 2)
    office = superuser()
    found = rows(render(TranslationsPanel(), office))
    # Nothing is translated: the home page, three sections, four cities, four stories, one category.
    assert found == [("Spanish", reverse("translation_tasks_report"), ["13 items have no version yet"])]
    assert "Open the report: Translations to do" in render(TranslationsPanel(), office)


def test_out_of_date_translations_are_counted_as_the_report_counts_them(site, client):
    listed = build_program(site, 2)
    translate(listed)
    office = superuser()
    found = rows(render(TranslationsPanel(), office))
    assert found[0][2] == ["11 items have no version yet; 2 translations are out of date"]
    client.force_login(office)
    report = parse(client.get(reverse("translation_tasks_report")).content.decode())
    states = [text(cell) for cell in report.select("tbody tr td:nth-of-type(4)")]
    assert states.count("Out of date: the source changed after the last sync") == 2
    assert states.count("No translation yet") == 11


def test_an_empty_panel_says_there_is_nothing_to_do(site):
    html = render(SuggestionsPanel(), superuser())
    assert "No suggestion is waiting for review." in html
    assert not rows(html)


# --- A bounded number of queries ---------------------------------------------------------------

# Per panel, for a superuser: the same whatever the amount of content.
QUERIES = {
    SuggestionsPanel: 1,
    AnniversariesPanel: 2,
    QuietPartnershipsPanel: 2,
    StaleProfilesPanel: 2,
    # Default and other languages; per other language: pages, then each of the 3 translatable snippet
    # models; wagtail-localize's translations, then their sources and targets: one query per model (1).
    TranslationsPanel: 8,
}


@pytest.mark.parametrize("panel_class", list(QUERIES))
@pytest.mark.parametrize("size", [2, 12])
def test_each_panel_costs_a_fixed_number_of_queries(site, django_assert_num_queries, panel_class, size):
    cities = build_program(site, size)
    if panel_class is TranslationsPanel:
        translate(cities)
    user = superuser()
    render(panel_class(), user)  # content types and locales are cached after a first use, as in a live process
    with django_assert_num_queries(QUERIES[panel_class] + (1 if panel_class is SuggestionsPanel and size > 10 else 0)):
        html = render(panel_class(), user)
    assert rows(html)


# --- Who sees what --------------------------------------------------------------------------------


def dashboard_panels(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    document = parse(response.content.decode())
    return {name for name, panel_id in PANEL_IDS.items() if document.select_one(f"#{panel_id}")}


def test_the_program_office_sees_every_panel(site, client):
    build_program(site, 2)
    assert dashboard_panels(client, superuser()) == set(PANEL_IDS)


def test_a_user_without_permissions_sees_none(site, client):
    build_program(site, 2)
    assert dashboard_panels(client, admin_user("nobody")) == set()


def test_a_suggestions_reviewer_sees_only_the_suggestions(site, client):
    build_program(site, 2)
    assert dashboard_panels(client, admin_user("reviewer", "change_resourcesubmission")) == {"suggestions"}
    # Seeing suggestions without the right to review them is not enough.
    assert dashboard_panels(client, admin_user("viewer", "view_resourcesubmission")) == set()


def test_an_editor_of_some_cities_sees_only_those(site, client):
    listed = build_program(site, 2)
    group = Group.objects.create(name="Nagoya committee")
    GroupPagePermission.objects.create(group=group, page=listed[1], permission_type="change")
    user = admin_user("committee")
    user.groups.add(group)
    assert dashboard_panels(client, user) == {"anniversaries", "quiet", "stale", "translations"}
    for panel in (AnniversariesPanel(), QuietPartnershipsPanel(), StaleProfilesPanel()):
        assert [title for title, _, _ in rows(render(panel, get_user_model().objects.get(pk=user.pk)))] == [
            "Listed 001"
        ]


def test_wagtails_own_review_panel_stays_and_shows_pages_waiting_for_review(site, client):
    listed = build_program(site, 1)
    office = superuser()
    page = listed[0]
    workflow = Workflow.objects.get(name="Moderators approval")
    page.save_revision(user=office)
    workflow.start(page, office)
    client.force_login(office)
    response = client.get(reverse("wagtailadmin_home"))
    assert WorkflowObjectsToModeratePanel.template_name in [t.name for t in response.templates]
    document = parse(response.content.decode())
    review = document.select_one("#awaiting-review-section, [id^=awaiting-review]")
    assert review is not None and page.title in text(review)


def test_the_panels_are_in_the_default_language_only(site):
    listed = build_program(site, 1)
    assert Locale.get_default().language_code == "en"
    spanish = listed[0].copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    found = rows(render(StaleProfilesPanel(), superuser()))
    assert [title for title, _, _ in found] == ["Listed 000"]
    assert spanish.pk not in [listed[0].pk]
