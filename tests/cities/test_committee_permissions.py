"""Committee editors: every way into the admin as a committee member, the program office's review, and membership.

A member of Nagoya's committee edits Nagoya's profile and the stories about Nagoya, uploads to the committee's
collection and submits for review; nothing else. Each test goes through the real admin URLs with the Django
test client, as the member's browser would.
"""

import json
from types import SimpleNamespace

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cities.committees import PROGRAM_OFFICE, REVIEW_WORKFLOW, setup_committee_review
from cities.factories import CityPageFactory, CommitteeFactory, ExchangeTypeFactory, StoryPageFactory
from cities.models import CityPage, Committee, StoryPage
from home.models import CustomImage
from tests.support.site import make_site

pytestmark = pytest.mark.django_db

GRAPHQL = "/api/graphql/"


@pytest.fixture
def site(django_user_model):
    home, city_index, story_index, resource_index = make_site()
    nagoya_committee = CommitteeFactory(name="Los Angeles–Nagoya Sister City Committee")
    busan_committee = CommitteeFactory(name="Los Angeles–Busan Sister City Committee")
    nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya", committee=nagoya_committee)
    busan = CityPageFactory(parent=city_index, title="Busan", slug="busan", committee=busan_committee)
    office, workflow = setup_committee_review()
    member = django_user_model.objects.create_user("kenji", password="pw-kenji")
    member.groups.add(nagoya_committee.group)
    officer = django_user_model.objects.create_user("olivia", password="pw-olivia")
    officer.groups.add(office)
    other = django_user_model.objects.create_user("jiwoo")
    return SimpleNamespace(
        home=home,
        city_index=city_index,
        story_index=story_index,
        resource_index=resource_index,
        nagoya=nagoya,
        busan=busan,
        nagoya_committee=nagoya_committee,
        busan_committee=busan_committee,
        nagoya_story=StoryPageFactory(parent=story_index, title="Taiko in Nagoya", cities=[nagoya]),
        busan_story=StoryPageFactory(parent=story_index, title="Port day in Busan", cities=[busan]),
        shared_story=StoryPageFactory(parent=story_index, title="Two ports meet", cities=[nagoya, busan]),
        # Written by the member, but about Busan only (an editor changed it): not theirs to edit any more.
        own_busan_story=StoryPageFactory(parent=story_index, title="Kenji in Busan", cities=[busan], owner=member),
        member=member,
        officer=officer,
        other=other,
        office=office,
        workflow=workflow,
    )


@pytest.fixture
def member_client(client, site):
    client.force_login(site.member)
    return client


@pytest.fixture
def officer_client(client, site):
    client.force_login(site.officer)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_story_url(site):
    return reverse("wagtailadmin_pages:add", args=["cities", "storypage", site.story_index.pk])


def story_form(title, cities, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "date": "2025-03-01",
            "intro": "Students from both cities met for a week.",
            "body": streamfield([("paragraph", rich_text("<p>What they did, day by day.</p>"))]),
            "author": "Committee volunteers",
            "tags": "",
            **extra,
        }
    )
    return {**data, "cities": [city.pk for city in cities]}  # a multiple choice: one value per city


def city_form(city, **extra):
    return nested_form_data(
        {
            "title": city.title,
            "slug": city.slug,
            "country": "JP",
            "region": "asia",
            "relationship": "sister_city",
            "status": "active",
            "year_established": "1959",
            "latitude": "35.18",
            "longitude": "136.91",
            "population": "2300000",
            "summary": "A new summary proposed by the committee.",
            "committee": city.committee_id,
            "body": streamfield([]),
            "gallery_images": inline_formset([]),
            "sources": inline_formset([]),
            **extra,
        }
    )


def refused(response):
    """Wagtail answers a forbidden admin page with a redirect to the dashboard and a message, or a 403."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


# --- The group, collection and permissions a committee gets ------------------------------------------


def test_a_committee_gets_a_group_a_collection_and_no_publishing(site):
    group = site.nagoya_committee.group
    assert group.name == "Los Angeles–Nagoya Sister City Committee"
    assert site.nagoya_committee.collection.name == group.name
    assert site.nagoya_committee.collection.get_parent().name == "Committees"
    page_permissions = set(
        GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")
    )
    assert page_permissions == {(site.nagoya.pk, "change_page"), (site.story_index.pk, "add_page")}
    media = set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", "permission__codename")
    )
    collection = site.nagoya_committee.collection.pk
    assert media == {
        (collection, codename)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        )
    }
    assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]


def test_the_permission_follows_the_citys_committee(site):
    site.busan.committee = site.nagoya_committee
    site.busan.save()
    assert GroupPagePermission.objects.filter(page=site.busan, group=site.nagoya_committee.group).exists()
    assert not GroupPagePermission.objects.filter(page=site.busan, group=site.busan_committee.group).exists()


def test_renaming_a_committee_renames_its_group_and_collection(site):
    site.nagoya_committee.name = "Nagoya Friends"
    site.nagoya_committee.save()
    site.nagoya_committee.refresh_from_db()
    assert site.nagoya_committee.group.name == "Nagoya Friends"
    assert site.nagoya_committee.collection.name == "Nagoya Friends"


def test_deleting_a_committee_takes_its_members_access_away(site):
    group_id = site.nagoya_committee.group_id
    site.nagoya_committee.delete()
    assert not Group.objects.filter(pk=group_id).exists()
    assert not GroupPagePermission.objects.filter(group_id=group_id).exists()
    site.member.refresh_from_db()
    assert not site.member.groups.exists()


def test_a_committees_translation_shares_its_group(site):
    from wagtail.models import Locale

    spanish = site.nagoya_committee.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.name = "Comité Los Ángeles–Nagoya"
    spanish.save()
    assert spanish.group_id == site.nagoya_committee.group_id
    site.nagoya_committee.group.refresh_from_db()
    assert site.nagoya_committee.group.name == "Los Angeles–Nagoya Sister City Committee"


# --- Pages: editing and creating ---------------------------------------------------------------------


def test_member_edits_their_citys_profile_and_no_other(member_client, site):
    assert member_client.get(edit_url(site.nagoya)).status_code == 200
    assert refused(member_client.get(edit_url(site.busan)))
    assert refused(member_client.post(edit_url(site.busan), city_form(site.busan)))
    site.busan.refresh_from_db()
    assert site.busan.summary == "A partner city of Los Angeles."
    assert refused(member_client.get(edit_url(site.city_index)))
    assert refused(
        member_client.get(reverse("wagtailadmin_pages:add", args=["cities", "citypage", site.city_index.pk]))
    )


def test_member_edits_every_story_about_their_city_and_no_other(member_client, site):
    for story in (site.nagoya_story, site.shared_story):
        assert member_client.get(edit_url(story)).status_code == 200, story
    for story in (site.busan_story, site.own_busan_story):
        assert refused(member_client.get(edit_url(story))), story
    assert refused(member_client.post(edit_url(site.busan_story), story_form("Changed", [site.nagoya])))
    site.busan_story.refresh_from_db()
    assert site.busan_story.title == "Port day in Busan"
    assert refused(member_client.get(edit_url(site.story_index)))


def test_member_writes_a_story_about_their_city_and_submits_it(member_client, site):
    assert member_client.get(add_story_url(site)).status_code == 200
    response = member_client.post(
        add_story_url(site), story_form("Students plan a return visit", [site.nagoya], **{"action-submit": "1"})
    )
    assert response.status_code == 302
    story = StoryPage.objects.get(title="Students plan a return visit")
    assert not story.live
    assert story.owner == site.member
    assert story.workflow_in_progress
    assert story.current_workflow_task.name == "Program office review"


def test_a_members_story_must_name_their_city(member_client, site):
    response = member_client.post(add_story_url(site), story_form("About Busan only", [site.busan]))
    assert response.status_code == 200
    assert "Choose Nagoya among the cities" in " ".join(response.context["form"].errors["cities"])
    assert not StoryPage.objects.filter(title="About Busan only").exists()
    # Nor can an edit take their city off a story.
    response = member_client.post(edit_url(site.shared_story), story_form("Two ports meet", [site.busan]))
    assert response.status_code == 200
    assert "cities" in response.context["form"].errors
    assert list(site.shared_story.cities.all()) == [site.nagoya, site.busan] or set(site.shared_story.cities.all()) == {
        site.nagoya,
        site.busan,
    }


def test_the_rule_is_for_committee_members_only(officer_client, site):
    response = officer_client.post(add_story_url(site), story_form("An office story about Busan", [site.busan]))
    assert response.status_code == 302
    assert StoryPage.objects.filter(title="An office story about Busan").exists()


# --- Pages: publishing and the other page actions -------------------------------------------------------


def test_member_cannot_publish_and_submits_instead(member_client, site):
    response = member_client.post(
        edit_url(site.nagoya), city_form(site.nagoya, summary="Published by a member?", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    site.nagoya.refresh_from_db()
    assert site.nagoya.summary == "A partner city of Los Angeles."  # the live page is unchanged
    assert site.nagoya.has_unpublished_changes  # the "publish" was saved as a draft
    assert not site.nagoya.workflow_in_progress

    member_client.post(edit_url(site.nagoya), city_form(site.nagoya, summary="Proposed", **{"action-submit": "1"}))
    site.nagoya.refresh_from_db()
    assert site.nagoya.workflow_in_progress
    assert site.nagoya.summary == "A partner city of Los Angeles."
    assert site.nagoya.get_latest_revision_as_object().summary == "Proposed"

    # A new story: its "publish" is a draft too.
    member_client.post(add_story_url(site), story_form("Published at once?", [site.nagoya], **{"action-publish": "1"}))
    assert not StoryPage.objects.get(title="Published at once?").live


def test_member_cannot_unpublish_delete_move_or_lock(member_client, site):
    for page in (site.nagoya, site.nagoya_story, site.busan, site.busan_story):
        for name in ("unpublish", "delete", "move", "lock"):
            url = reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
            response = member_client.post(url) if name == "lock" else member_client.get(url)
            assert refused(response), (name, page)
    assert refused(member_client.post(reverse("wagtailadmin_pages:delete", args=[site.nagoya_story.pk])))
    assert StoryPage.objects.filter(pk=site.nagoya_story.pk).exists()
    assert CityPage.objects.get(pk=site.nagoya.pk).live


def test_member_deletes_only_their_own_unpublished_story_about_their_city(member_client, site):
    draft = StoryPageFactory(
        parent=site.story_index, title="Draft", cities=[site.nagoya], owner=site.member, live=False
    )
    draft_by_someone_else = StoryPageFactory(
        parent=site.story_index, title="Other draft", cities=[site.nagoya], live=False
    )
    assert refused(member_client.get(reverse("wagtailadmin_pages:delete", args=[draft_by_someone_else.pk])))
    assert member_client.get(reverse("wagtailadmin_pages:delete", args=[draft.pk])).status_code == 200
    member_client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not StoryPage.objects.filter(pk=draft.pk).exists()


def test_member_copies_stories_about_their_city_only_as_drafts(member_client, site):
    assert refused(member_client.get(reverse("wagtailadmin_pages:copy", args=[site.busan_story.pk])))
    assert refused(member_client.get(reverse("wagtailadmin_pages:copy", args=[site.nagoya.pk])))
    response = member_client.post(
        reverse("wagtailadmin_pages:copy", args=[site.nagoya_story.pk]),
        {
            "new_title": "Taiko again",
            "new_slug": "taiko-again",
            "new_parent_page": site.story_index.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = StoryPage.objects.get(slug="taiko-again")
    assert not copy.live
    assert list(copy.cities.all()) == [site.nagoya]


def test_the_explorer_offers_edit_only_where_the_member_may(member_client, site):
    response = member_client.get(reverse("wagtailadmin_explore", args=[site.story_index.pk]))
    assert response.status_code == 200
    for story in (site.nagoya_story, site.shared_story):
        assertContains(response, edit_url(story))
    for story in (site.busan_story, site.own_busan_story):
        assertNotContains(response, edit_url(story))
    for action in ("delete", "move", "unpublish"):
        assertNotContains(response, reverse(f"wagtailadmin_pages:{action}", args=[site.nagoya_story.pk]))
    assertNotContains(response, reverse("wagtailadmin_pages:copy", args=[site.busan_story.pk]))
    # Cities: the member's city can be edited, no other; the city list has no "add".
    response = member_client.get(reverse("wagtailadmin_explore", args=[site.city_index.pk]))
    assertContains(response, edit_url(site.nagoya))
    assertNotContains(response, edit_url(site.busan))
    assertNotContains(response, reverse("wagtailadmin_pages:add_subpage", args=[site.city_index.pk]))
    # Nothing outside the cities and stories.
    response = member_client.get(reverse("wagtailadmin_explore", args=[site.home.pk]))
    assertNotContains(response, edit_url(site.resource_index))
    assertNotContains(response, edit_url(site.home))


def test_admin_search_finds_pages_but_offers_edit_only_where_the_member_may(member_client, site):
    response = member_client.get(reverse("wagtailadmin_pages:search"), {"q": "Busan"})
    assert response.status_code == 200
    assertNotContains(response, edit_url(site.busan))
    assertNotContains(response, edit_url(site.busan_story))
    response = member_client.get(reverse("wagtailadmin_pages:search"), {"q": "Nagoya"})
    assertContains(response, edit_url(site.nagoya))


# --- Pictures and documents ----------------------------------------------------------------------------


def upload_image(client, collection, title="Lanterns"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("lanterns.png", get_test_image_file().file.getvalue(), "image/png"),
            "collection": collection.pk,
            "alt_text": "Paper lanterns along the river at night",
            "licence": "own-work",
            "tags": "",
        },
    )


def test_member_uploads_images_and_documents_to_their_collection_only(member_client, site):
    own = site.nagoya_committee.collection
    response = upload_image(member_client, own)
    assert response.status_code == 302
    assert CustomImage.objects.get(title="Lanterns").collection == own

    # With one collection to upload to, Wagtail's form has no collection field: whatever collection is
    # posted, the picture lands in the committee's own.
    response = upload_image(member_client, site.busan_committee.collection, title="Elsewhere")
    assert response.status_code == 302
    assert CustomImage.objects.get(title="Elsewhere").collection == own
    assert not CustomImage.objects.filter(collection=site.busan_committee.collection).exists()

    response = member_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Programme",
            "file": SimpleUploadedFile("programme.txt", b"Day one"),
            "collection": own.pk,
            "tags": "",
        },
    )
    assert response.status_code == 302
    assert get_document_model().objects.get(title="Programme").collection == own


def test_member_sees_and_chooses_only_their_collections_pictures(member_client, site):
    from home.factories import CustomImageFactory

    theirs = CustomImageFactory(title="Nagoya castle", collection=site.nagoya_committee.collection)
    others = CustomImageFactory(title="Busan port", collection=site.busan_committee.collection)
    root = CustomImageFactory(title="City Hall", collection=Collection.get_first_root_node())
    listing = member_client.get(reverse("wagtailimages:index"))
    assertContains(listing, "Nagoya castle")
    assertNotContains(listing, "Busan port")
    assertNotContains(listing, "City Hall")
    chooser = member_client.get(reverse("wagtailimages_chooser:choose"))
    assertContains(chooser, "Nagoya castle")
    assertNotContains(chooser, "Busan port")
    assert member_client.get(reverse("wagtailimages:edit", args=[theirs.pk])).status_code == 200
    for image in (others, root):
        assert refused(member_client.get(reverse("wagtailimages:edit", args=[image.pk]))), image
        assert refused(member_client.get(reverse("wagtailimages:delete", args=[image.pk]))), image


# --- Snippets, settings, users --------------------------------------------------------------------------


def test_member_cannot_reach_snippets_settings_or_users(member_client, site):
    exchange_type = ExchangeTypeFactory()
    urls = [
        reverse("wagtailsnippets_cities_committee:list"),
        reverse("wagtailsnippets_cities_committee:edit", args=[site.nagoya_committee.pk]),
        reverse("wagtailsnippets_cities_exchangetype:list"),
        reverse("wagtailsnippets_cities_exchangetype:edit", args=[exchange_type.pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_workflows:index"),
    ]
    for url in urls:
        assert refused(member_client.get(url)), url
    response = member_client.post(
        reverse("wagtailsnippets_cities_committee:edit", args=[site.nagoya_committee.pk]),
        {"name": "Taken over", "chair": "", "contact_email": "", "website": ""},
    )
    assert refused(response)
    assert Committee.objects.get(pk=site.nagoya_committee.pk).name == "Los Angeles–Nagoya Sister City Committee"


# --- The API ---------------------------------------------------------------------------------------------


def test_a_logged_in_member_sees_no_drafts_through_the_api(member_client, site):
    member_client.post(add_story_url(site), story_form("Secret draft", [site.nagoya], **{"action-submit": "1"}))
    draft = StoryPage.objects.get(title="Secret draft")
    query = "{ page(id: %d) { title } stories { items { title } } }" % draft.pk
    response = member_client.post(GRAPHQL, json.dumps({"query": query}), content_type="application/json")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["page"] is None
    titles = [item["title"] for item in data["stories"]["items"]]
    assert "Secret draft" not in titles
    assert "Taiko in Nagoya" in titles


# --- The program office's review -----------------------------------------------------------------------


def submit(member_client, site, title="Students plan a return visit"):
    member_client.post(add_story_url(site), story_form(title, [site.nagoya], **{"action-submit": "1"}))
    return StoryPage.objects.get(title=title)


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_the_review_workflow_covers_what_committees_edit(site):
    for page in (site.nagoya, site.busan_story, site.city_index, site.story_index):
        assert page.get_workflow().name == REVIEW_WORKFLOW, page
    # Elsewhere Wagtail's own default ("Moderators approval", on the root) still applies.
    assert site.resource_index.get_workflow().name != REVIEW_WORKFLOW
    task = site.workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [PROGRAM_OFFICE]


def test_officer_requests_changes_with_a_comment_then_approves_which_publishes(client, site):
    client.force_login(site.member)
    story = submit(client, site)

    client.force_login(site.officer)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assertContains(client.get(reverse("wagtailadmin_home")), "Students plan a return visit")
    assert workflow_action(client, story, "reject", "Please name the school.").status_code == 302
    story.refresh_from_db()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.task_states.get().comment == "Please name the school."
    assert not story.live

    # The member sees the request, changes the story and submits it again.
    client.force_login(site.member)
    assertContains(client.get(edit_url(story)), "Please name the school.")
    client.post(
        edit_url(story),
        story_form(
            "Students plan a return visit",
            [site.nagoya],
            intro="From Meito High School.",
            **{"action-restart-workflow": "1"},
        ),
    )
    story.refresh_from_db()
    assert story.workflow_in_progress

    client.force_login(site.officer)
    assert workflow_action(client, story, "approve", "Thank you!").status_code == 302
    story.refresh_from_db()
    assert story.live
    assert story.intro == "From Meito High School."
    assert story.live_revision.user == site.member  # the member's words, published by the review


def test_officer_publishes_directly(officer_client, site):
    response = officer_client.post(
        edit_url(site.busan),
        city_form(site.busan, summary="Published by the office.", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    site.busan.refresh_from_db()
    assert site.busan.summary == "Published by the office."


def test_a_member_cannot_approve(member_client, site):
    story = submit(member_client, site)
    response = workflow_action(member_client, story, "approve")
    assert refused(response)
    story.refresh_from_db()
    assert not story.live


# --- Membership: on the committee's own form -------------------------------------------------------------


def committee_form(committee, members):
    return {
        "name": committee.name,
        "chair": committee.chair,
        "contact_email": committee.contact_email,
        "website": committee.website,
        "members": [user.pk for user in members],
        "action-publish": "1",
    }


def test_administrators_set_members_on_the_committees_form(admin_client, site):
    url = reverse("wagtailsnippets_cities_committee:edit", args=[site.nagoya_committee.pk])
    response = admin_client.get(url)
    assertContains(response, "Members")
    assertContains(response, 'name="members"')
    assert response.context["form"].initial["members"] == [site.member.pk]

    response = admin_client.post(url, committee_form(site.nagoya_committee, [site.other]))
    assert response.status_code == 302
    assert list(site.nagoya_committee.group.user_set.all()) == [site.other]


def test_a_new_committee_with_members(admin_client, site):
    response = admin_client.post(
        reverse("wagtailsnippets_cities_committee:add"),
        committee_form(
            SimpleNamespace(name="Los Angeles–Lusaka Sister City Committee", chair="", contact_email="", website=""),
            [site.other],
        ),
    )
    assert response.status_code == 302
    committee = Committee.objects.get(name="Los Angeles–Lusaka Sister City Committee")
    assert list(committee.group.user_set.all()) == [site.other]


def test_only_administrators_see_the_members_field(client, site, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("committee-editor")
    editors = Group.objects.create(name="Snippet editors")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_committee")
    )
    editor.groups.add(editors)
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_cities_committee:edit", args=[site.nagoya_committee.pk]))
    assert response.status_code == 200
    assertNotContains(response, 'name="members"')
    client.post(
        reverse("wagtailsnippets_cities_committee:edit", args=[site.nagoya_committee.pk]),
        committee_form(site.nagoya_committee, []),
    )
    assert list(site.nagoya_committee.group.user_set.all()) == [site.member]


def test_a_new_member_can_edit_at_once(client, admin_client, site):
    url = reverse("wagtailsnippets_cities_committee:edit", args=[site.busan_committee.pk])
    admin_client.post(url, committee_form(site.busan_committee, [site.other]))
    client.force_login(site.other)
    assert client.get(edit_url(site.busan)).status_code == 200
    assert client.get(edit_url(site.busan_story)).status_code == 200
    assert refused(client.get(edit_url(site.nagoya)))
