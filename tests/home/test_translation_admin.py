"""
The editors' side of translation: wagtail-localize's Translate action and sync, the admin in
Spanish, one home page and one city index per language, the "Translations to do" report, and
machine translation configured only from the environment.
"""

import json
from urllib.parse import urlencode

import pytest
from wagtail_localize.models import StringSegment, Translation

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.users.models import UserProfile

from cities.factories import CityIndexPageFactory, ExchangeTypeFactory, StoryPageFactory
from cities.models import CityIndexPage, ExchangeType, StoryPage
from home.factories import CustomImageFactory
from home.models import CustomImage, HomePage, ImageText
from tests.support.html import parse, text
from tests.support.processes import run_python
from tests.support.site import make_site

REPORT = "/admin/reports/translations-to-do/"


@pytest.fixture
def spanish(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(user)
    return user


def report_rows(client):
    """The report's rows as (title, language, state, action link) tuples, read from the page."""
    response = client.get(REPORT)
    assert response.status_code == 200
    document = parse(response.content.decode())
    rows = []
    for row in document.select("table tbody tr"):
        cells = row.select("td")
        links = [a.get("href") for a in row.select("a")]
        rows.append((*(text(cell) for cell in cells[:4]), links[-1]))
    return rows


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- The editor's journey -----------------------------------------------------------------------


def test_editor_translates_a_story_publishes_it_and_sees_it_go_out_of_date(
    client, editor, spanish, django_capture_on_commit_callbacks
):
    home, _cities, story_index, _resources = make_site()
    story = publish(StoryPageFactory(parent=story_index, title="Harbor exchange", slug="harbor-exchange"))
    story.intro = "Students from both ports met."
    publish(story)

    # Translate: wagtail-localize's form on the story (the Translate action), into Spanish.
    submit = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    assert client.get(submit).status_code == 200
    response = client.post(submit, {"locales": [spanish.pk]})
    assert response.status_code == 302
    spanish_story = StoryPage.objects.get(locale=spanish, translation_key=story.translation_key)
    translation = Translation.objects.get(source__object_id=story.translation_key, target_locale=spanish)
    # The translation editor opens on the Spanish version's edit page.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[spanish_story.pk])).status_code == 200

    # Translate each string in the translation editor (its PUT endpoint), then publish.
    spanish_text = {
        "Harbor exchange": "Intercambio entre puertos",
        "Students from both ports met.": "Se reunieron estudiantes de ambos puertos.",
    }
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    translated = 0
    for segment in segments:
        if segment.string.data in spanish_text:
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            response = client.put(
                url,
                urlencode({"value": spanish_text[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201), response.content
            translated += 1
    assert translated == 2
    # wagtail-localize publishes once the transaction commits (tests run inside one).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[spanish_story.pk]), {"action": "publish"})
    assert response.status_code == 302
    spanish_story.refresh_from_db()
    assert spanish_story.live
    assert spanish_story.title == "Intercambio entre puertos"

    # The visitor reads it at /es/..., and the API gives it in Spanish.
    page = client.get(spanish_story.url)
    assert spanish_story.url.startswith("/es/")
    assert page.status_code == 200
    assert "Se reunieron estudiantes de ambos puertos." in page.content.decode()
    body = json.dumps({"query": '{ story(slug: "%s", locale: ES) { title intro } }' % spanish_story.slug})
    api = client.post("/api/graphql/", data=body, content_type="application/json").json()
    assert api.get("errors") is None, api
    assert api["data"]["story"] == {
        "title": "Intercambio entre puertos",
        "intro": "Se reunieron estudiantes de ambos puertos.",
    }

    # Synced now: the story is neither missing nor out of date in Spanish.
    assert not [row for row in report_rows(client) if row[0] in {"Harbor exchange", "Intercambio entre puertos"}]

    # The English source is edited and published: the translation is out of date, with its sync link.
    story.refresh_from_db()
    story.intro = "Students and teachers from both ports met."
    publish(story)
    rows = [row for row in report_rows(client) if row[0] == "Intercambio entre puertos"]
    assert rows == [
        (
            "Intercambio entre puertos",
            "Story",
            "Spanish",
            "Out of date: the source changed after the last sync",
            reverse("wagtail_localize:update_translations", args=[translation.source.pk]),
        )
    ]

    # "Sync translated pages" brings it up to date, and it leaves the report.
    sync = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    assert client.post(sync, {}).status_code == 302
    assert not [row for row in report_rows(client) if row[0] == "Intercambio entre puertos"]


# --- The report: what has no Spanish version yet ----------------------------------------------


def test_report_lists_pages_and_snippets_without_a_spanish_version(client, editor, spanish):
    home, city_index, story_index, _resources = make_site()
    story = StoryPageFactory(parent=story_index, title="Untranslated story")
    exchange = ExchangeTypeFactory(name="Youth exchange")
    rows = report_rows(client)
    missing = {row[0]: row for row in rows if row[3] == "No translation yet"}
    assert missing["Untranslated story"][2] == "Spanish"
    assert missing["Untranslated story"][4] == reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    assert missing["Youth exchange"][4] == reverse(
        "wagtail_localize:submit_snippet_translation", args=["cities", "exchangetype", exchange.pk]
    )
    assert home.title in missing

    # Once translated (a real copy, not an alias), an item leaves the list.
    story.copy_for_translation(spanish, copy_parents=True).save_revision().publish()
    exchange.copy_for_translation(spanish).save()
    missing = {row[0] for row in report_rows(client) if row[3] == "No translation yet"}
    assert "Untranslated story" not in missing
    assert "Youth exchange" not in missing
    # Its parents were copied as aliases (English content under /es/): still to translate.
    assert Page.objects.get(locale=spanish, translation_key=story_index.translation_key).alias_of_id == story_index.pk
    assert story_index.title in missing


def test_report_is_in_the_reports_menu(client, editor):
    response = client.get("/admin/")
    assert REPORT in response.content.decode()


def test_snippets_that_carry_text_have_the_translate_action(client, editor, spanish):
    exchange = ExchangeTypeFactory(name="Arts exchange")
    response = client.get(
        reverse("wagtail_localize:submit_snippet_translation", args=["cities", "exchangetype", exchange.pk])
    )
    assert response.status_code == 200
    response = client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["cities", "exchangetype", exchange.pk]),
        {"locales": [spanish.pk]},
    )
    assert response.status_code == 302
    assert ExchangeType.objects.filter(locale=spanish, translation_key=exchange.translation_key).exists()


# --- One home page and one city index per language --------------------------------------------


def test_home_and_city_index_count_per_language(db, spanish):
    home, city_index, _stories, _resources = make_site()
    root = Page.get_first_root_node()
    # A second English home page or city index is still refused.
    assert not HomePage.can_create_at(root)
    assert not CityIndexPage.can_create_at(home)

    # Their Spanish versions can be made (wagtail-localize copies them for translation) ...
    spanish_home = home.copy_for_translation(spanish)
    spanish_home.save_revision().publish()
    # ... and an editor may add the Spanish city index under the Spanish home page, once.
    assert CityIndexPage.can_create_at(spanish_home)
    CityIndexPageFactory(parent=spanish_home)
    assert not CityIndexPage.can_create_at(spanish_home)
    assert not CityIndexPage.can_create_at(home)


def test_city_index_translation_through_wagtail_localize(client, editor, spanish):
    home, city_index, _stories, _resources = make_site()
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[city_index.pk]), {"locales": [spanish.pk]}
    )
    assert response.status_code == 302
    assert CityIndexPage.objects.filter(locale=spanish).count() == 1
    assert HomePage.objects.filter(locale=spanish).count() == 1


# --- The admin in Spanish -------------------------------------------------------------------------


def test_a_spanish_speaking_editor_sees_the_admin_in_spanish(client, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    response = client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="es"' in html
    # Wagtail's own Spanish: the dashboard's title.
    assert "<title>Panel de control" in html
    assert "Dashboard" not in html


def test_the_account_form_offers_spanish(client, editor):
    response = client.get(reverse("wagtailadmin_account"))
    choices = parse(response).select("select[name='locale-preferred_language'] option")
    assert "es" in [option.get("value") for option in choices]


# --- Machine translation only from the environment --------------------------------------------

TRANSLATOR = (
    "import django; django.setup(); from django.conf import settings; "
    "print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}).get('CLASS', 'none'))"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "none"),
        ({"DEEPL_API_KEY": "test-key:fx"}, "wagtail_localize.machine_translators.deepl.DeepLTranslator"),
        (
            {"LIBRETRANSLATE_URL": "http://127.0.0.1:5000"},
            "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        ),
    ],
)
def test_machine_translation_is_configured_only_from_the_environment(env, expected):
    result = run_python(TRANSLATOR, {"DJANGO_SETTINGS_MODULE": "cms.settings.test", **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_without_a_translator_the_translation_editor_works(client, editor, spanish):
    from wagtail_localize.machine_translators import get_machine_translator

    assert get_machine_translator() is None
    home, _cities, story_index, _resources = make_site()
    story = publish(StoryPageFactory(parent=story_index, title="Plain story"))
    client.post(reverse("wagtail_localize:submit_page_translation", args=[story.pk]), {"locales": [spanish.pk]})
    spanish_story = StoryPage.objects.get(locale=spanish)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[spanish_story.pk])).status_code == 200


# --- Images: one file, its words in each language ---------------------------------------------


def test_an_image_keeps_one_file_and_shows_its_spanish_alt_text_and_credit(client, editor, spanish):
    home, _cities, story_index, _resources = make_site()
    image = CustomImageFactory(alt_text="Two mayors shake hands", credit="Photo: Jane Doe")
    story = publish(StoryPageFactory(parent=story_index, title="Mayors meet", hero_image=image))
    spanish_story = story.copy_for_translation(spanish, copy_parents=True)
    spanish_story.save_revision().publish()

    # The editor gives the image its Spanish words in the admin (no new file).
    response = client.post(
        "/admin/image_texts/new/",
        {
            "image": image.pk,
            "locale": spanish.pk,
            "alt_text": "Dos alcaldes se dan la mano",
            "credit": "Foto: Jane Doe",
        },
    )
    assert response.status_code == 302
    assert ImageText.objects.get(image=image, locale=spanish).alt_text == "Dos alcaldes se dan la mano"
    assert CustomImage.objects.count() == 1

    english = parse(client.get(story.url))
    hero = english.select_one("figure.hero")
    assert hero.img["alt"] == "Two mayors shake hands"
    assert text(hero.figcaption) == "Photo: Jane Doe"
    spanish_page = parse(client.get(spanish_story.url))
    hero = spanish_page.select_one("figure.hero")
    assert hero.img["alt"] == "Dos alcaldes se dan la mano"
    assert text(hero.figcaption) == "Foto: Jane Doe"


def test_an_image_without_spanish_words_keeps_its_own(db, spanish):
    image = CustomImageFactory(alt_text="Harbor at dawn", credit="Photo: Port of LA")
    with translation.override("es"):
        assert image.default_alt_text == "Harbor at dawn"
        assert image.credit_in_language == "Photo: Port of LA"
    ImageText.objects.create(image=image, locale=spanish, alt_text="El puerto al amanecer")
    image = CustomImage.objects.get(pk=image.pk)
    with translation.override("es"):
        assert image.default_alt_text == "El puerto al amanecer"
        # No Spanish credit given: the image's own.
        assert image.credit_in_language == "Photo: Port of LA"
    with translation.override("en"):
        assert image.default_alt_text == "Harbor at dawn"
