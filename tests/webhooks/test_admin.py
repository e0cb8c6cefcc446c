"""
Settings › Webhooks in the admin: administrators only; the secret shown once; the delivery log;
"Send a test event" and "Resend"; publishing and unpublishing pages through the admin sends one
signed message each, and a slow partner never holds up the publish.
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.webhooks.models import Delivery, Endpoint
from home.factories import StandardPageFactory
from home.models import StandardPage
from tests.support.html import one, parse, text

from .conftest import DATABASE_TASKS, record_change, run_worker
from .receiver import receiving

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def administrator(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "password")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    """An editor with every admin permission a group can be given, but not an administrator."""
    user = get_user_model().objects.create_user("editor", "editor@example.org", "password")
    group = Group.objects.create(name="Everything")
    group.permissions.set(Permission.objects.all())
    user.groups.add(group)
    client.force_login(user)
    return user


def endpoint_form(url, **overrides):
    return {
        "url": url,
        "description": "Nagoya partner site",
        "events": ["published", "unpublished", "deleted", "moved"],
        "object_types": ["city", "story", "page"],
        "languages": ["en", "es"],
        "active": "on",
        **overrides,
    }


def deliveries_table(client, endpoint):
    """(event, status, response code, attempts) of each row of the endpoint's delivery log, newest first."""
    page = parse(client.get(reverse("webhooks:inspect", args=[endpoint.pk])))
    rows = [[text(cell) for cell in row.select("td")] for row in page.select("[data-webhook-deliveries] tbody tr")]
    return [(row[0], row[2], row[3], row[4]) for row in rows]


def test_webhooks_are_under_settings_for_administrators_only(client, administrator):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("webhooks:index") in response.content.decode()
    assert client.get(reverse("webhooks:index")).status_code == 200
    assert client.get(reverse("webhooks:add")).status_code == 200


def test_editors_cannot_see_or_change_webhooks(client, editor, receiver):
    endpoint = Endpoint.objects.create(url=receiver.url)
    assert reverse("webhooks:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    for name, args in [("index", []), ("add", []), ("edit", [endpoint.pk]), ("inspect", [endpoint.pk])]:
        response = client.get(reverse(f"webhooks:{name}", args=args))
        assert response.status_code in (302, 403), name
        assert endpoint.secret not in response.content.decode()
    client.post(reverse("webhooks:test", args=[endpoint.pk]))
    assert not Delivery.objects.exists()
    # Even with the webhook models' own Django permissions (the group has them all).
    assert editor.has_perm("webhooks.change_endpoint")


def test_the_secret_is_shown_once_after_creation(client, administrator, receiver):
    response = client.post(reverse("webhooks:add"), endpoint_form(receiver.url))
    endpoint = Endpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webhooks:secret", args=[endpoint.pk])
    assert endpoint.events == ["published", "unpublished", "deleted", "moved"]
    assert endpoint.object_types == ["city", "story", "page"]

    shown = client.get(response["Location"])
    assert "no-store" in shown["Cache-Control"]
    assert text(one(shown, "[data-webhook-secret]")) == endpoint.secret

    # Once: not again, nor on any other page about the endpoint.
    for url in [
        response["Location"],
        reverse("webhooks:edit", args=[endpoint.pk]),
        reverse("webhooks:inspect", args=[endpoint.pk]),
        reverse("webhooks:index"),
    ]:
        page = client.get(url)
        assert page.status_code == 200
        assert endpoint.secret not in page.content.decode(), url
    assert "was shown once" in client.get(response["Location"]).content.decode()


def test_editing_keeps_the_secret_and_cannot_set_it(client, administrator, receiver):
    endpoint = Endpoint.objects.create(url=receiver.url)
    secret = endpoint.secret
    response = client.post(
        reverse("webhooks:edit", args=[endpoint.pk]),
        endpoint_form(receiver.url, description="Renamed", secret="whsec_bWluZQ=="),
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.description, endpoint.secret) == ("Renamed", secret)


@override_settings(WEBHOOKS={"ALLOW_PRIVATE_ADDRESSES": False})
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8000/hooks", "127.0.0.1, a loopback address: webhooks only go to public internet addresses"),
        ("http://169.254.169.254/latest/", "a link-local address"),
        ("http://[::ffff:10.0.0.1]/", "a private address"),
        ("ftp://8.8.8.8/hooks", "The address must start with https://"),
    ],
)
def test_the_form_refuses_internal_addresses_with_a_clear_message(client, administrator, url, message):
    response = client.post(reverse("webhooks:add"), endpoint_form(url))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["url"])
    assert not Endpoint.objects.exists()


def test_send_a_test_event_and_resend_from_the_delivery_log(client, administrator):
    with receiving(answers=[204, 500, 204]) as receiver:
        endpoint = Endpoint.objects.create(url=receiver.url)
        response = client.post(reverse("webhooks:test", args=[endpoint.pk]))
        assert response.status_code == 302
        assert len(receiver.received) == 1
        message = receiver.received[0].verify(endpoint.secret)
        assert message["type"] == "webhook.test"
        assert deliveries_table(client, endpoint) == [("webhook.test", "Succeeded", "204", "1")]

        client.post(reverse("webhooks:test", args=[endpoint.pk]))
        assert deliveries_table(client, endpoint)[0] == ("webhook.test", "Pending", "500", "1")

        failed = Delivery.objects.filter(status="pending").get()
        client.post(reverse("webhooks:resend", args=[failed.pk]))
        assert len(receiver.received) == 3
        # The same message again: the same webhook-id, signed anew.
        assert receiver.received[2].headers["webhook-id"] == failed.message_id
        assert receiver.received[2].verify(endpoint.secret) == receiver.received[1].verify(endpoint.secret)
        assert deliveries_table(client, endpoint) == [
            ("webhook.test", "Succeeded", "204", "1"),
            ("webhook.test", "Succeeded", "204", "1"),
        ]


def test_a_paused_endpoint_says_so_in_the_admin(client, administrator, receiver, settings):
    settings.WEBHOOKS = {**settings.WEBHOOKS, "MAX_ATTEMPTS": 1, "PAUSE_AFTER_FAILURES": 2}
    receiver.answers = [500]
    endpoint = Endpoint.objects.create(url=receiver.url)
    for _ in range(2):
        client.post(reverse("webhooks:test", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.active
    inspect = client.get(reverse("webhooks:inspect", args=[endpoint.pk])).content.decode()
    assert "Paused after 2 failed deliveries in a row" in inspect
    assert "Send a test event" not in inspect
    edit = client.get(reverse("webhooks:edit", args=[endpoint.pk]), follow=True).content.decode()
    assert "This webhook is paused: Paused after 2 failed deliveries in a row" in edit
    assert "Paused" in client.get(reverse("webhooks:index")).content.decode()

    # Resumed by ticking "Active": the count starts again and messages go out.
    receiver.answers = [204]
    client.post(reverse("webhooks:edit", args=[endpoint.pk]), endpoint_form(receiver.url))
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.consecutive_failures, endpoint.paused_reason) == (True, 0, "")
    client.post(reverse("webhooks:test", args=[endpoint.pk]))
    assert Delivery.objects.filter(status="succeeded").count() == 1


def test_an_administrator_pauses_a_webhook_and_nothing_is_sent(client, administrator, receiver):
    endpoint = Endpoint.objects.create(url=receiver.url)
    form = endpoint_form(receiver.url)
    del form["active"]
    client.post(reverse("webhooks:edit", args=[endpoint.pk]), form)
    endpoint.refresh_from_db()
    assert (endpoint.active, endpoint.paused_reason) == (False, "Paused by an administrator.")
    assert endpoint.paused_at is not None
    record_change()
    assert receiver.received == []
    assert not Delivery.objects.exists()


# --- Publishing through the admin ---------------------------------------------------------------


def page_form(page, **overrides):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "hero_image": "",
            "body": streamfield([("paragraph", rich_text("<p>Delegations from our partner cities.</p>"))]),
            "action-publish": "action-publish",
            **overrides,
        }
    )


def draft_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Visiting delegations", slug="delegations", live=False)
    page.save_revision()
    return page


def test_publishing_and_unpublishing_in_the_admin_sends_one_signed_message_each(client, administrator, home_page):
    with receiving() as receiver:
        endpoint = Endpoint.objects.create(url=receiver.url)
        page = draft_page(home_page)

        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form(page))
        assert response.status_code == 302
        assert StandardPage.objects.get(pk=page.pk).live
        assert len(receiver.received) == 1
        published = receiver.received[0].verify(endpoint.secret)
        assert published["type"] == "page.published"
        assert published["data"]["id"] == page.pk
        assert published["data"]["slug"] == "delegations"
        assert published["data"]["url"].endswith("/en/delegations/")

        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        assert response.status_code == 302
        assert not StandardPage.objects.get(pk=page.pk).live
        assert len(receiver.received) == 2
        unpublished = receiver.received[1].verify(endpoint.secret)
        assert unpublished["type"] == "page.unpublished"
        assert unpublished["data"]["id"] == page.pk

        assert {request.headers["webhook-id"] for request in receiver.received} == set(
            Delivery.objects.values_list("message_id", flat=True)
        )
        assert deliveries_table(client, endpoint) == [
            ("page.unpublished", "Succeeded", "204", "1"),
            ("page.published", "Succeeded", "204", "1"),
        ]


def test_a_hanging_partner_does_not_hold_up_the_publish(client, administrator, home_page):
    events = []
    with receiving(answers=["hang"], events=events) as receiver, override_settings(TASKS=DATABASE_TASKS):
        Endpoint.objects.create(url=receiver.url)
        page = draft_page(home_page)

        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form(page))
        events.append("publish answered")
        assert response.status_code == 302
        assert StandardPage.objects.get(pk=page.pk).live
        assert Delivery.objects.get().status == "pending"

        run_worker()  # the worker, not the editor's request, waits for the partner (READ_TIMEOUT)
        events.append("worker done")
        receiver.release()

    assert events == ["publish answered", "received", "worker done"]
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "No answer within the time allowed."
    assert delivery.next_attempt_at is not None


def test_in_development_a_hanging_partner_cannot_break_a_publish(client, administrator, home_page, settings):
    # ImmediateBackend: the attempt runs inside the request, bounded by the timeout, and is retried later.
    settings.WEBHOOKS = {**settings.WEBHOOKS, "READ_TIMEOUT": 0.5}
    with receiving(answers=["hang"]) as receiver:
        Endpoint.objects.create(url=receiver.url)
        page = draft_page(home_page)
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form(page))
        receiver.release()
    assert response.status_code == 302
    assert StandardPage.objects.get(pk=page.pk).live
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_error) == ("pending", "No answer within the time allowed.")
