"""
The API's response cache (cms/response_cache.py): GraphQL answers, by GET and by POST, kept in the
cache under their normalised document, variables and operation, and answered from it with no SQL
query until something they read changes; then every affected query changes at once, and the
others stay cached. Never kept: errors, previews. HTTP caching: ETag and 304 on GET, no Vary on
Accept-Language. The CDN is told to drop its copies of the API on every change.
"""

import http.server
import json
import threading

import pytest
import wagtail_factories

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.factories import (
    CityPageFactory,
    CommitteeFactory,
    ExchangeTypeFactory,
    ResourcePageFactory,
    StoryPageFactory,
)
from home.factories import CustomImageFactory

from .builders import make_site
from .conftest import ENDPOINT, get, post

STORIES = "{ stories { items { title } } }"
STORIES_WITH_IMAGES = "{ stories { items { title heroImage { altText } } } }"
STORIES_WITH_KINDS = "{ stories { items { title exchangeTypes { name } } } }"
EXCHANGE_TYPES = "{ exchangeTypes { name } }"
CITY_COMMITTEE = '{ city(slug: "nagoya") { title ... on CityPage { committee { name chair } } } }'
RESOURCES = "{ resources { items { title document { title } } } }"
QUERIES = {
    "stories": STORIES,
    "stories_with_images": STORIES_WITH_IMAGES,
    "stories_with_kinds": STORIES_WITH_KINDS,
    "exchange_types": EXCHANGE_TYPES,
    "city_committee": CITY_COMMITTEE,
    "resources": RESOURCES,
}
# Every query that reads pages: made again whenever any page is published, moved or deleted.
PAGE_QUERIES = set(QUERIES) - {"exchange_types"}


@pytest.fixture
def site(db):
    home, city_index, story_index, resource_index = make_site()
    committee = CommitteeFactory(name="Nagoya Committee")
    city = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya", committee=committee)
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    image = CustomImageFactory(alt_text="Students at the castle")
    story = StoryPageFactory(parent=story_index, title="Students visit", hero_image=image, exchange_types=[cultural])
    unused_image = CustomImageFactory(alt_text="Not shown anywhere")
    document = wagtail_factories.DocumentFactory(title="Handbook")
    ResourcePageFactory(parent=resource_index, title="Host family guide", link_url="", document=document)
    return {
        "city": city,
        "committee": committee,
        "cultural": cultural,
        "image": image,
        "unused_image": unused_image,
        "story": story,
        "story_index": story_index,
        "document": document,
    }


def answer(client, query, method="POST"):
    """(data, number of SQL queries) for one request that must succeed."""
    with CaptureQueriesContext(connection) as queries:
        if method == "POST":
            status, body = post(client, query)
        else:
            response = get(client, query)
            status, body = response.status_code, response.json()
    assert status == 200, body
    assert "errors" not in body, body
    return body["data"], len(queries)


def warm(client):
    """Every query answered once (made and kept), then from the cache: no SQL query at all."""
    before = {name: answer(client, query)[0] for name, query in QUERIES.items()}
    for name, query in QUERIES.items():
        data, queries = answer(client, query)
        assert (data, queries) == (before[name], 0), name
    return before


def after_change(client, before, remade):
    """
    Each query again: the ones that read what changed are made anew, the others still come from the
    cache. (Made anew is not always different: every query that reads pages is made again when
    any page is published.)
    """
    for name, query in QUERIES.items():
        data, queries = answer(client, query)
        if name in remade:
            assert queries > 0, f"{name} answered from a possibly stale cache entry"
        else:
            assert (data, queries) == (before[name], 0), f"{name} should have stayed cached"
    return {name: answer(client, query)[0] for name, query in QUERIES.items()}


def test_get_and_post_share_one_entry_keyed_by_the_normalised_document(client, site):
    data, queries = answer(client, STORIES, "GET")
    assert queries > 0
    # The same document written differently, over POST: the same entry.
    assert answer(client, "query   {\n stories { items { title } } # a comment\n}") == (data, 0)
    # Other variables, another operation name: entries of their own.
    with CaptureQueriesContext(connection) as queries:
        status, _ = post(client, "query Q($n: Int) { stories(perPage: $n) { items { title } } }", {"n": 1})
    assert status == 200 and len(queries) > 0
    with CaptureQueriesContext(connection) as queries:
        status, _ = post(client, "query Q($n: Int) { stories(perPage: $n) { items { title } } }", {"n": 2})
    assert status == 200 and len(queries) > 0


def test_publishing_a_story_changes_the_story_queries_and_nothing_else(client, site):
    before = warm(client)
    story = site["story"]
    story.title = "Students visit Nagoya"
    story.save_revision().publish()
    after = after_change(client, before, PAGE_QUERIES)
    assert after["stories"] == {"stories": {"items": [{"title": "Students visit Nagoya"}]}}


def test_unpublishing_and_deleting_a_story(client, site):
    before = warm(client)
    site["story"].unpublish()
    after = after_change(client, before, PAGE_QUERIES)
    assert after["stories"] == {"stories": {"items": []}}
    published = StoryPageFactory(parent=site["story_index"], title="Another visit")
    before = after_change(client, after, PAGE_QUERIES)
    published.delete()
    after = after_change(client, before, PAGE_QUERIES)
    assert after["stories"] == {"stories": {"items": []}}


def test_an_exchange_type_edit_changes_only_the_queries_that_show_exchange_types(client, site):
    before = warm(client)
    site["cultural"].name = "Culture and arts"
    site["cultural"].save()
    after = after_change(client, before, {"exchange_types", "stories_with_kinds"})
    assert after["exchange_types"] == {"exchangeTypes": [{"name": "Culture and arts"}]}


def test_publishing_a_committee_changes_the_city_that_shows_it(client, site):
    before = warm(client)
    committee = site["committee"]
    # Its chair, not its name: renaming a committee renames its picture collection
    # (cities/committees.py), which every query showing images reads.
    committee.chair = "Ms. Chiyo Kuroda"
    committee.save_revision().publish()
    after = after_change(client, before, {"city_committee"})
    assert after["city_committee"]["city"]["committee"]["chair"] == "Ms. Chiyo Kuroda"
    # A draft of it shows visitors nothing new: nothing is made again.
    committee.chair = "A draft chair"
    committee.save_revision()
    after_change(client, after, set())


def test_an_image_edit_changes_only_the_queries_that_show_images(client, site):
    before = warm(client)
    site["image"].alt_text = "Students at Nagoya Castle"
    site["image"].save()
    after = after_change(client, before, {"stories_with_images"})
    assert after["stories_with_images"]["stories"]["items"][0]["heroImage"] == {"altText": "Students at Nagoya Castle"}


def test_a_document_edit_changes_the_resources_that_show_it(client, site):
    before = warm(client)
    site["document"].title = "Host family handbook"
    site["document"].save()
    after = after_change(client, before, {"resources"})
    assert after["resources"]["resources"]["items"][0]["document"] == {"title": "Host family handbook"}


def test_a_translation_changes_the_translations_of_the_page(client, site):
    from wagtail.models import Locale

    query = '{ story(slug: "students-visit") { translations { title locale } } }'
    data, _ = answer(client, query)
    assert data == {"story": {"translations": []}}
    assert answer(client, query) == (data, 0)
    spanish = Locale.objects.get(language_code="es")
    site["story"].get_parent().copy_for_translation(spanish, copy_parents=True).save_revision().publish()
    translation = site["story"].copy_for_translation(spanish)
    translation.title = "Visita de estudiantes"
    translation.save_revision().publish()
    data, queries = answer(client, query)
    assert queries > 0
    assert data == {"story": {"translations": [{"title": "Visita de estudiantes", "locale": "ES"}]}}


def test_errors_and_previews_are_never_kept(client, site):
    failing = "{ stories(order: SIDEWAYS) { items { title } } }"
    for _ in range(2):
        with CaptureQueriesContext(connection):
            status, body = post(client, failing)
        assert body["errors"]
    story = site["story"]
    story.title = "A draft title"
    token = story.create_page_preview().token
    preview = "query ($token: String) { story(token: $token) { title isPreview } }"
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            status, body = post(client, preview, {"token": token})
        assert status == 200 and body["data"]["story"] == {"title": "A draft title", "isPreview": True}
        assert len(queries) > 0, "a preview was answered from the cache"


def test_get_has_an_etag_and_answers_304_and_does_not_vary_on_accept_language(client, site):
    response = get(client, STORIES, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response["ETag"]
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Cache-Control"] == "public, max-age=60"
    again = get(client, STORIES, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    assert again.content == b""
    # A change: a new body, a new ETag, so the old one no longer matches.
    site["story"].title = "Students visit Nagoya"
    site["story"].save_revision().publish()
    changed = get(client, STORIES, HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != response["ETag"]
    # POST answers carry none of it.
    posted = client.post(ENDPOINT, json.dumps({"query": STORIES}), content_type="application/json")
    assert "ETag" not in posted
    assert "Accept-Language" not in posted.get("Vary", "")


def test_the_response_cache_can_be_switched_off(client, site, settings):
    settings.RESPONSE_CACHE = {"ENABLED": False}
    answer(client, STORIES)
    assert answer(client, STORIES)[1] > 0


# --- The CDN purge ---------------------------------------------------------------------


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        self.received.append((self.path, self.headers["Host"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_a_change_tells_the_cdn_to_drop_the_api(settings, purge_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the data's own transaction, committed
        cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    host, port = purge_server.server_address
    settings.WAGTAILFRONTENDCACHE = {
        "http": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": f"http://{host}:{port}"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        cultural.name = "Culture and arts"
        cultural.save()
        ExchangeTypeFactory(name="Scholarship", slug="scholarship")
    # Once for the transaction, however many rows it changed.
    assert PurgeRecorder.received == [("/api/graphql*", "localhost")]


def test_a_view_restriction_hides_the_page_at_once(client, site):
    from tests.support.site import make_private

    before = warm(client)
    restriction = make_private(site["story"], "login")
    after = after_change(client, before, PAGE_QUERIES)
    assert after["stories"] == {"stories": {"items": []}}
    restriction.delete()
    after = after_change(client, after, PAGE_QUERIES)
    assert after["stories"] == before["stories"]
