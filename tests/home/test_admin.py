"""An admin without friction: choosing cities, one name for one thing, help texts that point to real
menus, one image description, no add view for visitors' suggestions, no request to another host, an
abandoned autosaved draft that does not block its page, and a distinct icon per menu item."""

import re
from urllib.parse import urlsplit

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail.admin.menu import SubmenuMenuItem, admin_menu
from wagtail.models import Locale, Page

from cities.factories import CityPageFactory, CommitteeFactory, ExchangeTypeFactory, StoryPageFactory
from cities.models import ExchangeType, ResourceSubmission, StoryPage
from home.factories import CustomImageFactory
from tests.support.html import parse, text
from tests.support.site import make_site


@pytest.fixture
def site(db):
    return make_site()


@pytest.fixture
def office(db):
    return get_user_model().objects.create_superuser("office", "office@example.org", "password")


@pytest.fixture
def logged_in(client, office):
    client.force_login(office)
    return client


def add_url(parent, model):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


# --- A story's and a resource's cities: checkboxes with a filter, alphabetical ----------------------


@pytest.mark.parametrize("section", [2, 3], ids=["story", "resource"])
def test_cities_are_checkboxes_by_name_with_a_filter_box(site, logged_in, section):
    _, city_index, *_ = site
    parent = site[section]
    for title in ("Yerevan", "Athens", "Nagoya", "Berlin"):
        CityPageFactory(parent=city_index, title=title)
    # A Spanish city is not offered on an English page (its own version is).
    spanish = Locale.objects.get(language_code="es")
    city_index.copy_for_translation(spanish, copy_parents=True)
    Page.objects.get(title="Nagoya").specific.copy_for_translation(spanish)
    model = parent.specific_class.subpage_types[0]
    model = apps.get_model(model)
    response = logged_in.get(add_url(parent, model))
    assert response.status_code == 200
    document = parse(response.content.decode())
    boxes = document.select('input[type="checkbox"][name="cities"]')
    assert [text(box.find_parent("label")) for box in boxes] == ["Athens", "Berlin", "Nagoya", "Yerevan"]
    assert not document.select('select[name="cities"]')
    widget = boxes[0].find_parent(attrs={"data-choice-filter": True})
    search = widget.select_one('input[type="search"][data-choice-filter-input]')
    assert text(document.select_one(f'label[for="{search["id"]}"]')) == "Filter the list"
    assert any(
        src.endswith("js/admin/choice-filter.js") for src in (s.get("src", "") for s in document.select("script"))
    )


def test_the_chosen_cities_are_saved(site, logged_in):
    _, city_index, story_index, _ = site
    athens = CityPageFactory(parent=city_index, title="Athens")
    CityPageFactory(parent=city_index, title="Berlin")
    response = logged_in.post(
        add_url(story_index, StoryPage),
        {
            "title": "A visit",
            "slug": "a-visit",
            "date": "2024-05-01",
            "intro": "Students visit.",
            "body-count": "0",
            "cities": [athens.pk],
            "tags": "",
            "author": "",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, parse(response.content.decode()).select(".error-message")
    story = StoryPage.objects.get(slug="a-visit")
    assert list(story.cities.all()) == [athens]


# --- One name for one thing -------------------------------------------------------------------------


def menu_tree(user):
    """The admin menu as {top-level label: (icon, [child labels])}."""
    request = RequestFactory().get("/admin/")
    request.user = user
    tree = {}
    for item in admin_menu.menu_items_for_request(request):
        children = []
        if isinstance(item, SubmenuMenuItem):
            children = [str(child.label) for child in item.menu.menu_items_for_request(request)]
        tree[str(item.label)] = (item.icon_name, children)
    return tree


def test_kinds_of_exchange_have_one_name_in_the_menu_the_form_and_the_site(site, logged_in, office):
    assert "Kinds of exchange" in menu_tree(office)["Sister cities"][1]
    assert str(ExchangeType._meta.verbose_name) == "kind of exchange"
    assert str(ExchangeType._meta.verbose_name_plural) == "kinds of exchange"
    assert str(StoryPage._meta.get_field("exchange_types").verbose_name) == "kinds of exchange"
    listing = parse(logged_in.get(reverse("wagtailsnippets_cities_exchangetype:list")).content.decode())
    assert text(listing.select_one("h1")) == "Kinds of exchange"
    form = parse(logged_in.get(add_url(site[2], StoryPage)).content.decode())
    assert "Kinds of exchange" in [text(label) for label in form.select("legend, label, .w-field__label")]


def help_texts():
    """Every help text of every model field and page panel the admin shows, in English."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            help_text = str(getattr(field, "help_text", "") or "")
            if help_text:
                yield f"{model._meta.label}.{field.name}", help_text


def test_every_menu_path_a_help_text_names_exists(office):
    tree = menu_tree(office)
    named = []
    with translation.override("en"):
        for where, help_text in help_texts():
            for arrow in re.finditer(" › ", help_text):
                before, after = help_text[: arrow.start()], help_text[arrow.end() :]
                paths = [(menu, item) for menu in tree for item in tree[menu][1] if before.endswith(menu)]
                paths = [(menu, item) for menu, item in paths if after.startswith(item)]
                assert paths, f"{where}: the help text names a menu path the admin does not have: {help_text}"
                named += [(where, *path) for path in paths]
    assert ("cities.CityPage.committee", "Sister cities", "Committees") in named


def test_menu_items_have_distinct_icons(office):
    icons = [icon for icon, _ in menu_tree(office).values()]
    assert len(icons) == len(set(icons)), menu_tree(office)
    tree = menu_tree(office)
    assert tree["Sister cities"][0] != tree["Reports"][0]


# --- The image form: one description ------------------------------------------------------------------


def test_the_image_form_has_our_alt_text_and_not_wagtails_description(logged_in):
    image = CustomImageFactory()
    for url in (reverse("wagtailimages:add"), reverse("wagtailimages:edit", args=[image.pk])):
        document = parse(logged_in.get(url).content.decode())
        assert document.select_one('[name="alt_text"]') is not None, url
        assert document.select_one('input[name="description"], textarea[name="description"]') is None, url


# --- Visitors' suggestions: no add view in the admin --------------------------------------------------


def test_staff_cannot_add_a_suggestion(logged_in):
    ResourceSubmission.objects.create(
        title="A guide",
        link_url="https://example.org/",
        description="Useful.",
        submitter_name="A",
        submitter_email="a@example.org",
    )
    document = parse(logged_in.get(reverse("resource_suggestions:index")).content.decode())
    assert text(document.select_one("table")).count("A guide") == 1
    assert not [a for a in document.select("a") if "add" in a.get("href", "").split("/")]
    assert "Add resource suggestion" not in document.get_text()
    with pytest.raises(NoReverseMatch):
        reverse("resource_suggestions:add")
    assert logged_in.get("/admin/resource_suggestions/new/", follow=True).status_code == 404


# --- No request to another host ---------------------------------------------------------------------

LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
URL_IN_TEXT = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+[A-Za-z0-9]""")


def foreign_requests(html):
    """Addresses on other hosts that the page would load: src, srcset, stylesheet and icon links, inline
    styles and scripts. (Plain links, <a href>, are not loaded; the help menu's link to Wagtail's guide is one.)"""
    document = parse(html)
    found = []
    for element in document.select("[src], [srcset], link[href], [style], [data-w-upgrade-url-value]"):
        for attribute in ("src", "srcset", "href", "data-w-upgrade-url-value"):
            if element.name == "a" and attribute == "href":
                continue
            for part in (element.get(attribute) or "").replace(",", " ").split():
                if urlsplit(part).hostname not in LOCAL_HOSTS | {None}:
                    found.append(part)
        found += [
            url for url in URL_IN_TEXT.findall(element.get("style", "")) if urlsplit(url).hostname not in LOCAL_HOSTS
        ]
    for element in document.select("script:not([type='application/json']), style"):
        found += [url for url in URL_IN_TEXT.findall(element.string or "") if urlsplit(url).hostname not in LOCAL_HOSTS]
    return found


def test_the_main_admin_pages_load_nothing_from_another_host(site, logged_in, office):
    _, city_index, story_index, _ = site
    city = CityPageFactory(parent=city_index)
    story = StoryPageFactory(parent=story_index, cities=[city])
    CustomImageFactory()
    committee = CommitteeFactory()
    ExchangeTypeFactory()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[city_index.pk]),
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_pages:edit", args=[city.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailsnippets_cities_committee:list"),
        reverse("wagtailsnippets_cities_committee:edit", args=[committee.pk]),
        reverse("wagtailadmin_account"),
    ]
    for url in urls:
        response = logged_in.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert foreign_requests(html) == [], url
        assert "gravatar" not in html.lower(), url


def test_the_check_finds_a_request_to_another_host():
    html = '<img src="https://www.gravatar.com/avatar/x"><link rel="stylesheet" href="//fonts.example.com/a.css">'
    html += (
        '<script>fetch("https://releases.wagtail.io/latest.txt")</script><a href="https://guide.wagtail.org/">Help</a>'
    )
    assert foreign_requests(html) == [
        "https://www.gravatar.com/avatar/x",
        "//fonts.example.com/a.css",
        "https://releases.wagtail.io",
    ]


# --- An abandoned autosaved draft does not block its page ------------------------------------------


def story_form(slug, title="Students from Nagoya visit"):
    return {
        "title": title,
        "slug": slug,
        "date": "2024-05-01",
        "intro": "Twelve students visited.",
        "body-count": "0",
        "tags": "",
        "author": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }


def test_an_autosaved_draft_left_behind_is_offered_to_resume(site, logged_in):
    _, _, story_index, _ = site
    url = add_url(story_index, StoryPage)
    # The editor starts a story; Wagtail's autosave sends the form in the background (a JSON request)...
    response = logged_in.post(url, story_form("students-visit"), headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json()["success"]
    draft = StoryPage.objects.get(slug="students-visit")
    assert not draft.live and draft.first_published_at is None
    # ... then closes the tab, and starts the same story again.
    response = logged_in.post(url, story_form("students-visit"))
    assert response.status_code == 200
    document = parse(response.content.decode())
    error = document.select_one(
        "#panel-child-promote-child-for_search_engines-child-slug-section .error-message, .error-message"
    )
    assert "An unpublished draft, “Students from Nagoya visit”, already uses this slug" in text(error)
    link = error.select_one("a")
    assert text(link) == "Continue editing that draft"
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert StoryPage.objects.filter(slug="students-visit").count() == 1


def test_a_published_pages_slug_is_refused_as_before(site, logged_in):
    _, _, story_index, _ = site
    StoryPageFactory(parent=story_index, slug="students-visit")
    response = logged_in.post(add_url(story_index, StoryPage), story_form("students-visit"))
    assert response.status_code == 200
    document = parse(response.content.decode())
    assert "The slug 'students-visit' is already in use within the parent page." in document.get_text()
    assert "Continue editing that draft" not in document.get_text()


def test_without_the_settings_the_admin_would_call_gravatar(logged_in, settings):
    """The test above would see an avatar from Gravatar: the settings are what keep it away."""
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    assert "gravatar" in logged_in.get(reverse("wagtailadmin_home")).content.decode().lower()
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True
    html = logged_in.get(reverse("wagtailadmin_home")).content.decode()
    assert foreign_requests(html) or "releases.wagtail" in html or "data-w-upgrade" in html


def test_kinds_of_exchange_are_offered_in_the_pages_language(site, logged_in):
    spanish = Locale.objects.get(language_code="es")
    english = ExchangeTypeFactory(name="Cultural", sort_order=2)
    ExchangeTypeFactory(name="Business", sort_order=1)
    english.copy_for_translation(spanish).save()
    document = parse(logged_in.get(add_url(site[2], StoryPage)).content.decode())
    boxes = document.select('input[type="checkbox"][name="exchange_types"]')
    assert [text(box.find_parent("label")) for box in boxes] == ["Business", "Cultural"]
