"""
Pages for anonymous visitors from the response cache (cms/middleware.py, cms/response_cache.py).

A page is made once and then answered with no SQL query at all, until something it shows changes:
then every page that shows it is made again at once, and a page that does not show it is still
answered from the cache. Each kind of change is made here the way Wagtail makes it: publish,
unpublish, move, delete, a scheduled publication firing, a snippet, image or document edit, a
translation, site settings. Never kept: a logged-in editor's page, a page with a CSRF token (the
suggestion form) or a cookie. HTTP: Cache-Control with max-age and s-maxage, ETag and 304.
"""

import datetime

import pytest
import wagtail_factories

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from cities.factories import (
    CityPageFactory,
    CommitteeFactory,
    ExchangeTypeFactory,
    ResourcePageFactory,
    StoryPageFactory,
)
from home.factories import CustomImageFactory, StandardPageFactory
from home.models import SiteSettings
from tests.support.site import make_site

PAGES = {
    "home": "/en/",
    "about": "/en/about/",
    "city": "/en/cities/nagoya/",
    "stories": "/en/stories/",
    "story": "/en/stories/students-visit/",
    "resource": "/en/resources/host-family-guide/",
}


@pytest.fixture(autouse=True)
def cold_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    home, city_index, story_index, resource_index = make_site()
    about = StandardPageFactory(parent=home, title="About", slug="about")
    committee = CommitteeFactory(name="Nagoya Committee")
    city = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya", committee=committee)
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    image = CustomImageFactory(alt_text="Students at the castle")
    story = StoryPageFactory(
        parent=story_index, title="Students visit", slug="students-visit", hero_image=image, exchange_types=[cultural]
    )
    document = wagtail_factories.DocumentFactory(title="Handbook")
    ResourcePageFactory(
        parent=resource_index, title="Host family guide", slug="host-family-guide", link_url="", document=document
    )
    # Made by the first page view otherwise (a save, which makes every page again once).
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return {
        "home": home,
        "about": about,
        "city": city,
        "committee": committee,
        "cultural": cultural,
        "image": image,
        "story": story,
        "story_index": story_index,
        "document": document,
    }


def fetch(client, url, **extra):
    """(response, number of SQL queries)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def warm(client):
    """Every page made once and kept; the second time from the cache, with no SQL query."""
    bodies = {}
    for name, url in PAGES.items():
        response, queries = fetch(client, url)
        assert response.status_code == 200, url
        assert queries > 0
        bodies[name] = response.content
    for name, url in PAGES.items():
        response, queries = fetch(client, url)
        assert (response.status_code, queries) == (200, 0), f"{url} was not answered from the cache"
        assert response.content == bodies[name]
    return bodies


def check(client, remade, pages=PAGES):
    """The pages named in ``remade`` are made again (SQL queries); every other one still comes from the cache."""
    texts = {}
    for name, url in pages.items():
        response, queries = fetch(client, url)
        if name in remade:
            assert queries > 0, f"{url} was answered from a stale cache entry"
        else:
            assert queries == 0, f"{url} should have stayed in the cache"
        texts[name] = response.content.decode() if response.status_code == 200 else response.status_code
    return texts


EVERY_PAGE = set(PAGES)


def test_publishing_a_page_shows_at_once_on_every_page_that_lists_it(client, site):
    warm(client)
    story = site["story"]
    story.title = "Students visit Nagoya"
    story.save_revision().publish()
    # Every page finds its way through the page tree, so a publish makes every page again.
    texts = check(client, EVERY_PAGE)
    assert "Students visit Nagoya" in texts["story"]
    assert "Students visit Nagoya" in texts["stories"]
    # A draft shows visitors nothing new: every page stays cached.
    story.title = "A draft title"
    story.save_revision()
    check(client, set())


def test_unpublishing_and_deleting_a_page(client, site):
    warm(client)
    site["story"].unpublish()
    texts = check(client, EVERY_PAGE)
    assert texts["story"] == 404
    assert "Students visit" not in texts["stories"]
    site["story"].save_revision().publish()
    warm(client)
    Page.objects.get(pk=site["story"].pk).delete()
    texts = check(client, EVERY_PAGE)
    assert texts["story"] == 404
    assert "Students visit" not in texts["stories"]


def test_moving_a_page(client, site):
    programs = StandardPageFactory(parent=site["home"], title="Programs", slug="programs")
    warm(client)
    Page.objects.get(pk=site["about"].pk).move(programs, pos="last-child")
    moved = client.get(PAGES["about"])
    assert (moved.status_code, moved["Location"]) == (301, "/en/programs/about/")  # Wagtail's redirect
    check(client, EVERY_PAGE, {name: url for name, url in PAGES.items() if name != "about"})
    assert client.get("/en/programs/about/").status_code == 200


def test_a_scheduled_publication_firing(client, site):
    draft = StoryPageFactory(parent=site["story_index"], title="Scholarship winners", slug="scholarship", live=False)
    # Approved for a time that has now come; `run_scheduler` runs what publish_scheduled does.
    draft.go_live_at = timezone.now() - datetime.timedelta(seconds=1)
    draft.save_revision(approved_go_live_at=draft.go_live_at)
    bodies = warm(client)
    assert b"Scholarship winners" not in bodies["stories"]
    call_command("publish_scheduled")
    texts = check(client, EVERY_PAGE)
    assert "Scholarship winners" in texts["stories"]


def test_a_snippet_edit_remakes_only_the_pages_that_show_it(client, site):
    warm(client)
    site["cultural"].name = "Culture and arts"
    site["cultural"].save()
    texts = check(client, {"story", "stories"})
    assert "Culture and arts" in texts["story"]
    # A snippet with drafts: its publication shows, its draft does not.
    committee = site["committee"]
    # Its chair, not its name: renaming a committee renames its picture collection
    # (cities/committees.py), which every page showing a picture reads.
    committee.chair = "Ms. Chiyo Kuroda"
    committee.save_revision().publish()
    texts = check(client, {"city"})
    assert "Ms. Chiyo Kuroda" in texts["city"]
    committee.chair = "A draft chair"
    committee.save_revision()
    check(client, set())


def test_an_image_edit_remakes_the_pages_that_show_images(client, site):
    warm(client)
    site["image"].alt_text = "Students at Nagoya Castle"
    site["image"].save()
    # Dependencies are tables: the city page reads the image table (its gallery) even with no image
    # in it, so it is made again too; the pages without images (about, the resource) are not.
    texts = check(client, {"story", "stories", "home", "city"})
    assert "Students at Nagoya Castle" in texts["story"]


def test_a_document_edit_remakes_the_pages_that_show_documents(client, site):
    warm(client)
    site["document"].title = "Host family handbook"
    site["document"].save()
    # The city page lists the city's resources, documents included.
    texts = check(client, {"resource", "city"})
    assert "Host family handbook" in texts["resource"]


def test_a_translation_shows_in_the_language_switcher_at_once(client, site):
    warm(client)
    spanish = Locale.objects.get(language_code="es")
    for page in (site["home"], site["story_index"]):
        page.copy_for_translation(spanish).save_revision().publish()
    translation = site["story"].copy_for_translation(spanish)
    translation.title = "Visita de estudiantes"
    translation.save_revision().publish()
    texts = check(client, EVERY_PAGE)
    assert f'hreflang="es" href="http://localhost{translation.url}"' in texts["story"]
    assert "Visita de estudiantes" in client.get(translation.url).content.decode()


def test_site_settings_show_on_every_page_at_once(client, site):
    warm(client)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "sistercities@example.org"
    settings.save()
    texts = check(client, EVERY_PAGE)
    assert all("sistercities@example.org" in text for text in texts.values())


# --- Never kept ----------------------------------------------------------------------


def test_a_logged_in_editor_is_never_answered_from_nor_stored_in_the_cache(client, site, admin_user):
    warm(client)
    client.force_login(admin_user)
    response, queries = fetch(client, PAGES["story"])
    assert response.status_code == 200 and queries > 0
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    client.logout()
    client.cookies.clear()
    response, queries = fetch(client, PAGES["story"])
    assert queries == 0
    assert b"wagtail-userbar" not in response.content


def test_a_page_with_a_csrf_token_is_never_kept(client, site):
    for _ in range(2):
        response, queries = fetch(client, "/en/resources/suggest/")
        assert response.status_code == 200 and queries > 0
        assert "csrftoken" in response.cookies
        assert "private" in response["Cache-Control"]
        client.cookies.clear()


def test_preview_is_never_kept(client, site, admin_user):
    client.force_login(admin_user)
    story = site["story"]
    story.title = "A draft title"
    story.save_revision()
    for _ in range(2):
        response, queries = fetch(client, f"/admin/pages/{story.pk}/edit/preview/")
        assert queries > 0
    client.logout()
    client.cookies.clear()
    assert b"A draft title" not in client.get(PAGES["story"]).content


# --- HTTP caching ----------------------------------------------------------------------


def test_cache_control_etag_and_304(client, site, settings):
    response = client.get(PAGES["story"])
    parts = {part.strip() for part in response["Cache-Control"].split(",")}
    assert parts == {"public", "max-age=60", "s-maxage=600"}
    assert response["ETag"]
    again = client.get(PAGES["story"], HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    # The first answer (made) and a later one (from the cache) carry the same ETag.
    assert client.get(PAGES["story"])["ETag"] == response["ETag"]
    site["story"].title = "Students visit Nagoya"
    site["story"].save_revision().publish()
    changed = client.get(PAGES["story"], HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != response["ETag"]
    settings.RESPONSE_CACHE = {"ENABLED": True, "PAGE_MAX_AGE": 5, "PAGE_S_MAXAGE": 30}
    parts = {part.strip() for part in client.get(PAGES["story"])["Cache-Control"].split(",")}
    assert parts == {"public", "max-age=5", "s-maxage=30"}


def test_head_is_answered_from_what_a_get_kept(client, site):
    client.get(PAGES["story"])
    response, queries = fetch(client, PAGES["story"], REQUEST_METHOD="HEAD")
    assert queries == 0
    assert response.status_code == 200


def test_a_view_restriction_hides_the_page_at_once(client, site):
    from tests.support.site import make_private

    warm(client)
    make_private(site["story"], "login")
    texts = check(client, EVERY_PAGE - {"story"}, {name: url for name, url in PAGES.items() if name != "story"})
    assert "Students visit" not in texts["stories"]
    assert client.get(PAGES["story"]).status_code == 302  # to the login page, never the kept copy


SITEMAP = {"index": "/sitemap.xml", "stories": "/sitemap-stories.xml"}


def test_the_sitemap_is_kept_and_changes_on_the_next_request_after_a_publish_or_unpublish(client, site):
    hidden = StoryPageFactory(parent=site["story_index"], title="Not yet", slug="not-yet", live=False)
    warm(client)
    for url in SITEMAP.values():
        made, queries = fetch(client, url)
        assert (made.status_code, queries > 0) == (200, True)
        kept, queries = fetch(client, url)
        assert (kept.status_code, queries, kept.content) == (200, 0, made.content), f"{url} was not kept"
    assert b"/en/stories/students-visit/" in made.content
    assert b"/not-yet/" not in made.content  # a draft is never listed, cached or not

    hidden.save_revision().publish()
    texts = check(client, set(SITEMAP), SITEMAP)
    assert "/en/stories/not-yet/" in texts["stories"]

    site["story"].unpublish()
    texts = check(client, set(SITEMAP), SITEMAP)
    assert "/students-visit/" not in texts["stories"]
    assert "/en/stories/not-yet/" in texts["stories"]
    # Every page shows the page tree: they were made again too.
    check(client, EVERY_PAGE - {"story"}, {name: url for name, url in PAGES.items() if name != "story"})
