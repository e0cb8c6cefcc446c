"""
The change log and the `sync` query, played by a partner site keeping its own copy.

The partner syncs everything, editors then change the site through Wagtail's own APIs (publish a
revision, unpublish, restrict, delete, expire through publish_scheduled, translate), the partner
syncs again from its token, and its copy must equal, item for item, what the public list queries
show. Plus: tokens (refused when foreign or altered, stable across processes), drafts never
shown, and a query count per answer that does not grow with the number of changes.
"""

import json
from datetime import timedelta

from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

from cities.factories import (
    CityPageFactory,
    CommitteeFactory,
    ExchangeTypeFactory,
    ResourceCategoryFactory,
    ResourcePageFactory,
    StoryPageFactory,
)
from cms.changes.models import Change
from cms.graphql.sync import make_token, read_token
from tests.support.processes import run_python
from tests.support.site import make_private

from .builders import make_site
from .conftest import errors, post

SYNC = """
query Sync($token: String, $perPage: Int, $locale: Language) {
  sync(token: $token, perPage: $perPage, locale: $locale) {
    items {
      __typename
      ... on PageInterface { id title slug pageLocale: locale }
      ... on ExchangeType { id name slug locale }
      ... on ResourceCategory { id name slug locale }
      ... on Committee { id name locale }
    }
    removed { type id locale }
    token
    hasMore
  }
}
"""
PUBLIC = """
query Public($locale: Language) {
  pages(locale: $locale, perPage: 100) { items { __typename id title slug pageLocale: locale } }
  exchangeTypes(locale: $locale) { __typename id name slug locale }
  resourceCategories(locale: $locale) { __typename id name slug locale }
  cities(locale: $locale, perPage: 100) { items { committee { __typename id name locale } } }
}
"""
SNIPPET_TYPES = {"EXCHANGE_TYPE": "ExchangeType", "RESOURCE_CATEGORY": "ResourceCategory", "COMMITTEE": "Committee"}


def kind(typename):
    return typename if typename in SNIPPET_TYPES.values() else "page"


def entry(item):
    """The partner's record of an object: its key, and what it keeps of it."""
    # Pages' and snippets' `locale` differ in nullability: a query asks for them under two names.
    fields = {
        key.replace("pageLocale", "locale"): value for key, value in item.items() if key not in ("__typename", "id")
    }
    return (kind(item["__typename"]), item["id"]), {"type": item["__typename"], **fields}


def sync_answer(client, token=None, per_page=None, locale=None):
    status, body = post(client, SYNC, {"token": token, "perPage": per_page, "locale": locale})
    assert status == 200, body
    assert "errors" not in body, body["errors"]
    return body["data"]["sync"]


def sync_into(client, copy, token=None, per_page=7, locale=None):
    """Call `sync` until nothing more waits, applying each answer to `copy`; return the last token."""
    for _ in range(200):
        answer = sync_answer(client, token, per_page, locale)
        for removal in answer["removed"]:
            copy.pop((SNIPPET_TYPES.get(removal["type"], "page"), removal["id"]), None)
        for item in answer["items"]:
            key, value = entry(item)
            copy[key] = value
        token = answer["token"]
        if not answer["hasMore"]:
            return token
    raise AssertionError("sync never finished")


def public_view(client):
    """Everything the public list queries show, in both languages, keyed as the partner keys it."""
    shown = {}
    for locale in ("EN", "ES"):
        status, body = post(client, PUBLIC, {"locale": locale})
        assert status == 200 and "errors" not in body, body
        found = body["data"]
        items = [
            *found["pages"]["items"],
            *found["exchangeTypes"],
            *found["resourceCategories"],
            *(city["committee"] for city in found["cities"]["items"] if city["committee"]),
        ]
        shown.update(entry(item) for item in items)
    return shown


def spanish():
    return Locale.objects.get_or_create(language_code="es")[0]


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class PartnerCopy(TestCase):
    """A partner's copy, synced from the start and then from its token, equals what the API shows."""

    @classmethod
    def setUpTestData(cls):
        spanish()
        cls.home, cls.city_index, cls.story_index, cls.resource_index = make_site()
        cls.cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
        cls.travel = ResourceCategoryFactory(name="Travel", slug="travel")
        cls.grants = ResourceCategoryFactory(name="Grants", slug="grants")
        cls.committees = [CommitteeFactory(name=f"Committee {n}") for n in range(3)]
        cls.cities = [
            CityPageFactory(parent=cls.city_index, title=f"City {n}", committee=committee)
            for n, committee in enumerate(cls.committees)
        ]
        cls.extra_cities = [CityPageFactory(parent=cls.city_index, title=f"Town {n}") for n in range(3)]
        cls.stories = [StoryPageFactory(parent=cls.story_index, title=f"Story {n}") for n in range(4)]
        cls.resources = [
            ResourcePageFactory(parent=cls.resource_index, title=f"Resource {n}", category=cls.travel) for n in range(2)
        ]
        # A private section from the start: neither the walk nor the log may show it.
        cls.hidden = CityPageFactory(parent=cls.city_index, title="Hidden town")
        cls.restriction = make_private(cls.hidden)

    def test_the_first_sync_is_what_the_api_shows(self):
        copy = {}
        sync_into(self.client, copy, per_page=3)
        assert copy == public_view(self.client)
        assert ("page", str(self.hidden.pk)) not in copy
        assert ("page", str(self.cities[0].pk)) in copy
        assert {key[0] for key in copy} == {"page", "ExchangeType", "ResourceCategory", "Committee"}

    def test_a_partner_follows_every_kind_of_change(self):
        copy = {}
        token = sync_into(self.client, copy)
        assert copy == public_view(self.client)

        # Publish a new story, edit a city, unpublish a resource.
        new_story = StoryPageFactory(parent=self.story_index, title="Brand new", live=False)
        publish(new_story)
        publish(self.cities[0], title="City zero, edited")
        self.resources[0].unpublish()
        # Make a city private, and a private one public again.
        make_private(self.extra_cities[1])
        PageViewRestriction.objects.get(pk=self.restriction.pk).delete()
        # Delete a story; expire a city through Wagtail's scheduler.
        self.stories[0].delete()
        type(self.extra_cities[0]).objects.filter(pk=self.extra_cities[0].pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )
        call_command("publish_scheduled", verbosity=0)
        # Translate a city (its parents come along as aliases) and a snippet.
        city_es = self.cities[2].copy_for_translation(spanish(), copy_parents=True)
        publish(city_es, title="Ciudad dos")
        cultural_es = self.cultural.copy_for_translation(spanish())
        cultural_es.name = "Cultural (es)"
        cultural_es.save()
        # Snippets: a new category, a category deleted, a committee unpublished.
        ResourceCategoryFactory(name="Visas", slug="visas")
        self.grants.delete()
        self.committees[0].unpublish()
        # A draft edit of a published page: its title must not leak.
        self.stories[1].title = "Secret draft title"
        self.stories[1].save_revision()

        events = set(
            Change.objects.filter(pk__gt=read_token(token)[0]).values_list("event", "object_type", "object_id")
        )
        assert ("unpublished", "city", self.extra_cities[0].pk) in events  # the expiry
        assert ("unpublished", "city", self.extra_cities[1].pk) in events  # made private
        assert ("published", "city", self.hidden.pk) in events  # its restriction removed
        assert ("deleted", "story", self.stories[0].pk) in events
        assert ("published", "city", city_es.pk) in events
        assert not any(object_id == self.stories[1].pk for _, _, object_id in events)  # a draft is no change

        status, body = post(self.client, SYNC, {"token": token, "perPage": 100})
        assert "Secret draft title" not in json.dumps(body)
        sync_into(self.client, copy, token)
        assert copy == public_view(self.client)
        assert copy[("page", str(self.cities[0].pk))]["title"] == "City zero, edited"
        assert copy[("page", str(city_es.pk))] == {
            "type": "CityPage",
            "title": "Ciudad dos",
            "slug": city_es.slug,
            "locale": "ES",
        }
        for gone in (self.resources[0], self.extra_cities[1], self.stories[0], self.extra_cities[0]):
            assert ("page", str(gone.pk)) not in copy
        assert ("ResourceCategory", str(self.grants.pk)) not in copy
        assert ("Committee", str(self.committees[0].pk)) not in copy
        assert ("page", str(self.hidden.pk)) in copy

    def test_a_page_hidden_after_its_publish_is_removed(self):
        """The log says "published", but the object is checked as it is now: it is reported as removed."""
        copy = {}
        token = sync_into(self.client, copy)
        publish(self.stories[2], title="Story two, edited")
        make_private(self.story_index)  # the whole section, and every story in it
        answer = sync_answer(self.client, token, 100)
        removed = {(removal["type"], removal["id"]) for removal in answer["removed"]}
        assert {("STORY", str(story.pk)) for story in self.stories} <= removed
        assert all(item["id"] != str(self.stories[2].pk) for item in answer["items"])
        sync_into(self.client, copy, token)
        assert copy == public_view(self.client)

    def test_a_move_reports_the_moved_pages(self):
        copy = {}
        token = sync_into(self.client, copy)
        private_index = self.resource_index
        make_private(private_index)
        self.stories[3].move(private_index, pos="last-child")
        assert Change.objects.filter(event="unpublished", object_id=self.stories[3].pk).exists()
        self.stories[3].refresh_from_db()
        self.stories[3].move(self.story_index, pos="last-child")
        assert Change.objects.filter(event="published", object_id=self.stories[3].pk).exists()
        sync_into(self.client, copy, token)
        assert copy == public_view(self.client)

    def test_one_language(self):
        city_es = self.cities[2].copy_for_translation(spanish(), copy_parents=True)
        publish(city_es, title="Ciudad dos")
        copy = {}
        token = sync_into(self.client, copy, locale="ES")
        assert copy and {value["locale"] for value in copy.values()} == {"ES"}
        publish(self.cities[0], title="English only")
        answer = sync_answer(self.client, token, 100)
        assert answer["items"] == [] and answer["removed"] == []
        assert errors(self.client, SYNC, {"token": token, "locale": "EN"}) == [
            "This token continues a sync of 'es': call again with the same `locale` as the call that made it "
            "(or none), or start over without a token."
        ]


class Tokens(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, city_index, _, _ = make_site()
        cls.city = CityPageFactory(parent=city_index, title="Nagoya")

    def refused(self, token):
        return errors(self.client, SYNC, {"token": token})

    def test_a_foreign_or_altered_token_is_refused_saying_what_is_accepted(self):
        message = (
            "token is not a sync token this API issued (it may be cut short or altered). Accepted: the `token` of "
            "a previous `sync` answer, exactly as it was returned, or no token to start a full sync."
        )
        token = sync_answer(self.client)["token"]
        foreign = signing.Signer(key="another site's key", salt="cms.graphql.sync").sign_object({"v": 1, "after": 0})
        assert self.refused(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) == [message]
        assert self.refused(token[: len(token) // 2]) == [message]
        assert self.refused(foreign) == [message]
        assert self.refused("not a token") == [message]
        # Signed by this site but for something else (another salt): refused too.
        assert self.refused(signing.Signer().sign_object({"v": 1, "after": 0})) == [message]
        assert self.refused(signing.dumps({"v": 1, "after": 0}, salt="cms.graphql.sync")) == [message]

    def test_a_signed_token_with_numbers_no_database_holds_is_refused(self):
        """Only this site can sign a token, but its reader trusts no number: each is a whole number a key can be."""
        message = errors(self.client, SYNC, {"token": "not a token"})
        for payload in (
            {"v": 1, "after": 10**30},
            {"v": 1, "after": 2**63},
            {"v": 1, "after": -1},
            {"v": 1, "after": True},
            {"v": 1, "after": 1.5},
            {"v": 1, "after": "1"},
            {"v": 1, "after": 0, "walk": [0, 10**30]},
            {"v": 1, "after": 0, "walk": [-1, 0]},
            {"v": 1, "after": 0, "walk": [0, False]},
            {"v": 1, "after": 0, "walk": [0]},
            {"v": 2, "after": 0},
            [1, 0],
        ):
            token = signing.Signer(salt="cms.graphql.sync").sign_object(payload, compress=True)
            assert self.refused(token) == message, payload
        # The largest a key can be is accepted: nothing has changed since.
        answer = sync_answer(self.client, make_token(2**63 - 1))
        assert (answer["items"], answer["removed"], answer["hasMore"]) == ([], [], False)

    def test_a_wrong_page_size_is_refused(self):
        assert errors(self.client, SYNC, {"perPage": 0}) == ["perPage must be between 1 and 100; got 0."]

    def test_a_token_outlives_the_process_that_made_it(self):
        publish(self.city, title="Nagoya, edited")
        token = sync_into(self.client, {})
        after, walk, locale = read_token(token)
        assert (walk, locale) == (None, None) and after == Change.objects.latest("pk").pk
        # A fresh interpreter reading the settings anew makes and reads the same token.
        code = (
            "import django, json; django.setup(); from cms.graphql.sync import make_token, read_token; "
            f"print(json.dumps([make_token({after}), read_token({token!r})]))"
        )
        result = run_python(code, {"DJANGO_SETTINGS_MODULE": "cms.settings.test"})
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout.strip().splitlines()[-1]) == [token, [after, None, None]]
        assert make_token(after) == token
        # And the same token asked twice gives the same answer.
        assert sync_answer(self.client, token) == sync_answer(self.client, token)


class QueryBudget(TestCase):
    """An answer's SQL queries do not grow with the number of changes it covers."""

    @classmethod
    def setUpTestData(cls):
        _, city_index, story_index, _ = make_site()
        cls.cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
        cls.cities = [CityPageFactory(parent=city_index, title=f"City {n}") for n in range(25)]
        cls.stories = [StoryPageFactory(parent=story_index, title=f"Story {n}") for n in range(25)]

    def queries_for(self, changes):
        token = sync_into(self.client, {}, per_page=100)
        # Cities and stories in turn: both page types in every answer, whatever its size.
        pages = [page for pair in zip(self.cities, self.stories, strict=True) for page in pair][:changes]
        for number, page in enumerate(pages):
            publish(page, title=f"{page.title} v{number}")
        self.cultural.save()  # a snippet among them
        with CaptureQueriesContext(connection) as queries:
            answer = sync_answer(self.client, token, 100)
        assert len(answer["items"]) == changes + 1
        return len(queries)

    def test_five_and_fifty_changes_cost_the_same(self):
        five = self.queries_for(5)
        fifty = self.queries_for(50)
        # The log, the restrictions, the pages, the city and story rows, the snippets, the locales.
        assert five == fifty == 7


class RecorderLeavesPagesAlone(TestCase):
    def test_a_page_made_before_its_site_points_at_it_still_has_its_address(self):
        # The recorder reads a new live page's address when it is saved; Wagtail would keep the
        # site root paths of that moment on the page object, and the page's address would stay None
        # once the site is pointed at it (what tests.support.site.make_home does).
        home = make_site()[0]

        self.assertTrue(Change.objects.filter(object_id=home.pk).exists())
        self.assertEqual(home.url, "/en/")
