"""Visitors' resource suggestions: the public form, its spam guards, the staff email and the review in the admin.

Nothing a visitor sends is ever published by itself: it is stored for review, and staff either
reject it or turn it into an unpublished ResourcePage draft.
"""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache

from wagtail.models import GroupPagePermission

from cities.factories import CityPageFactory, ResourceCategoryFactory, ResourcePageFactory
from cities.models import ResourcePage, ResourceSubmission
from tests.support.site import fresh_site_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_url(resource_index):
    return resource_index.url + "suggest/"


@pytest.fixture
def category(resource_index):
    return ResourceCategoryFactory(name="Travel and visas", slug="travel")


@pytest.fixture
def nagoya(city_index):
    return CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")


@pytest.fixture
def valid_data(category, nagoya):
    return {
        "title": "Visa checklist",
        "link_url": "https://example.org/visa",
        "description": "What to prepare before you travel to a partner city.",
        "category": category.pk,
        "city": nagoya.pk,
        "submitter_name": "Ana Example",
        "submitter_email": "ana@example.org",
        "homepage": "",
    }


@pytest.fixture
def recipients(home_page):
    return fresh_site_settings(
        site=home_page.get_site(),
        contact_email="office@example.org",
        submission_recipients="a@example.org, b@example.org",
    )


# --- The call and the form -----------------------------------------------------------------------


def test_resources_page_ends_with_the_call_to_suggest_a_resource(client, resource_index, form_url):
    ResourcePageFactory(parent=resource_index, title="Visa checklist")

    response = client.get(resource_index.url)

    content = response.content.decode()
    call = content.index("Have a useful resource to add to our list?")
    assert content.index("Visa checklist") < call < content.index("</main>")
    assertContains(response, f'<a class="button" href="{form_url}">Suggest a resource</a>', html=True)


def test_form_has_labelled_fields_and_a_hidden_honeypot(client, form_url, category, nagoya):
    response = client.get(form_url)

    assert response.status_code == 200
    for field, label in [
        ("title", "Title of the resource"),
        ("link_url", "Web address (link)"),
        ("description", "Description"),
        ("category", "Category"),
        ("city", "Related partner city (optional)"),
        ("submitter_name", "Your name"),
        ("submitter_email", "Your email address"),
    ]:
        assertContains(response, f'<label for="id_{field}">{label}</label>', html=True)
    assertContains(response, '<option value="%d">Travel and visas</option>' % category.pk, html=True)
    assertContains(response, '<option value="%d">Nagoya</option>' % nagoya.pk, html=True)
    assertContains(response, '<div class="honeypot" aria-hidden="true">')
    assertContains(response, 'name="homepage"')
    assertContains(response, 'tabindex="-1"')
    assertContains(response, "csrfmiddlewaretoken")
    assertContains(response, 'aria-describedby="id_link_url_helptext"')


# --- Validation --------------------------------------------------------------------------------


def test_an_empty_form_gets_a_clear_message_for_each_required_field(client, form_url, category):
    response = client.post(form_url, {"homepage": ""})

    assert response.status_code == 200
    assertContains(response, "<title>Error: Suggest a resource | Sister Cities of Los Angeles</title>", html=True)
    assertContains(response, "There is a problem")
    for message in [
        "Enter the title of the resource.",
        "Enter the web address of the resource.",
        "Describe the resource in a sentence or two.",
        "Choose the category the resource belongs under.",
        "Enter your name.",
        "Enter your email address, so that we can reply.",
    ]:
        assertContains(response, message, count=2)  # in the summary and by the field
    assertContains(response, '<a href="#id_title">Enter the title of the resource.</a>', html=True)
    assertContains(response, 'aria-invalid="true"')
    assertContains(response, 'aria-describedby="id_title_error"')
    assert ResourceSubmission.objects.count() == 0


def test_invalid_values_get_messages_and_what_was_typed_is_kept(client, form_url, valid_data):
    data = {**valid_data, "link_url": "not a web address", "submitter_email": "ana-at-example", "description": "Short"}

    response = client.post(form_url, data)

    assertContains(response, "Enter a web address in the right form, like https://www.example.org/guide")
    assertContains(response, "Enter an email address in the right form, like name@example.com")
    assertContains(response, "Tell us a little more: at least 20 characters (you wrote 5).")
    # Everything typed stays in the form, right or wrong.
    assertContains(response, 'value="Visa checklist"')
    assertContains(response, 'value="not a web address"')
    assertContains(response, 'value="ana-at-example"')
    assertContains(response, 'value="Ana Example"')
    assertContains(response, "Short</textarea>")
    assertContains(response, f'<option value="{valid_data["category"]}" selected>Travel and visas</option>', html=True)
    assert ResourceSubmission.objects.count() == 0


def test_a_draft_or_private_city_cannot_be_chosen(client, form_url, valid_data, city_index):
    draft = CityPageFactory(parent=city_index, title="Draft City", live=False)

    response = client.post(form_url, {**valid_data, "city": draft.pk})

    assertContains(response, "Choose one of the cities in the list, or none.")
    assertNotContains(client.get(form_url), "Draft City")


# --- A valid suggestion --------------------------------------------------------------------------


def test_a_valid_suggestion_is_stored_for_review_and_staff_are_emailed(
    client, form_url, resource_index, valid_data, recipients, category, nagoya
):
    response = client.post(form_url, valid_data)

    assertRedirects(response, resource_index.url + "suggest/thanks/")
    submission = ResourceSubmission.objects.get()
    assert submission.title == "Visa checklist"
    assert submission.link_url == "https://example.org/visa"
    assert submission.category == category
    assert submission.city == nagoya
    assert submission.submitter_email == "ana@example.org"
    assert submission.status == ResourceSubmission.Status.NEW
    assert submission.resource_index.pk == resource_index.pk
    assert submission.resource_page is None
    # Nothing reaches the public site.
    assert not ResourcePage.objects.filter(title="Visa checklist").exists()

    [email] = mail.outbox
    assert email.to == ["a@example.org", "b@example.org"]
    assert email.subject == "Resource suggested: Visa checklist"
    assert "Ana Example <ana@example.org>" in email.body
    assert f"http://localhost/admin/resource_suggestions/edit/{submission.pk}/" in email.body


def test_the_visitor_sees_a_confirmation(client, form_url, valid_data):
    response = client.post(form_url, valid_data, follow=True)

    assertContains(response, "<h1>Thank you for your suggestion</h1>", html=True)
    assertContains(response, '<meta name="robots" content="noindex">')


def test_without_recipients_the_contact_email_is_told(client, form_url, valid_data, home_page):
    fresh_site_settings(site=home_page.get_site(), contact_email="office@example.org")

    client.post(form_url, valid_data)

    assert mail.outbox[0].to == ["office@example.org"]


def test_without_any_address_the_suggestion_is_still_stored(client, form_url, valid_data, home_page):
    response = client.post(form_url, valid_data)

    assert response.status_code == 302
    assert ResourceSubmission.objects.count() == 1
    assert mail.outbox == []


def test_a_scheme_is_assumed_for_a_bare_address(client, form_url, valid_data):
    client.post(form_url, {**valid_data, "link_url": "example.org/guide"})

    assert ResourceSubmission.objects.get().link_url == "https://example.org/guide"


# --- Spam guards --------------------------------------------------------------------------------


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(client, form_url, valid_data, recipients):
    response = client.post(form_url, {**valid_data, "homepage": "http://spam.example"})

    assert response.status_code == 302
    assert response["Location"].endswith("/suggest/thanks/")
    assert ResourceSubmission.objects.count() == 0
    assert mail.outbox == []


def test_an_address_may_send_only_so_many_suggestions_an_hour(client, form_url, valid_data, settings):
    settings.RESOURCE_SUGGESTIONS_PER_HOUR = 3
    for number in range(3):
        assert client.post(form_url, {**valid_data, "title": f"Resource {number}"}).status_code == 302

    response = client.post(form_url, {**valid_data, "title": "One too many"})

    assert response.status_code == 429
    assertContains(response, "Please try again later", status_code=429)
    assertContains(response, 'value="One too many"', status_code=429)  # the visitor's words are kept
    assert ResourceSubmission.objects.count() == 3
    # Another address is not affected.
    other = client.post(form_url, {**valid_data, "title": "From elsewhere"}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_counted(client, form_url, valid_data, settings):
    settings.RESOURCE_SUGGESTIONS_PER_HOUR = 1
    settings.NUM_PROXIES = 1

    first = client.post(form_url, valid_data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = client.post(form_url, valid_data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    third = client.post(form_url, valid_data, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert (first.status_code, second.status_code, third.status_code) == (302, 429, 302)


def test_the_limit_holds_when_redis_is_down(client, form_url, valid_data, settings, monkeypatch):
    from django.core.cache import caches
    from django.test import override_settings

    from tests.deploy.conftest import settings_from_env
    from tests.support.processes import free_port

    settings.RESOURCE_SUGGESTIONS_PER_HOUR = 2
    closed_port = free_port()  # nothing listens there: every cache call fails (and is ignored)
    values = settings_from_env(monkeypatch, {"REDIS_URL": f"redis://127.0.0.1:{closed_port}/0"}, ["CACHES"])
    assert values["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    with override_settings(**values):
        try:
            statuses = [client.post(form_url, {**valid_data, "title": f"R{n}"}).status_code for n in range(3)]
            bot = client.post(form_url, {**valid_data, "homepage": "spam"}).status_code
        finally:
            for alias in ("default", "renditions"):
                caches[alias].close()
    assert statuses == [302, 302, 429]
    assert bot == 429
    assert ResourceSubmission.objects.count() == 2


# --- Staff review in the admin --------------------------------------------------------------------


@pytest.fixture
def submission(resource_index, category, nagoya):
    return ResourceSubmission.objects.create(
        title="Visa checklist",
        link_url="https://example.org/visa",
        description="What to prepare before you travel to a partner city.",
        category=category,
        city=nagoya,
        submitter_name="Ana Example",
        submitter_email="ana@example.org",
        resource_index=resource_index,
    )


def test_staff_see_suggestions_listed_with_their_status(admin_client, submission):
    response = admin_client.get("/admin/resource_suggestions/")

    assert response.status_code == 200
    assertContains(response, "Visa checklist")
    assertContains(response, "Ana Example")
    assertContains(response, "Waiting for review")
    assertContains(response, f"/admin/resource_suggestions/draft/{submission.pk}/")
    assertContains(response, f"/admin/resource_suggestions/reject/{submission.pk}/")


def test_the_review_actions_ask_before_they_act(admin_client, submission):
    response = admin_client.get(f"/admin/resource_suggestions/draft/{submission.pk}/")

    assert response.status_code == 200
    assertContains(response, "Create a draft resource")
    submission.refresh_from_db()
    assert submission.status == ResourceSubmission.Status.NEW
    assert not ResourcePage.objects.exists()


def test_staff_turn_a_suggestion_into_an_unpublished_draft_with_one_action(
    admin_client, submission, resource_index, admin_user
):
    response = admin_client.post(f"/admin/resource_suggestions/draft/{submission.pk}/")

    page = ResourcePage.objects.get()
    assertRedirects(response, f"/admin/pages/{page.pk}/edit/", fetch_redirect_response=False)
    assert page.get_parent().pk == resource_index.pk
    assert page.title == "Visa checklist"
    assert page.link_url == "https://example.org/visa"
    assert page.description == submission.description
    assert page.category == submission.category
    assert list(page.cities.all()) == [submission.city]
    # A draft: not live, never published, one revision by the reviewer.
    assert page.live is False
    assert page.first_published_at is None
    assert page.has_unpublished_changes is True
    assert page.revisions.count() == 1
    assert page.latest_revision.user == admin_user
    submission.refresh_from_db()
    assert submission.status == ResourceSubmission.Status.DRAFTED
    assert submission.resource_page.pk == page.pk
    assert submission.reviewed_by == admin_user
    assert submission.reviewed_at is not None


def test_the_draft_is_not_on_the_public_site(admin_client, client, submission, resource_index):
    admin_client.post(f"/admin/resource_suggestions/draft/{submission.pk}/")
    page = ResourcePage.objects.get()

    assert client.get(page.url).status_code == 404
    assertNotContains(client.get(resource_index.url), "Visa checklist")


def test_a_second_draft_gets_its_own_address(admin_client, submission, resource_index, category):
    ResourcePageFactory(parent=resource_index, title="Visa checklist", slug="visa-checklist", category=category)

    admin_client.post(f"/admin/resource_suggestions/draft/{submission.pk}/")

    assert ResourcePage.objects.get(live=False).slug == "visa-checklist-2"


def test_staff_reject_a_suggestion(admin_client, submission):
    response = admin_client.post(f"/admin/resource_suggestions/reject/{submission.pk}/")

    assertRedirects(response, "/admin/resource_suggestions/", fetch_redirect_response=False)
    submission.refresh_from_db()
    assert submission.status == ResourceSubmission.Status.REJECTED
    assert not ResourcePage.objects.exists()


def test_a_reviewed_suggestion_cannot_be_reviewed_again(admin_client, submission):
    submission.reject(None)

    admin_client.post(f"/admin/resource_suggestions/draft/{submission.pk}/")

    assert not ResourcePage.objects.exists()
    submission.refresh_from_db()
    assert submission.status == ResourceSubmission.Status.REJECTED


def test_a_suggestion_without_a_category_needs_one_before_a_draft(admin_client, submission):
    submission.category = None
    submission.save()

    response = admin_client.post(f"/admin/resource_suggestions/draft/{submission.pk}/", follow=True)

    assertContains(response, "Choose a category for the suggestion first")
    assert not ResourcePage.objects.exists()


def test_visitors_and_editors_without_permission_cannot_review(client, django_user_model, submission):
    assert client.post(f"/admin/resource_suggestions/draft/{submission.pk}/").status_code == 302  # to the login

    editor = django_user_model.objects.create_user(username="editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.post(f"/admin/resource_suggestions/draft/{submission.pk}/")

    assert response.status_code in (302, 403)
    assert not ResourcePage.objects.exists()
    submission.refresh_from_db()
    assert submission.status == ResourceSubmission.Status.NEW


def test_reviewers_need_permission_to_add_pages_under_the_resources(
    client, django_user_model, submission, resource_index
):
    reviewer = django_user_model.objects.create_user(username="reviewer", password="x")
    group = Group.objects.create(name="Reviewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_resourcesubmission")
    )
    reviewer.groups.add(group)
    client.force_login(reviewer)

    denied = client.post(f"/admin/resource_suggestions/draft/{submission.pk}/")

    assert denied.status_code in (302, 403)  # Wagtail's admin sends the user home with a message
    assert not ResourcePage.objects.exists()

    GroupPagePermission.objects.create(
        group=group, page=resource_index, permission=Permission.objects.get(codename="add_page")
    )
    response = client.post(f"/admin/resource_suggestions/draft/{submission.pk}/")

    page = ResourcePage.objects.get()
    assertRedirects(response, f"/admin/pages/{page.pk}/edit/", fetch_redirect_response=False)
    assert page.live is False
