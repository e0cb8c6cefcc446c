"""Languages, headless preview tokens and image renditions."""

import time
from unittest import mock

from django.test import TestCase, override_settings

from wagtail.models import Locale

from cities.factories import CityPageFactory, ExchangeTypeFactory, StoryPageFactory
from cms.graphql.conf import DEFAULTS
from cms.graphql.preview import HEADLESS_PREVIEW_MODE
from home.factories import CustomImageFactory

from .builders import make_site
from .conftest import data, errors, get, post


class LocaleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, city_index, _, _ = make_site()
        spanish = Locale.objects.get(language_code="es")
        cls.nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
        cls.nagoya_es = cls.nagoya.copy_for_translation(spanish, copy_parents=True)
        cls.nagoya_es.title = "Nagoya (es)"
        cls.nagoya_es.save_revision().publish()  # its parents were copied as (published) aliases
        ExchangeTypeFactory(name="Cultural", slug="cultural")
        ExchangeTypeFactory(name="Cultural (es)", slug="cultural", locale=spanish)

    def test_lists_default_to_the_default_language(self):
        result = data(self.client, "{ cities { items { title locale } } exchangeTypes { name } }")
        self.assertEqual(result["cities"]["items"], [{"title": "Nagoya", "locale": "EN"}])
        self.assertEqual(result["exchangeTypes"], [{"name": "Cultural"}])
        result = data(
            self.client, "{ cities(locale: ES) { items { title locale } } exchangeTypes(locale: ES) { name } }"
        )
        self.assertEqual(result["cities"]["items"], [{"title": "Nagoya (es)", "locale": "ES"}])
        self.assertEqual(result["exchangeTypes"], [{"name": "Cultural (es)"}])

    def test_single_queries_and_translations(self):
        result = data(
            self.client, '{ city(slug: "nagoya", locale: ES) { title url translations { title locale url } } }'
        )
        self.assertEqual(
            result["city"],
            {
                "title": "Nagoya (es)",
                "url": "/es/cities/nagoya/",
                "translations": [{"title": "Nagoya", "locale": "EN", "url": "/en/cities/nagoya/"}],
            },
        )
        result = data(self.client, '{ page(urlPath: "/es/cities/nagoya/") { title } home(locale: ES) { locale } }')
        self.assertEqual(result, {"page": {"title": "Nagoya (es)"}, "home": {"locale": "ES"}})


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, city_index, story_index, _ = make_site()
        cls.published = CityPageFactory(parent=city_index, title="Published", slug="published")
        cls.hidden = CityPageFactory(parent=city_index, title="Hidden draft", slug="hidden", live=False)
        cls.draft = StoryPageFactory(parent=story_index, title="Draft story", slug="draft", live=False)
        cls.draft.title = "Draft story, edited"
        cls.draft.cities.set([cls.published, cls.hidden])

    def token(self):
        return self.draft.create_page_preview().token

    def test_a_token_shows_its_draft_and_only_public_relations(self):
        response = get(
            self.client, "query($t: String!) { story(token: $t) { title live cities { title } } }", {"t": self.token()}
        )
        self.assertEqual(
            response.json(),
            {"data": {"story": {"title": "Draft story, edited", "live": False, "cities": [{"title": "Published"}]}}},
        )
        self.assertEqual(response["Cache-Control"], "private, no-store")
        # Without the token the draft stays hidden.
        self.assertIsNone(data(self.client, '{ story(slug: "draft") { title } }')["story"])

    def test_a_token_opens_only_its_own_page(self):
        token = self.token()
        self.assertEqual(
            errors(self.client, "query($t: String!) { city(token: $t) { title } }", {"t": token}),
            ["This preview token is for a StoryPage page."],
        )
        forged = token.replace(f"id={self.draft.pk}", f"id={self.hidden.pk}")
        self.assertEqual(
            errors(self.client, "query($t: String!) { page(token: $t) { title } }", {"t": forged}),
            ["This preview token is not valid."],
        )

    def test_a_token_expires(self):
        with mock.patch("django.core.signing.time.time", return_value=time.time() - 2 * 60 * 60):
            token = self.token()
        self.assertEqual(
            errors(self.client, "query($t: String!) { page(token: $t) { title } }", {"t": token}),
            ["This preview token has expired: preview the page again from the editor."],
        )
        with override_settings(GRAPHQL_API={**DEFAULTS, "PREVIEW_TOKEN_MAX_AGE": 3 * 60 * 60}):
            result = data(self.client, "query($t: String!) { page(token: $t) { title } }", {"t": token})
        self.assertEqual(result["page"]["title"], "Draft story, edited")

    def test_the_editor_offers_the_external_preview(self):
        self.assertIn(HEADLESS_PREVIEW_MODE, dict(self.draft.preview_modes))
        self.assertIn("", dict(self.draft.preview_modes))  # the site's own preview stays the default


class ImageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, city_index, _, _ = make_site()
        image = CustomImageFactory(alt_text="Nagoya Castle at dusk", credit="Photo: Jane Doe", licence="cc-by-4.0")
        CityPageFactory(parent=city_index, slug="nagoya", hero_image=image)

    def image(self, fields):
        return data(self.client, '{ city(slug: "nagoya") { heroImage { %s } } }' % fields)["city"]["heroImage"]

    def test_alt_text_credit_licence(self):
        self.assertEqual(
            self.image("altText credit licence"),
            {"altText": "Nagoya Castle at dusk", "credit": "Photo: Jane Doe", "licence": "cc-by-4.0"},
        )

    def test_allowed_renditions_and_webp(self):
        image = self.image('a: rendition(width: 640) { url } b: rendition(fill: "640x360", format: "webp") { url alt }')
        self.assertTrue(image["a"]["url"].endswith(".jpg"))
        self.assertTrue(image["b"]["url"].endswith(".webp"))
        self.assertEqual(image["b"]["alt"], "Nagoya Castle at dusk")
        src_set = self.image('srcSet(sizes: [320, 640], format: "webp")')["srcSet"].split(", ")
        self.assertEqual(len(src_set), 2)
        self.assertTrue(all(".webp " in entry for entry in src_set))

    def test_other_renditions_are_refused(self):
        for fields in (
            'rendition(fill: "5000x5000") { url }',
            "rendition(width: 641) { url }",
            'rendition(width: 640, bgcolor: "fff") { url }',
        ):
            with self.subTest(fields):
                message = errors(self.client, '{ city(slug: "nagoya") { heroImage { %s } } }' % fields)[0]
                self.assertIn("is not allowed. Accepted: width-320, width-640", message)
        message = errors(self.client, '{ city(slug: "nagoya") { heroImage { srcSet(sizes: [640, 4000]) } } }')[0]
        self.assertEqual(message, "srcSet sizes must be among 320, 640, 960, 1280, 1920; got 4000.")

    def test_renditions_are_made_once(self):
        from home.models import CustomRendition

        for _ in range(2):
            post(self.client, '{ city(slug: "nagoya") { heroImage { rendition(width: 320) { url } } } }')
        self.assertEqual(CustomRendition.objects.filter(filter_spec="width-320").count(), 1)
