"""
Nothing private leaks, through any door.

One site holds, next to published pages, every kind of private content:
drafts, a page scheduled for later, expired pages, pages behind a password, a
login or a group (and the pages below them), a live page with an unpublished
draft, a draft committee, a draft translation, images and documents in a
private collection's child. Each test walks one door of the API (a root query,
a relation, a tree field, a StreamField block...) and checks that only the
published, public content comes out of it.

Two layers hide private content: the resolvers ask the database only for what
visitors may see, and VisibilityMiddleware screens every object on its way out.
Each must hold on its own, or a regression in one would pass unseen behind the
other: every test runs with both layers (``VisibilityTests``) and again with
the middleware switched off (``ResolversAloneTests``). The tests of private
*objects* run a third time with every resolver check bypassed
(``MiddlewareAloneTests``); the rest (counts, error messages, rich text, tags
and redirects, which the middleware does not screen) are the resolvers' alone.
The switches are the ``resolvers_alone`` and ``middleware_alone`` fixtures.

Grapple 0.31 on its own leaked through: root ``search``, ``parent``,
``PageChooserBlock`` values, ``snippets``, and ``images``/``documents`` in a
child of a private collection (see the report on issue 3); these tests were
written against it first.
"""

import datetime

import pytest
import wagtail_factories

from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone

from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, Locale, PageViewRestriction

from cities.factories import (
    CityPageFactory,
    CommitteeFactory,
    ExchangeTypeFactory,
    ResourcePageFactory,
    StoryPageFactory,
)
from cities.models import CityGalleryImage, StoryPage
from home.factories import CustomImageFactory, StandardPageFactory
from home.models import HomePage, HomePageFeaturedCity

from .builders import make_site, stream
from .conftest import data, errors

PUBLIC = "Public city"
NOW = timezone.now()


def titles(items):
    return sorted(item["title"] for item in items if item)


class PrivateSite(TestCase):
    """A site with every kind of private content next to the public ones (no tests of its own)."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.city_index, cls.story_index, cls.resource_index = make_site()
        index = cls.city_index
        # Images and documents: one public, one in the child of a private collection.
        root_collection = Collection.get_first_root_node()
        private = root_collection.add_child(name="Private")
        CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
        private_child = private.add_child(name="Private child")
        cls.private_collection_child = private_child
        cls.public_image = CustomImageFactory(title="Public image")
        cls.private_image = CustomImageFactory(title="Private image", collection=private_child)
        cls.public_document = wagtail_factories.DocumentFactory(title="Public document")
        cls.private_document = wagtail_factories.DocumentFactory(title="Private document", collection=private_child)

        cls.draft_committee = CommitteeFactory(name="Draft committee", live=False)
        cls.public = CityPageFactory(
            parent=index,
            title=PUBLIC,
            slug="public",
            committee=cls.draft_committee,
            hero_image=cls.private_image,
        )
        cls.draft = CityPageFactory(parent=index, title="Draft city", slug="draft", live=False)
        cls.scheduled = CityPageFactory(
            parent=index,
            title="Scheduled city",
            slug="scheduled",
            live=False,
            go_live_at=NOW + datetime.timedelta(days=2),
        )
        # Live in the database but not yet due: how a page looks between a publish and the scheduler's run.
        cls.not_yet = CityPageFactory(
            parent=index, title="Not yet city", slug="not-yet", go_live_at=NOW + datetime.timedelta(days=2)
        )
        cls.expired = CityPageFactory(
            parent=index, title="Expired city", slug="expired", expire_at=NOW - datetime.timedelta(days=1)
        )
        cls.unpublished_expired = CityPageFactory(
            parent=index, title="Unpublished expired city", slug="gone", live=False, expired=True
        )
        cls.password = CityPageFactory(parent=index, title="Password city", slug="password")
        PageViewRestriction.objects.create(
            page=cls.password, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        cls.login = CityPageFactory(parent=index, title="Login city", slug="login")
        PageViewRestriction.objects.create(page=cls.login, restriction_type=PageViewRestriction.LOGIN)
        cls.group = CityPageFactory(parent=index, title="Group city", slug="group")
        restriction = PageViewRestriction.objects.create(page=cls.group, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([Group.objects.create(name="Committee members")])

        # A section behind a login, with a live page below it; a draft section with a live page below it.
        cls.members = StandardPageFactory(parent=cls.home, title="Members only", slug="members")
        PageViewRestriction.objects.create(page=cls.members, restriction_type=PageViewRestriction.LOGIN)
        cls.members_child = StandardPageFactory(parent=cls.members, title="Members child", slug="members-child")
        cls.draft_section = StandardPageFactory(
            parent=cls.home, title="Draft section", slug="draft-section", live=False
        )
        cls.orphan = StandardPageFactory(parent=cls.draft_section, title="Under a draft", slug="under-draft")

        cls.private_pages = [cls.draft, cls.scheduled, cls.not_yet, cls.expired, cls.unpublished_expired]
        cls.private_pages += [cls.password, cls.login, cls.group, cls.members, cls.members_child, cls.draft_section]
        cls.private_titles = {page.title for page in cls.private_pages} | {"Draft story", "Secret new title"}

        cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
        cls.story = StoryPageFactory(
            parent=cls.story_index,
            title="Public story",
            slug="public-story",
            cities=[cls.public, cls.draft, cls.password, cls.not_yet],
            exchange_types=[cultural],
            hero_image=cls.private_image,
        )
        cls.story.tags.add("public-tag")
        cls.story.save()
        cls.draft_story = StoryPageFactory(
            parent=cls.story_index, title="Draft story", slug="draft-story", live=False, cities=[cls.public]
        )
        cls.draft_story.tags.add("secret-tag")
        cls.draft_story.save()
        cls.resource = ResourcePageFactory(
            parent=cls.resource_index,
            title="Public resource",
            slug="public-resource",
            link_url="",
            document=cls.private_document,
        )
        cls.resource.cities.set([cls.public, cls.login])
        cls.resource.save()
        draft_resource = ResourcePageFactory(parent=cls.resource_index, title="Draft resource", live=False)
        draft_resource.cities.set([cls.public])
        draft_resource.save()

        # StreamField blocks pointing at private pages, images and documents.
        cls.public.body = stream(
            ("page_link", {"page": cls.draft.pk, "link_text": "to a draft"}),
            ("page_link", {"page": cls.login.pk, "link_text": "to a login page"}),
            ("page_link", {"page": cls.story.pk, "link_text": "to the story"}),
            ("document_link", {"document": cls.private_document.pk, "link_text": "private"}),
            ("document_link", {"document": cls.public_document.pk, "link_text": "public"}),
            ("image", {"image": cls.private_image.pk, "caption": "private"}),
            ("image", {"image": cls.public_image.pk, "caption": "public"}),
            (
                "paragraph",
                f'<p><a linktype="page" id="{cls.draft.pk}">a draft</a>, <a linktype="page" id="{cls.story.pk}">'
                f'the story</a>, <a id="{cls.private_document.pk}" linktype="document">a private file</a>.</p>'
                f'<embed embedtype="image" format="fullwidth" id="{cls.private_image.pk}" alt="x"/>',
            ),
        )
        cls.public.save_revision().publish()
        # A draft of a live page: the API keeps showing the published version.
        cls.public.title = "Secret new title"
        cls.public.summary = "Secret new summary"
        cls.public.save_revision()

        # The home page features one public city and a draft one.
        HomePageFeaturedCity.objects.create(page=cls.home, city=cls.public, sort_order=0)
        HomePageFeaturedCity.objects.create(page=cls.home, city=cls.draft, sort_order=1)

        # A Spanish translation in draft, and redirects to a public and a draft page.
        cls.spanish_draft = cls.public.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
        Redirect.objects.create(old_path="/old-public", redirect_page=cls.public)
        Redirect.objects.create(old_path="/old-draft", redirect_page=cls.draft)

        # The public city's gallery: a private picture between two public ones.
        for order, (image, caption) in enumerate(
            [(cls.public_image, "first"), (cls.private_image, "private"), (cls.public_image, "last")]
        ):
            CityGalleryImage.objects.create(page=cls.public, image=image, caption=caption, sort_order=order)

    def assert_no_private(self, result):
        text = str(result)
        for title in self.private_titles | {"Draft committee", "Private image", "Private document", "secret-tag"}:
            self.assertNotIn(title, text)


class PrivateObjects:
    """Doors through which private objects could come out: each privacy layer alone must close them."""

    # --- Root queries ------------------------------------------------------
    def test_typed_lists_show_only_public_pages(self):
        result = data(
            self.client,
            """{ cities(perPage: 100) { items { title } }
                 stories { items { title } } resources { items { title } } }""",
        )
        self.assertEqual(titles(result["cities"]["items"]), [PUBLIC])
        self.assertEqual(titles(result["stories"]["items"]), ["Public story"])
        self.assertEqual(titles(result["resources"]["items"]), ["Public resource"])

    def test_typed_single_queries_show_nothing_private(self):
        for page in self.private_pages:
            if page.specific_class.__name__ != "CityPage":
                continue
            result = data(self.client, "query($slug: String!) { city(slug: $slug) { title } }", {"slug": page.slug})
            self.assertIsNone(result["city"], page.title)
            result = data(self.client, "query($id: ID!) { city(id: $id) { title } }", {"id": page.pk})
            self.assertIsNone(result["city"], page.title)
        self.assertIsNone(data(self.client, '{ story(slug: "draft-story") { title } }')["story"])

    def test_pages_and_page(self):
        result = data(self.client, "{ pages(perPage: 100) { items { title } } }")
        self.assertIn(PUBLIC, titles(result["pages"]["items"]))
        self.assertIn(
            "Under a draft", titles(result["pages"]["items"])
        )  # a live page below a draft is public, as on the site
        self.assert_no_private(result)
        for page in self.private_pages:
            result = data(self.client, "query($id: ID) { page(id: $id) { title } }", {"id": page.pk})
            self.assertIsNone(result["page"], page.title)
        result = data(self.client, '{ page(urlPath: "/cities/draft/") { title } }')
        self.assertIsNone(result["page"])
        result = data(self.client, '{ page(urlPath: "/members/members-child/") { title } }')
        self.assertIsNone(result["page"])

    def test_search(self):
        # grapple's search returned drafts and private pages to anyone.
        for word in ("city", "Draft", "Password", "Members", "committee", "Private"):
            result = data(
                self.client,
                """query($q: String!) { search(search: $q, perPage: 100) { items { title } } }""",
                {"q": word},
            )
            self.assert_no_private(result)
        result = data(self.client, '{ search(search: "Public") { items { title } } }')
        self.assertIn(PUBLIC, str(result))

    def test_typed_search_arguments(self):
        result = data(
            self.client,
            """{ cities(search: "city") { items { title } } stories(search: "story") { items { title } }
                 pages(search: "city", perPage: 100) { items { title } } }""",
        )
        self.assertEqual(titles(result["cities"]["items"]), [PUBLIC])
        self.assertEqual(titles(result["stories"]["items"]), ["Public story"])
        self.assert_no_private(result)

    # --- Relations -----------------------------------------------------------
    def test_relations_of_a_public_city(self):
        result = data(
            self.client,
            """{ city(slug: "public") { title summary committee { name } heroImage { title }
                 stories { title } resources { title document { title } cities { title } } } }""",
        )
        city = result["city"]
        self.assertEqual(city["title"], PUBLIC)  # not the draft's "Secret new title"
        self.assertEqual(city["summary"], "A partner city of Los Angeles.")
        self.assertIsNone(city["committee"])  # a draft snippet
        self.assertIsNone(city["heroImage"])  # in a private collection
        self.assertEqual(titles(city["stories"]), ["Public story"])
        self.assertEqual(
            city["resources"], [{"title": "Public resource", "document": None, "cities": [{"title": PUBLIC}]}]
        )
        self.assert_no_private(result)

    def test_relations_of_a_story_and_the_home_page(self):
        result = data(
            self.client,
            """{ story(slug: "public-story") { cities { title } tags { name } heroImage { title } }
                 home { featuredCities { title } } }""",
        )
        self.assertEqual(result["story"]["cities"], [{"title": PUBLIC}])
        self.assertEqual(result["story"]["tags"], [{"name": "public-tag"}])
        self.assertIsNone(result["story"]["heroImage"])
        self.assertEqual(result["home"]["featuredCities"], [{"title": PUBLIC}])

    def test_a_preview_shows_only_public_relations(self):
        # The token unlocks its own draft, and nothing it points to.
        story = StoryPage.objects.get(pk=self.draft_story.pk)
        story.cities.set([self.public, self.draft, self.login])
        story.hero_image = self.private_image
        result = data(
            self.client,
            "query($t: String!) { story(token: $t) { title cities { title } heroImage { title } } }",
            {"t": story.create_page_preview().token},
        )
        self.assertEqual(result["story"], {"title": "Draft story", "cities": [{"title": PUBLIC}], "heroImage": None})

    def test_a_preview_of_the_home_page_keeps_the_editors_order(self):
        # A preview's inline rows live in memory: only public cities, in the editor's order (not by title).
        another = CityPageFactory(parent=self.city_index, title="Another public city", slug="another")
        home = HomePage.objects.get(pk=self.home.pk)
        home.featured_cities = [HomePageFeaturedCity(city=city) for city in (self.draft, self.public, another)]
        result = data(
            self.client,
            "query($t: String!) { page(token: $t) { ... on HomePage { featuredCities { title } } } }",
            {"t": home.create_page_preview().token},
        )
        self.assertEqual(result["page"]["featuredCities"], [{"title": PUBLIC}, {"title": "Another public city"}])

    def test_streamfield_chooser_blocks(self):
        # grapple's PageChooserBlock returned drafts and restricted pages with all their fields.
        result = data(
            self.client,
            """{ city(slug: "public") { body {
                 ... on PageLinkBlock { page { title ... on CityPage { summary } } linkText }
                 ... on DocumentLinkBlock { document { title } linkText }
                 ... on CaptionedImageBlock { image { title } caption } } } }""",
        )
        blocks = result["city"]["body"][:7]
        self.assertEqual(
            blocks,
            [
                {"page": None, "linkText": "to a draft"},
                {"page": None, "linkText": "to a login page"},
                {"page": {"title": "Public story"}, "linkText": "to the story"},
                {"document": None, "linkText": "private"},
                {"document": {"title": "Public document"}, "linkText": "public"},
                {"image": None, "caption": "private"},
                {"image": {"title": "Public image"}, "caption": "public"},
            ],
        )

    def test_tree_fields(self):
        result = data(
            self.client,
            """{ home { children(perPage: 100) { title } descendants(perPage: 100) { title } }
                 city(slug: "public") { parent { title } ancestors { title } siblings(perPage: 100) { title }
                   nextSiblings(perPage: 100) { title } previousSiblings(perPage: 100) { title } } }""",
        )
        self.assert_no_private(result)
        self.assertEqual(result["city"]["parent"], {"title": "Partner cities"})
        self.assertEqual(titles(result["city"]["ancestors"]), ["Partner cities", "Sister Cities of Los Angeles"])
        self.assertEqual(result["city"]["siblings"], [])
        self.assertIn("Under a draft", titles(result["home"]["descendants"]))

    def test_parent_of_a_page_below_a_draft(self):
        # grapple's parent returned the unpublished parent.
        result = data(
            self.client,
            "query($id: ID) { page(id: $id) { title parent { title } ancestors { title } } }",
            {"id": self.orphan.pk},
        )
        self.assertEqual(result["page"]["title"], "Under a draft")
        self.assertIsNone(result["page"]["parent"])
        self.assertEqual(titles(result["page"]["ancestors"]), ["Sister Cities of Los Angeles"])

    def test_translations(self):
        result = data(self.client, '{ city(slug: "public") { locale translations { title } } }')
        self.assertEqual(result["city"], {"locale": "EN", "translations": []})
        self.assertIsNone(data(self.client, '{ city(slug: "public", locale: ES) { title } }')["city"])


class PrivateTraces:
    """What only the resolvers can hide: counts, messages, text, and objects the middleware does not screen."""

    def test_counts_include_only_public_pages(self):
        result = data(self.client, "{ cities(perPage: 100) { pagination { total totalPages } } }")
        self.assertEqual(result["cities"]["pagination"], {"total": 1, "totalPages": 1})

    def test_private_parents_and_collections_are_refused(self):
        messages = errors(
            self.client, "query($id: ID) { pages(parent: $id) { items { title } } }", {"id": self.members.pk}
        )
        self.assertEqual(messages, [f"No published page has the id {self.members.pk}."])

    def test_gallery_rows_of_private_pictures_are_left_out(self):
        result = data(self.client, '{ city(slug: "public") { galleryImages { caption image { title } } } }')
        self.assertEqual(
            result["city"]["galleryImages"],
            [
                {"caption": "first", "image": {"title": "Public image"}},
                {"caption": "last", "image": {"title": "Public image"}},
            ],
        )

    def test_a_preview_leaves_out_gallery_rows_with_private_pictures(self):
        # A draft's gallery rows live in memory, not in the table the saved rows are filtered in.
        city = self.public.specific.__class__.objects.get(pk=self.public.pk)
        city.gallery_images = [
            CityGalleryImage(image=image, caption=caption)
            for image, caption in [(self.private_image, "private draft"), (self.public_image, "public draft")]
        ]
        result = data(
            self.client,
            "query($t: String!) { city(token: $t) { galleryImages { caption image { title } } } }",
            {"t": city.create_page_preview().token},
        )
        self.assertEqual(
            result["city"]["galleryImages"], [{"caption": "public draft", "image": {"title": "Public image"}}]
        )

    def test_tags(self):
        result = data(self.client, "{ tags { name } }")
        self.assertEqual([tag["name"] for tag in result["tags"]], ["public-tag"])
        self.assertTrue(Tag.objects.filter(name="secret-tag").exists())

    def test_rich_text_links(self):
        # Wagtail expands a link to a draft page into the draft's URL, and a private image into its rendition.
        result = data(self.client, '{ city(slug: "public") { body { ... on RichTextBlock { value } } } }')
        html = result["city"]["body"][-1]["value"]
        self.assertIn("<a>a draft</a>", html)
        self.assertIn('<a href="/en/stories/public-story/">the story</a>', html)
        self.assertIn("<a>a private file</a>", html)
        self.assertNotIn("<img", html)
        self.assertNotIn("/cities/draft/", html)

    def test_raw_values_of_blocks(self):
        # grapple's rawValue serialised the chosen objects: a draft page's title, a private file's URL.
        result = data(self.client, '{ city(slug: "public") { body { rawValue } } }')
        raw = str(result)
        self.assert_no_private(result)
        self.assertNotIn(self.private_document.file.name, raw)
        self.assertNotIn(self.private_image.file.name, raw)
        self.assertIn('"page": %d' % self.story.pk, result["city"]["body"][2]["rawValue"])

    def test_no_field_exposes_drafts_or_editorial_data(self):
        for field in ("draftTitle", "hasUnpublishedChanges", "latestRevision", "owner", "lockedBy", "goLiveAt", "path"):
            messages = errors(self.client, '{ city(slug: "public") { %s } }' % field)
            self.assertEqual(messages, [f"Cannot query field '{field}' on type 'CityPage'."])


class VisibilityTests(PrivateObjects, PrivateTraces, PrivateSite):
    """Both layers, as the API runs."""


@pytest.mark.usefixtures("resolvers_alone")
class ResolversAloneTests(VisibilityTests):
    """Without VisibilityMiddleware: the resolvers alone hide everything."""


@pytest.mark.usefixtures("middleware_alone")
class MiddlewareAloneTests(PrivateObjects, PrivateSite):
    """Every resolver's check letting everything through: VisibilityMiddleware alone hides every private object."""


@pytest.mark.django_db
def test_bare_chooser_blocks_show_only_what_visitors_may_see(rf):
    """
    Our models put every chooser inside a StructBlock; a bare PageChooserBlock, ImageChooserBlock,
    DocumentChooserBlock or SnippetChooserBlock in a future stream goes through grapple's block
    types, whose resolvers cms.graphql.schema replaces. Called as graphene calls them.
    """
    from types import SimpleNamespace

    from grapple.registry import registry
    from wagtail.blocks import PageChooserBlock, StreamValue
    from wagtail.documents.blocks import DocumentChooserBlock
    from wagtail.images.blocks import ImageChooserBlock
    from wagtail.snippets.blocks import SnippetChooserBlock

    import cms.graphql.schema  # noqa: F401  (building the schema hardens grapple's block types)

    _, city_index, *_ = make_site()
    public, draft = CityPageFactory(parent=city_index), CityPageFactory(parent=city_index, live=False)
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    images = CustomImageFactory(), CustomImageFactory(collection=private)
    documents = wagtail_factories.DocumentFactory(), wagtail_factories.DocumentFactory(collection=private)
    committees = CommitteeFactory(), CommitteeFactory(live=False)
    info = SimpleNamespace(context=rf.get("/api/graphql/"))

    def child(block, value):  # a stream child, as grapple hands it to the block type's resolvers
        return StreamValue.StreamChild(block, value, id="x")

    for block, field, (shown, hidden) in [
        (PageChooserBlock(), "page", (public, draft)),
        (ImageChooserBlock(), "image", images),
        (DocumentChooserBlock(), "document", documents),
        (SnippetChooserBlock("cities.Committee"), "snippet", committees),
    ]:
        resolve = getattr(registry.streamfield_blocks[type(block)], f"resolve_{field}")
        assert resolve(child(block, shown), info) is not None, field
        assert resolve(child(block, hidden), info) is None, field
