"""
docs/graphql.md cannot drift: its example queries run against factory data.

Every ```graphql block is executed through the endpoint with the variables
below (by operation name) and must return no errors and the data a page needs.
"""

import re
from pathlib import Path

import wagtail_factories
from graphql import parse

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
from cities.models import CityGalleryImage, CitySource
from home.factories import CustomImageFactory, StandardPageFactory
from home.models import HomePageFeaturedCity

from .builders import make_site, stream
from .conftest import post

DOC = Path(__file__).resolve().parents[2] / "docs" / "graphql.md"


def documented_queries():
    return re.findall(r"```graphql\n(.*?)```", DOC.read_text(), flags=re.DOTALL)


def operation_name(query):
    return parse(query).definitions[0].name.value


class DocumentedQueries(TestCase):
    @classmethod
    def setUpTestData(cls):
        home, city_index, story_index, resource_index = make_site()
        home.hero_image = CustomImageFactory()
        home.save()
        cultural = ExchangeTypeFactory(name="Cultural", slug="cultural", description="Arts and festivals.")
        ExchangeTypeFactory(name="Educational", slug="educational")
        document = wagtail_factories.DocumentFactory(title="Exchange guide")
        cls.nagoya = CityPageFactory(
            parent=city_index,
            title="Nagoya",
            slug="nagoya",
            hero_image=CustomImageFactory(),
            committee=CommitteeFactory(name="Los Angeles–Nagoya Sister City Committee"),
        )
        eilat = CityPageFactory(parent=city_index, title="Eilat", slug="eilat", country="IL", region="asia")
        StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
        story = StoryPageFactory(
            parent=story_index,
            title="Students from Nagoya visit",
            slug="students-visit",
            cities=[cls.nagoya, eilat],
            exchange_types=[cultural],
            hero_image=CustomImageFactory(),
        )
        story.tags.add("students")
        story.save()
        cls.nagoya.body = stream(
            ("heading", {"heading_text": "Sixty years of friendship", "size": "h2"}),
            ("paragraph", "<p>The first partnership, signed in 1959.</p>"),
            ("image", {"image": CustomImageFactory().pk, "caption": "City Hall"}),
            ("quote", {"text": "A bridge across the Pacific.", "attribution": "Mayor of Nagoya"}),
            ("page_link", {"page": story.pk, "link_text": "Read the story"}),
            ("document_link", {"document": document.pk, "link_text": "The guide"}),
        )
        cls.nagoya.save_revision().publish()
        CityGalleryImage.objects.create(page=cls.nagoya, image=CustomImageFactory(), caption="Nagoya Castle")
        CitySource.objects.create(page=cls.nagoya, url="https://example.org/nagoya", title="City of Nagoya")
        HomePageFeaturedCity.objects.create(page=home, city=cls.nagoya, sort_order=0)
        travel = ResourceCategoryFactory(name="Travel", slug="travel")
        visa = ResourcePageFactory(parent=resource_index, title="Visa guide", category=travel)
        visa.cities.set([cls.nagoya])
        visa.save()  # a ParentalManyToManyField is written on save
        ResourcePageFactory(parent=resource_index, title="Exchange guide", link_url="", document=document)
        # A draft story, opened by a preview token.
        draft = StoryPageFactory(parent=story_index, title="Draft story", slug="draft-story", live=False)
        draft.title = "Draft story, edited"
        cls.token = draft.create_page_preview().token
        # A Spanish home page, to switch languages.
        spanish = home.copy_for_translation(Locale.objects.get(language_code="es"))
        spanish.save_revision().publish()

    def run_documented(self, name):
        queries = {operation_name(query): query for query in documented_queries()}
        variables = {
            "Home": {},
            "CityDirectory": {},
            "CityProfile": {"slug": "nagoya"},
            "StoryList": {},
            "Story": {"slug": "students-visit"},
            "Resources": {},
            "PageByPath": {"path": "/en/about/"},
            "Preview": {"token": self.token},
        }
        self.assertEqual(set(queries), set(variables), "every documented query is tested, and only those")
        status, body = post(self.client, queries[name], variables[name])
        self.assertEqual(status, 200, body)
        self.assertNotIn("errors", body)
        return body["data"]

    def test_home(self):
        result = self.run_documented("Home")
        self.assertEqual(result["home"]["featuredCities"][0]["title"], "Nagoya")
        self.assertTrue(result["home"]["heroImage"]["rendition"]["url"].endswith(".webp"))
        menu = ["Partner cities", "Stories", "Resources", "About"]
        self.assertEqual([item["title"] for item in result["home"]["menu"]], menu)
        self.assertEqual([t["locale"] for t in result["home"]["translations"]], ["ES"])
        self.assertEqual(result["latestStories"]["items"][0]["title"], "Students from Nagoya visit")

    def test_city_directory(self):
        result = self.run_documented("CityDirectory")
        # Oldest partnership first, then by name.
        self.assertEqual([city["title"] for city in result["cities"]["items"]], ["Eilat", "Nagoya"])
        nagoya = result["cities"]["items"][1]
        self.assertEqual(nagoya["committee"]["name"], "Los Angeles–Nagoya Sister City Committee")
        self.assertEqual(nagoya["stories"][0]["exchangeTypes"], [{"name": "Cultural", "slug": "cultural"}])

    def test_city_profile(self):
        city = self.run_documented("CityProfile")["city"]
        self.assertEqual(
            [block["blockType"] for block in city["body"]],
            [
                "HeadingBlock",
                "RichTextBlock",
                "CaptionedImageBlock",
                "QuoteBlock",
                "PageLinkBlock",
                "DocumentLinkBlock",
            ],
        )
        self.assertEqual(city["body"][4]["page"]["title"], "Students from Nagoya visit")
        self.assertEqual(city["galleryImages"][0]["caption"], "Nagoya Castle")
        self.assertEqual(city["resources"][0]["title"], "Visa guide")
        self.assertEqual([a["title"] for a in city["ancestors"]], ["Sister Cities of Los Angeles", "Partner cities"])

    def test_story_list(self):
        result = self.run_documented("StoryList")
        self.assertEqual(
            result["stories"]["items"][0]["cities"],
            [{"title": "Eilat", "slug": "eilat"}, {"title": "Nagoya", "slug": "nagoya"}],
        )
        self.assertEqual([t["slug"] for t in result["exchangeTypes"]], ["cultural", "educational"])

    def test_story(self):
        story = self.run_documented("Story")["story"]
        self.assertEqual(story["tags"], [{"name": "students"}])
        self.assertEqual(story["exchangeTypes"], [{"name": "Cultural", "slug": "cultural"}])

    def test_resources(self):
        result = self.run_documented("Resources")
        items = {item["title"]: item for item in result["resources"]["items"]}
        self.assertTrue(items["Exchange guide"]["document"]["url"].startswith("http://testserver/documents/"))
        self.assertEqual(items["Visa guide"]["category"]["slug"], "travel")

    def test_page_by_path(self):
        self.assertEqual(self.run_documented("PageByPath")["page"]["pageType"], "StandardPage")

    def test_preview(self):
        page = self.run_documented("Preview")["page"]
        self.assertEqual((page["title"], page["live"], page["pageType"]), ("Draft story, edited", False, "StoryPage"))

    def test_the_stated_cost_of_the_directory(self):
        from graphql import validate

        from cms.graphql.limits import validation_rules
        from cms.graphql.schema import schema

        query = {operation_name(q): q for q in documented_queries()}["CityDirectory"]
        rules = validation_rules()
        document = parse(query)
        validate(schema.graphql_schema, document, rules)
        stated = int(re.search(r"The city directory below costs about ([\d,]+)", DOC.read_text())[1].replace(",", ""))
        # The walker's own figure, to the nearest hundred, as the docs state it.
        from cms.graphql.limits import _Walker

        class Context:
            pass

        context = Context()
        context.schema = schema.graphql_schema
        context.document = document
        _, cost = _Walker(context, {}).operation(document.definitions[0])
        self.assertEqual(stated, round(cost, -2))
