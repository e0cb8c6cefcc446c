"""
The API in both languages: every list, single query and nested relation in the asked
language; the `fallback` option; `locale` and `translations` on pages and snippets.
"""

import datetime

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from django.db import connection
from django.test import TestCase

from wagtail.models import Locale

from cities.factories import (
    CityPageFactory,
    CommitteeFactory,
    ExchangeTypeFactory,
    ResourceCategoryFactory,
    ResourcePageFactory,
    StoryPageFactory,
)
from tests.support.site import make_private

from .builders import make_site
from .conftest import data, post


def spanish():
    return Locale.objects.get(language_code="es")


def translate(page, title, **fields):
    """The page's Spanish version, published (its parents copied as published aliases)."""
    copy = page.copy_for_translation(spanish(), copy_parents=True)
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def translate_snippet(snippet, **fields):
    copy = snippet.copy_for_translation(spanish())
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


class NestedRelations(TestCase):
    """A Spanish page's relations are the Spanish versions, in one language each."""

    @classmethod
    def setUpTestData(cls):
        _, city_index, story_index, resource_index = make_site()
        cls.cultural = ExchangeTypeFactory(name="Cultural", slug="cultural", sort_order=1)
        cls.business = ExchangeTypeFactory(name="Business", slug="business", sort_order=2)
        cls.cultural_es = translate_snippet(cls.cultural, name="Cultural (es)", slug="cultural-es")
        # "business" has no Spanish version: a Spanish story keeps the English one.
        committee = CommitteeFactory(name="Nagoya committee")
        cls.committee_es = translate_snippet(committee, name="Comité de Nagoya")
        cls.nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya", committee=committee)
        cls.berlin = CityPageFactory(parent=city_index, title="Berlin", slug="berlin")
        cls.story = StoryPageFactory(
            parent=story_index,
            title="Sister schools",
            slug="schools",
            date=datetime.date(2024, 5, 1),
            cities=[cls.nagoya, cls.berlin],
            exchange_types=[cls.cultural, cls.business],
        )
        cls.english_only = StoryPageFactory(
            parent=story_index, title="English only", slug="english-only", cities=[cls.nagoya]
        )
        category = ResourceCategoryFactory(name="Grants", slug="grants")
        cls.category_es = translate_snippet(category, name="Becas", slug="becas")
        cls.resource = ResourcePageFactory(parent=resource_index, title="A grant", category=category)
        cls.resource.cities.set([cls.nagoya])
        cls.resource.save_revision().publish()
        # Copying for translation keeps the links to the English cities and exchange types.
        cls.nagoya_es = translate(cls.nagoya, "Nagoya (es)")
        cls.story_es = translate(cls.story, "Escuelas hermanas", slug="escuelas")
        cls.resource_es = translate(cls.resource, "Una beca", slug="una-beca")

    def test_a_spanish_story_links_the_spanish_cities_and_exchange_types(self):
        story = data(
            self.client,
            '{ story(slug: "escuelas", locale: ES) { title locale cities { title locale } '
            "exchangeTypes { name locale } } }",
        )["story"]
        self.assertEqual(story["locale"], "ES")
        # Nagoya has a Spanish version, Berlin none: the English Berlin, which says so.
        self.assertEqual(
            story["cities"], [{"title": "Berlin", "locale": "EN"}, {"title": "Nagoya (es)", "locale": "ES"}]
        )
        self.assertEqual(
            story["exchangeTypes"],
            [{"name": "Cultural (es)", "locale": "ES"}, {"name": "Business", "locale": "EN"}],
        )

    def test_a_spanish_city_lists_the_spanish_stories_and_resources(self):
        result = data(
            self.client,
            '{ es: city(slug: "nagoya", locale: ES) { stories { title locale } resources { title } '
            "committee { name locale } } "
            'en: city(slug: "nagoya") { stories { title } resources { title } committee { name } } }',
        )
        self.assertEqual(
            result["es"],
            {
                "stories": [{"title": "Escuelas hermanas", "locale": "ES"}],
                "resources": [{"title": "Una beca"}],
                "committee": {"name": "Comité de Nagoya", "locale": "ES"},
            },
        )
        self.assertEqual(
            result["en"],
            {
                "stories": [{"title": "Sister schools"}, {"title": "English only"}],
                "resources": [{"title": "A grant"}],
                "committee": {"name": "Nagoya committee"},
            },
        )

    def test_lists_in_spanish_read_spanish_relations(self):
        result = data(
            self.client,
            "{ cities(locale: ES) { items { title stories(perPage: 5) { title } } } "
            "resources(locale: ES) { items { title category { name } cities { title } } } }",
        )
        self.assertEqual(
            result["cities"]["items"], [{"title": "Nagoya (es)", "stories": [{"title": "Escuelas hermanas"}]}]
        )
        self.assertEqual(
            result["resources"]["items"],
            [{"title": "Una beca", "category": {"name": "Becas"}, "cities": [{"title": "Nagoya (es)"}]}],
        )

    def test_filters_by_a_spanish_city_or_category_match_across_languages(self):
        result = data(
            self.client,
            '{ stories(locale: ES, city: "nagoya") { items { title } } '
            'kind: stories(locale: ES, exchangeType: "cultural-es") { items { title } } '
            'resources(locale: ES, category: "becas", city: "nagoya") { items { title } } }',
        )
        self.assertEqual(result["stories"]["items"], [{"title": "Escuelas hermanas"}])
        self.assertEqual(result["kind"]["items"], [{"title": "Escuelas hermanas"}])
        self.assertEqual(result["resources"]["items"], [{"title": "Una beca"}])

    def test_snippets_say_their_language_and_link_their_translations(self):
        result = data(
            self.client,
            "{ exchangeTypes(locale: ES) { name locale translations { ... on ExchangeType { name } locale } } "
            "resourceCategories { name translations { locale } } }",
        )
        self.assertEqual(
            result["exchangeTypes"],
            [{"name": "Cultural (es)", "locale": "ES", "translations": [{"name": "Cultural", "locale": "EN"}]}],
        )
        self.assertEqual(result["resourceCategories"], [{"name": "Grants", "translations": [{"locale": "ES"}]}])


class Fallback(TestCase):
    """`fallback: true`: the default language's items with no Spanish version, never a hidden one."""

    @classmethod
    def setUpTestData(cls):
        _, city_index, story_index, _ = make_site()
        day = datetime.date(2024, 1, 1)
        cls.stories = [
            StoryPageFactory(
                parent=story_index, title=f"Story {n}", slug=f"story-{n}", date=day - datetime.timedelta(n)
            )
            for n in range(6)
        ]
        translate(cls.stories[0], "Historia 0", slug="historia-0")
        translate(cls.stories[2], "Historia 2", slug="historia-2")
        # A Spanish draft and a private Spanish version: the English story stands in for them.
        draft = cls.stories[3].copy_for_translation(spanish(), copy_parents=True)
        draft.title = "Borrador 3"
        draft.save_revision()
        make_private(translate(cls.stories[4], "Privada 4", slug="privada-4"))
        # An English draft is never shown, in any language.
        cls.stories[5].unpublish()
        ExchangeTypeFactory(name="Cultural", slug="cultural", sort_order=1)
        translate_snippet(ExchangeTypeFactory(name="Business", slug="business", sort_order=2), name="Negocios")

    def test_without_fallback_only_spanish(self):
        result = data(self.client, "{ stories(locale: ES) { items { title } pagination { total } } }")
        self.assertEqual(result["stories"]["items"], [{"title": "Historia 0"}, {"title": "Historia 2"}])

    def test_lists_fall_back_per_item_in_order_and_paginate(self):
        query = (
            "query($p: Int) { stories(locale: ES, fallback: true, perPage: 2, page: $p) "
            "{ items { title locale } pagination { total totalPages } } }"
        )
        pages = [data(self.client, query, {"p": p})["stories"] for p in (1, 2, 3)]
        self.assertEqual(
            [item for page in pages for item in page["items"]],
            [
                {"title": "Historia 0", "locale": "ES"},
                {"title": "Story 1", "locale": "EN"},
                {"title": "Historia 2", "locale": "ES"},
                {"title": "Story 3", "locale": "EN"},
                {"title": "Story 4", "locale": "EN"},
            ],
        )
        self.assertEqual(pages[0]["pagination"], {"total": 5, "totalPages": 3})

    def test_snippets_and_pages_fall_back(self):
        result = data(
            self.client,
            "{ exchangeTypes(locale: ES, fallback: true) { name locale } "
            'pages(locale: ES, fallback: true, contentType: "cities.StoryPage") { pagination { total } } }',
        )
        self.assertEqual(
            result["exchangeTypes"], [{"name": "Cultural", "locale": "EN"}, {"name": "Negocios", "locale": "ES"}]
        )
        self.assertEqual(result["pages"]["pagination"]["total"], 5)

    def test_single_queries_fall_back_by_the_english_slug(self):
        query = "query($s: String!, $f: Boolean) { story(slug: $s, locale: ES, fallback: $f) { title locale } }"
        self.assertIsNone(data(self.client, query, {"s": "story-1"})["story"])
        self.assertEqual(
            data(self.client, query, {"s": "story-1", "f": True})["story"], {"title": "Story 1", "locale": "EN"}
        )
        # The English slug of a page that has a Spanish version finds the Spanish version.
        self.assertEqual(
            data(self.client, query, {"s": "story-0", "f": True})["story"], {"title": "Historia 0", "locale": "ES"}
        )
        self.assertEqual(
            data(self.client, query, {"s": "story-3", "f": True})["story"], {"title": "Story 3", "locale": "EN"}
        )
        self.assertIsNone(data(self.client, query, {"s": "story-5", "f": True})["story"])
        self.assertIsNone(data(self.client, query, {"s": "borrador-3", "f": True})["story"])

    def test_translations_list_only_visible_versions(self):
        result = data(
            self.client,
            '{ s3: story(slug: "story-3") { translations { title } } '
            's0: story(slug: "story-0") { translations { title locale } } }',
        )
        self.assertEqual(
            result, {"s3": {"translations": []}, "s0": {"translations": [{"title": "Historia 0", "locale": "ES"}]}}
        )

    def test_fallback_is_a_boolean(self):
        status, body = post(self.client, '{ stories(locale: ES, fallback: "yes") { items { title } } }')
        self.assertEqual(status, 400)
        self.assertIn("Boolean cannot represent", body["errors"][0]["message"])


# Each story's Spanish version: none, published, a draft, or published behind a password.
STATES = st.lists(st.sampled_from(["none", "published", "draft", "private"]), min_size=1, max_size=7)


class FallbackProperty(HypothesisTestCase):
    """For any mix of translation states, the fallback list is Spanish-or-English per story, in date order."""

    # No shrinking: each example builds pages, and the failing example is shown as it is.
    @settings(max_examples=12, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate))
    @given(states=STATES, per_page=st.integers(min_value=1, max_value=4))
    def test_fallback_list_is_the_union_in_order(self, states, per_page):
        _, _, story_index, _ = make_site()
        expected = []
        for n, state in enumerate(states):
            story = StoryPageFactory(
                parent=story_index, title=f"Story {n}", slug=f"story-{n}", date=datetime.date(2024, 1, 28 - n)
            )
            if state == "published":
                translate(story, f"Historia {n}", slug=f"historia-{n}")
            elif state == "draft":
                story.copy_for_translation(spanish(), copy_parents=True).save_revision()
            elif state == "private":
                make_private(translate(story, f"Privada {n}", slug=f"privada-{n}"))
            expected.append(f"Historia {n}" if state == "published" else f"Story {n}")
        query = (
            "query($p: Int, $n: Int) { stories(locale: ES, fallback: true, page: $p, perPage: $n) "
            "{ items { title } pagination { total hasNextPage } } }"
        )
        titles, page = [], 1
        while True:
            result = data(self.client, query, {"p": page, "n": per_page})["stories"]
            self.assertEqual(result["pagination"]["total"], len(expected))
            titles += [item["title"] for item in result["items"]]
            if not result["pagination"]["hasNextPage"]:
                break
            page += 1
        self.assertEqual(titles, expected)


class Search(TestCase):
    """The API's searches in Spanish find Spanish pages, with Spanish stemming on PostgreSQL (cms/search)."""

    @classmethod
    def setUpTestData(cls):
        _, _, story_index, _ = make_site()
        story = StoryPageFactory(parent=story_index, title="Youth exchange", intro="An intercambio of young musicians.")
        translate(story, "Intercambio juvenil", slug="intercambio-juvenil", intro="Un intercambio de jóvenes músicos.")
        StoryPageFactory(parent=story_index, title="Harbour visit", intro="Musicians at the harbour.")

    def found(self, words, locale, fallback=False):
        query = (
            "query($s: String!, $l: Language, $f: Boolean) { stories(search: $s, locale: $l, fallback: $f) "
            "{ items { title } } search(search: $s, locale: $l, fallback: $f) { items { title } } }"
        )
        result = data(self.client, query, {"s": words, "l": locale, "f": fallback})
        return [item["title"] for item in result["stories"]["items"]], [
            item["title"] for item in result["search"]["items"]
        ]

    def test_each_language_finds_its_own_pages(self):
        self.assertEqual(self.found("intercambio", "ES"), (["Intercambio juvenil"], ["Intercambio juvenil"]))
        self.assertEqual(self.found("intercambio", "EN"), (["Youth exchange"], ["Youth exchange"]))
        self.assertEqual(self.found("musicians", "ES"), ([], []))
        # With fallback, the English story that has no Spanish version, never one that has.
        self.assertEqual(self.found("musicians", "ES", fallback=True), (["Harbour visit"], ["Harbour visit"]))
        if connection.vendor == "postgresql":  # SQLite's FTS5 has no Spanish stemmer
            self.assertEqual(self.found("intercambios", "ES"), (["Intercambio juvenil"], ["Intercambio juvenil"]))
