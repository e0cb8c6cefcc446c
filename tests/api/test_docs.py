"""
docs/graphql.md cannot drift: its example queries run against factory data.

Every ```graphql block is executed through the endpoint with the variables
below (by operation name) and must return no errors and the data a page needs,
and selects what a normalising client (Apollo, urql's graphcache, Relay) keys
its cache on. tests/api/test_apollo.py runs them through Apollo Client itself.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import wagtail_factories
from graphql import (
    GraphQLNonNull,
    GraphQLObjectType,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    parse,
    visit,
)

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
from cities.models import CityGalleryImage, CitySource, StoryPage
from home.factories import CustomImageFactory, StandardPageFactory
from home.models import HomePageFeaturedCity

from .builders import make_site, stream
from .conftest import data, errors, post

DOC = Path(__file__).resolve().parents[2] / "docs" / "graphql.md"


def documented_queries():
    return re.findall(r"```graphql\n(.*?)```", DOC.read_text(), flags=re.DOTALL)


def operation_name(query):
    return parse(query).definitions[0].name.value


def has_identity(graphql_type):
    """Whether a normalising client files objects of this type under `__typename:id`: a non-null ID field `id`."""
    field = getattr(graphql_type, "fields", {}).get("id")
    return field is not None and isinstance(field.type, GraphQLNonNull) and str(field.type.of_type) == "ID"


def missing_cache_keys(graphql_schema, query):
    """
    Where the query leaves out what a normalising client needs: `__typename` in every
    selection of an object, interface or union (below the root), and `id` wherever the
    type has one. Returns readable paths, e.g. "home.heroImage: id".
    """
    missing = []
    type_info = TypeInfo(graphql_schema)
    path = []

    class Check(Visitor):
        def enter_field(self, node, *args):
            path.append(node.alias.value if node.alias else node.name.value)
            if node.selection_set is None:
                return
            graphql_type = get_named_type(type_info.get_type())
            selected = {
                selection.name.value
                for selection in node.selection_set.selections
                if selection.kind == "field" and selection.alias is None
            }
            if "__typename" not in selected:
                missing.append(f"{'.'.join(path)}: __typename")
            if has_identity(graphql_type) and "id" not in selected:
                missing.append(f"{'.'.join(path)}: id")

        def leave_field(self, node, *args):
            path.pop()

    visit(parse(query), TypeInfoVisitor(type_info, Check()))
    return missing


def build_documented_site():
    """The content the documented queries show (also used by test_apollo.py)."""
    home, city_index, story_index, resource_index = make_site()
    home.hero_image = CustomImageFactory()
    home.save()
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural", description="Arts and festivals.")
    ExchangeTypeFactory(name="Educational", slug="educational")
    document = wagtail_factories.DocumentFactory(title="Exchange guide")
    nagoya = CityPageFactory(
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
        cities=[nagoya, eilat],
        exchange_types=[cultural],
        hero_image=CustomImageFactory(),
    )
    story.tags.add("students")
    story.save()
    nagoya.body = stream(
        ("heading", {"heading_text": "Sixty years of friendship", "size": "h2"}),
        ("paragraph", "<p>The first partnership, signed in 1959.</p>"),
        ("image", {"image": CustomImageFactory().pk, "caption": "City Hall"}),
        ("quote", {"text": "A bridge across the Pacific.", "attribution": "Mayor of Nagoya"}),
        ("page_link", {"page": story.pk, "link_text": "Read the story"}),
        ("document_link", {"document": document.pk, "link_text": "The guide"}),
    )
    nagoya.save_revision().publish()
    CityGalleryImage.objects.create(page=nagoya, image=CustomImageFactory(), caption="Nagoya Castle")
    CitySource.objects.create(page=nagoya, url="https://example.org/nagoya", title="City of Nagoya")
    HomePageFeaturedCity.objects.create(page=home, city=nagoya, sort_order=0)
    travel = ResourceCategoryFactory(name="Travel", slug="travel")
    visa = ResourcePageFactory(parent=resource_index, title="Visa guide", category=travel)
    visa.cities.set([nagoya])
    visa.save()  # a ParentalManyToManyField is written on save
    ResourcePageFactory(parent=resource_index, title="Exchange guide", link_url="", document=document)
    # A draft story, opened by a preview token.
    draft = StoryPageFactory(parent=story_index, title="Draft story", slug="draft-story", live=False)
    draft.title = "Draft story, edited"
    token = draft.create_page_preview().token
    # A Spanish home page, to switch languages, and Spanish versions of Nagoya, the story and
    # the cultural exchange type (Eilat and the educational exchanges have none).
    es = Locale.objects.get(language_code="es")
    spanish = home.copy_for_translation(es)
    spanish.save_revision().publish()
    for page, title, slug in [
        (nagoya, "Nagoya", "nagoya"),
        (story, "Estudiantes de Nagoya de visita", "estudiantes-de-nagoya"),
    ]:
        copy = page.copy_for_translation(es, copy_parents=True)
        copy.title, copy.slug = title, slug
        copy.save_revision().publish()
    cultural_es = cultural.copy_for_translation(es)
    cultural_es.name, cultural_es.description = "Cultural", "Artes y festivales."
    cultural_es.save()
    return SimpleNamespace(nagoya=nagoya, token=token, story=story)


def documented_variables(token):
    """The variables each documented query runs with, by operation name."""
    return {
        "Home": {},
        "CityDirectory": {},
        "CityProfile": {"slug": "nagoya"},
        "StoryList": {},
        "Story": {"slug": "students-visit"},
        "Resources": {},
        "PageByPath": {"path": "/en/about/"},
        "AllPages": {},
        "SiteSearch": {"search": "Nagoya"},
        "Preview": {"token": token},
        "BilingualPage": {"slug": "estudiantes-de-nagoya", "locale": "ES"},
        "Sync": {},
    }


class DocumentedQueries(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = build_documented_site()
        cls.nagoya, cls.token = site.nagoya, site.token

    def run_documented(self, name):
        queries = {operation_name(query): query for query in documented_queries()}
        variables = documented_variables(self.token)
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
        self.assertEqual(
            [(t["name"], t["slug"]) for t in nagoya["stories"][0]["exchangeTypes"]], [("Cultural", "cultural")]
        )

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
            [(city["title"], city["slug"]) for city in result["stories"]["items"][0]["cities"]],
            [("Eilat", "eilat"), ("Nagoya", "nagoya")],
        )
        self.assertEqual([t["slug"] for t in result["exchangeTypes"]], ["cultural", "educational"])
        self.assertEqual([tag["name"] for tag in result["filterTags"]], ["students"])

    def test_story(self):
        story = self.run_documented("Story")["story"]
        self.assertEqual([tag["name"] for tag in story["tags"]], ["students"])
        self.assertEqual([(t["name"], t["slug"]) for t in story["exchangeTypes"]], [("Cultural", "cultural")])

    def test_resources(self):
        result = self.run_documented("Resources")
        items = {item["title"]: item for item in result["resources"]["items"]}
        self.assertTrue(items["Exchange guide"]["document"]["url"].startswith("http://localhost/documents/"))
        self.assertEqual(items["Visa guide"]["category"]["slug"], "travel")

    def test_every_documented_query_selects_the_cache_keys(self):
        from cms.graphql.schema import schema

        graphql_schema = schema.graphql_schema
        # The rule is derived from the schema; check it knows the types the examples show.
        self.assertTrue(has_identity(graphql_schema.get_type("CityPage")))
        self.assertTrue(has_identity(graphql_schema.get_type("CustomRendition")))
        self.assertFalse(has_identity(graphql_schema.get_type("Pagination")))
        self.assertFalse(has_identity(graphql_schema.get_type("HeadingBlock")))  # its id is a String, see the docs
        self.assertIsInstance(graphql_schema.get_type("StoryList"), GraphQLObjectType)
        queries = documented_queries()
        self.assertGreaterEqual(len(queries), 10)
        for query in queries:
            with self.subTest(operation_name(query)):
                self.assertEqual(missing_cache_keys(graphql_schema, query), [])

    def test_the_cache_key_check_finds_what_is_missing(self):
        from cms.graphql.schema import schema

        query = """query Q { home { title heroImage { __typename id altText } translations { __typename url } }
        stories { __typename items { __typename id title } pagination { total } } }"""
        self.assertEqual(
            missing_cache_keys(schema.graphql_schema, query),
            ["home: __typename", "home: id", "home.translations: id", "stories.pagination: __typename"],
        )

    def test_the_format_argument_says_what_it_accepts(self):
        from cms.graphql.images import accepted_formats
        from cms.graphql.schema import schema

        accepted = accepted_formats()
        self.assertEqual(accepted, ["webp"])
        image_type = schema.graphql_schema.get_type("CustomImage")
        for field_name in ("rendition", "srcSet"):
            described = re.findall(r"`(\w+)`", image_type.fields[field_name].args["format"].description)
            self.assertEqual(described, accepted, field_name)
        city = f"city(id: {self.nagoya.pk})"
        for value in ["jpeg", "png", "gif", "avif", "WEBP", ""]:
            for field in (
                f"rendition(width: 640, format: {json.dumps(value)}) {{ url }}",
                f"srcSet(sizes: [640], format: {json.dumps(value)})",
            ):
                with self.subTest(field):
                    self.assertEqual(
                        errors(self.client, f"{{ {city} {{ heroImage {{ {field} }} }} }}"),
                        [
                            f'format: {json.dumps(value)} is not accepted. Accepted: "webp"; '
                            "leave format out for the original's format."
                        ],
                    )
        renditions = 'a: rendition(width: 640) { url } b: rendition(width: 640, format: "webp") { url }'
        query = f'{{ {city} {{ heroImage {{ {renditions} srcSet(sizes: [640], format: "webp") }} }} }}'
        found = data(self.client, query)["city"]["heroImage"]
        self.assertTrue(found["b"]["url"].endswith(".webp") and not found["a"]["url"].endswith(".webp"))
        self.assertIn(".width-640.format-webp.webp ", found["srcSet"])

    def test_all_pages(self):
        result = self.run_documented("AllPages")["pages"]
        urls = [page["url"] for page in result["items"]]
        self.assertEqual(urls[0], "/en/")  # the tree order: the home page first
        self.assertIn("/en/about/", urls)
        self.assertNotIn("/en/stories/draft-story/", urls)
        self.assertEqual(result["pagination"]["total"], len(urls))
        self.assertEqual(result["items"][0]["translations"][0]["locale"], "ES")

    def test_site_search(self):
        result = self.run_documented("SiteSearch")["search"]
        titles = [item["title"] for item in result["items"]]
        self.assertEqual(titles[0], "Nagoya")
        self.assertIn("Students from Nagoya visit", titles)

    def test_sync(self):
        result = self.run_documented("Sync")["sync"]
        self.assertFalse(result["hasMore"])  # fewer than 50 objects: all in the first answer
        self.assertIn("Nagoya", [item.get("title") for item in result["items"]])
        self.assertIn("Cultural", [item.get("name") for item in result["items"]])
        self.assertEqual(result["removed"], [])

    def test_bilingual_page(self):
        result = self.run_documented("BilingualPage")
        story = result["story"]
        self.assertEqual(
            (story["title"], story["locale"], story["url"]),
            ("Estudiantes de Nagoya de visita", "ES", "/es/stories/estudiantes-de-nagoya/"),
        )
        # The switcher and hreflang links: the English version.
        self.assertEqual(
            [(t["locale"], t["url"]) for t in story["translations"]], [("EN", "/en/stories/students-visit/")]
        )
        # Nagoya in Spanish; Eilat has no Spanish version: the English one, which says so.
        self.assertEqual(
            [(c["url"], c["locale"]) for c in story["cities"]],
            [("/en/cities/eilat/", "EN"), ("/es/cities/nagoya/", "ES")],
        )
        self.assertEqual([(t["name"], t["locale"]) for t in story["exchangeTypes"]], [("Cultural", "ES")])
        self.assertEqual(
            [(t["slug"], t["locale"]) for t in result["exchangeTypes"]], [("cultural", "ES"), ("educational", "EN")]
        )
        # With the English slug and fallback, the Spanish version; without fallback, nothing.
        query = {operation_name(q): q for q in documented_queries()}["BilingualPage"]
        by_english_slug = data(self.client, query, {"slug": "students-visit", "locale": "ES"})["story"]
        self.assertEqual(by_english_slug["url"], "/es/stories/estudiantes-de-nagoya/")
        without = query.replace(", fallback: true", "")
        self.assertIsNone(data(self.client, without, {"slug": "students-visit", "locale": "ES"})["story"])

    def test_page_by_path(self):
        self.assertEqual(self.run_documented("PageByPath")["page"]["pageType"], "StandardPage")

    def test_preview(self):
        page = self.run_documented("Preview")["page"]
        self.assertEqual((page["title"], page["live"], page["pageType"]), ("Draft story, edited", False, "StoryPage"))
        # Never the live page's cache key (`StoryPage:<id>`), and says what it is.
        draft = StoryPage.objects.get(slug="draft-story")
        self.assertEqual(
            (page["__typename"], page["id"], page["isPreview"]), ("StoryPage", f"preview-{draft.pk}", True)
        )

    def test_live_pages_keep_their_ids(self):
        story = self.run_documented("Story")["story"]
        self.assertEqual(story["id"], str(StoryPage.objects.get(slug="students-visit").pk))
        home = self.run_documented("Home")["home"]
        self.assertEqual(home["featuredCities"][0]["id"], str(self.nagoya.pk))

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
