"""
The website shows exactly what the API shows.

One site holds every kind of hidden target next to a public one of the same family:

- media: an image and a document in a private (login) collection, in a child of it, and in a
  group-restricted collection;
- pages: drafts, pages scheduled for later, pages published but not yet due, pages past their
  expiry date, expired pages, pages behind a password, a login or a group, and pages below a
  login-restricted page; each as a partner city, a story and a menu section (with a live child).

A public story, a public city, the home page and the indexes point at all of them in every way
a page can: hero, sharing meta tags, JSON-LD, cards, gallery, stream blocks, rich text links and
embeds, related stories, the cities of a story, filters, breadcrumbs and menus. The same fixtures
are then walked through the pages (parsed as HTML), the feeds, the sitemap, search and the API,
and every (hidden target, place) pair is one test, next to the public target that must show there.
"""

import datetime
import itertools
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from cities.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    ExchangeTypeFactory,
    ResourcePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from cities.models import CityGalleryImage
from home.factories import CustomImageFactory, StandardPageFactory
from home.models import CustomRendition, HomePageFeaturedCity
from tests.api.conftest import ENDPOINT
from tests.support.site import make_private, make_site, private_collection, stream
from tests.support.sitemaps import sitemap_xml

# pytest-django sets up the test database only for tests marked so; the fixture below is module-wide.
pytestmark = [
    pytest.mark.django_db,
    # Feeds' item descriptions are HTML inside XML: read as HTML on purpose, for their text and links.
    pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning"),
]

NOW = timezone.now()
DAY = datetime.timedelta(days=1)
TODAY = datetime.date.today()
# A word in every city's summary and every story's intro, for search.
WORD = "zebrafish"

MEDIA_KINDS = ("private", "private_child", "group")
PAGE_KINDS = ("draft", "scheduled", "not_yet", "expiring", "expired", "password", "login", "group", "under_login")
# A page below a hidden page is visible only when the one above is hidden by its state, not by a restriction.
STATE_KINDS = ("draft", "scheduled", "not_yet", "expiring", "expired")
RESTRICTED = ("password", "login", "group")


# --- Building the site ---------------------------------------------------------


def restrict(page, kind, group):
    make_private(page, kind, groups=[group] if kind == "group" else ())


def hidden_page(factory, kind, parent, restricted_parent, group, **fields):
    """A page of the given hidden kind, made with the factory under ``parent``."""
    state = {
        "draft": {"live": False, "has_unpublished_changes": True},
        "scheduled": {"live": False, "go_live_at": NOW + 2 * DAY},
        "not_yet": {"go_live_at": NOW + 2 * DAY},
        "expiring": {"expire_at": NOW - DAY},
        "expired": {"live": False, "expired": True},
    }.get(kind, {})
    page = factory(parent=restricted_parent if kind == "under_login" else parent, **fields, **state)
    if kind in RESTRICTED:
        restrict(page, kind, group)
    return page


def build():
    home, city_index, story_index, resource_index = make_site()
    group = Group.objects.create(name="Committee members")
    # Sections behind a login, holding the "under_login" pages.
    members_cities = CityIndexPageFactory(parent=home, title="Members cities", slug="members-cities")
    members_stories = StoryIndexPageFactory(parent=home, title="Members stories", slug="members-stories")
    for section in (members_cities, members_stories):
        restrict(section, "login", group)

    # Media: one public image and document, one of each in every kind of private collection.
    private = private_collection("Private")
    group_only = private_collection("Committee only", "group", groups=[group])
    collections = {"private": private, "private_child": private.add_child(name="Private child"), "group": group_only}
    images = {"public": CustomImageFactory(title="Shown image", file__filename="shown-image.jpg")}
    documents = {"public": wagtail_factories.DocumentFactory(title="Shown document", file__filename="shown-doc.pdf")}
    for kind, collection in collections.items():
        images[kind] = CustomImageFactory(
            title=f"Hidden {kind} image", file__filename=f"hidden-{kind}-image.jpg", collection=collection
        )
        documents[kind] = wagtail_factories.DocumentFactory(
            title=f"Hidden {kind} document", file__filename=f"hidden-{kind}-doc.pdf", collection=collection
        )

    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    city = CityPageFactory(parent=city_index, title="Shown city", slug="shown-city", summary=f"A {WORD} city.")
    cities = {"public": city}
    stories = {}
    sections = {}
    children = {}
    for kind in PAGE_KINDS:
        cities[kind] = hidden_page(
            CityPageFactory,
            kind,
            city_index,
            members_cities,
            group,
            title=f"Hidden {kind} city",
            slug=f"hidden-{kind}-city",
            summary=f"A {WORD} city.",
        )
        stories[kind] = hidden_page(
            StoryPageFactory,
            kind,
            story_index,
            members_stories,
            group,
            title=f"Hidden {kind} story",
            slug=f"hidden-{kind}-story",
            intro=f"A {WORD} story.",
            date=TODAY,
            cities=[city],
            exchange_types=[cultural],
            hero_image=images["public"],
        )
        stories[kind].tags.add(f"hidden-{kind}")
        stories[kind].save()
        if kind != "under_login":
            sections[kind] = hidden_page(
                StandardPageFactory,
                kind,
                home,
                None,
                group,
                title=f"Hidden {kind} section",
                slug=f"hidden-{kind}-section",
                show_in_menus=True,
            )
        if kind in STATE_KINDS:
            children[kind] = StandardPageFactory(
                parent=sections[kind], title=f"Child of the {kind} section", slug=f"child-{kind}"
            )
    sections["public"] = StandardPageFactory(
        parent=home, title="Shown section", slug="shown-section", show_in_menus=True
    )
    children["public"] = StandardPageFactory(
        parent=sections["public"], title="Child of the shown section", slug="child"
    )

    # Stories that show each image as their hero; the public one is the newest visible story.
    hero_stories = {
        kind: StoryPageFactory(
            parent=story_index,
            title=f"Story with the {kind} hero",
            slug=f"{kind}-hero-story".replace("_", "-"),
            intro=f"A {WORD} story.",
            date=TODAY - (2 if kind == "public" else 3) * DAY,
            cities=[city],
            exchange_types=[cultural],
            hero_image=image,
        )
        for kind, image in images.items()
    }
    # The story that points at everything, hidden and public.
    body = []
    for kind, target in cities.items():
        body.append(("page_link", {"page": target.pk, "link_text": f"link words {kind}"}))
        body.append(("paragraph", f'<p><a linktype="page" id="{target.pk}">rich words {kind}</a>.</p>'))
    for kind in images:
        body.append(("image", {"image": images[kind].pk, "caption": f"caption {kind}"}))
        body.append(
            (
                "paragraph",
                f'<p>Embed {kind}</p><embed embedtype="image" format="fullwidth" id="{images[kind].pk}" alt="x"/>',
            )
        )
        body.append(("document_link", {"document": documents[kind].pk, "link_text": f"block words {kind}"}))
        body.append(("paragraph", f'<p><a linktype="document" id="{documents[kind].pk}">file words {kind}</a>.</p>'))
    story = StoryPageFactory(
        parent=story_index,
        title="Shown story",
        slug="shown-story",
        intro=f"A {WORD} story.",
        date=TODAY - DAY,
        cities=list(cities.values()),
        exchange_types=[cultural],
        hero_image=images["public"],
        body=stream(*body),
    )
    story.tags.add("shown")
    story.save()

    # The city's gallery holds every image; the home page features every city.
    for position, image in enumerate(images.values()):
        CityGalleryImage.objects.create(page=city, image=image, caption=f"Gallery {image.title}", sort_order=position)
    for position, target in enumerate(cities.values()):
        HomePageFeaturedCity.objects.create(page=home, city=target, sort_order=position)
    # A resource per document, each about the public city.
    resources = {}
    for kind, document in documents.items():
        resources[kind] = ResourcePageFactory(
            parent=resource_index,
            title=f"Resource with the {kind} document",
            slug=f"{kind}-resource".replace("_", "-"),
            link_url="",
            document=document,
        )
        resources[kind].cities.set([city])
        resources[kind].save()

    return SimpleNamespace(
        home=home,
        city_index=city_index,
        story_index=story_index,
        resource_index=resource_index,
        images=images,
        documents=documents,
        cities=cities,
        # The public story of the family: one that every list, feed and search shows.
        stories={**stories, "public": hero_stories["public"]},
        sections=sections,
        children=children,
        hero_stories=hero_stories,
        story=story,
        city=city,
        resources=resources,
    )


# --- Fetching everything once ------------------------------------------------------


def path_of(page):
    return page.get_url(None)


def api(client, query):
    response = client.post(ENDPOINT, data=json.dumps({"query": query}), content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


API_QUERIES = {
    "lists": """{
        stories(perPage: 100) { items { title url heroImage { title rendition(width: 640) { url } } } }
        cities(perPage: 100) { items { title url heroImage { title } } }
        resources(perPage: 100) { items { title url document { title url } } }
        pages(perPage: 100) { items { title url } }
    }""",
    "search": '{ search(search: "%s", perPage: 100) { items { title url } } }' % WORD,
    "story": """{ story(slug: "shown-story") {
        heroImage { title rendition(width: 640) { url } }
        cities { title url }
        body {
            ... on RichTextBlock { value }
            ... on CaptionedImageBlock { caption image { title rendition(width: 960) { url } } }
            ... on PageLinkBlock { linkText page { title url } }
            ... on DocumentLinkBlock { linkText document { title url } }
        }
    } }""",
    "city": """{ city(slug: "shown-city") {
        galleryImages { caption image { title rendition(fill: "400x400") { url } } }
        stories { title url }
        resources { title url document { title url } }
    } }""",
}


def fetch(site):
    client = Client()
    documents = {}

    def get(name, url, **params):
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)
        documents[name] = response.content.decode()

    index = path_of(site.story_index)
    get("home", path_of(site.home))
    get("story", path_of(site.story))
    get("city", path_of(site.city))
    get("story_index", index)
    get("city_index", path_of(site.city_index))
    get("resource_index", path_of(site.resource_index))
    for kind, page in site.hero_stories.items():
        get(f"hero_story:{kind}", path_of(page))
    for kind, page in site.resources.items():
        get(f"resource:{kind}", path_of(page))
    for kind, page in site.children.items():
        get(f"child:{kind}", path_of(page))
    get("search", "/en/search/", query=WORD)
    get("rss", index + "feeds/rss/")
    get("atom", index + "feeds/atom/")
    get("city_rss", index + "feeds/shown-city/rss/")
    get("city_atom", index + "feeds/shown-city/atom/")
    documents["sitemap"] = sitemap_xml(client)  # the index followed to each of its files
    for name, query in API_QUERIES.items():
        documents[f"api:{name}"] = json.dumps(api(client, query))

    # A tag of hidden stories only, a hidden city's slug and its feed answer like unknown ones.
    answers = {}
    for kind in PAGE_KINDS:
        for key, value in ((f"tag:{kind}", f"hidden-{kind}"), (f"city:{kind}", f"hidden-{kind}-city")):
            response = client.get(index, {key.split(":")[0]: value})
            answers[key] = (response.status_code, response.content.decode())
        response = client.get(index + f"feeds/hidden-{kind}-city/rss/")
        answers[f"feed:{kind}"] = (response.status_code, "")
    for key in ("tag", "city"):
        response = client.get(index, {key: "UNKNOWN"})
        answers[f"{key}:unknown"] = (response.status_code, response.content.decode())
    answers["feed:unknown"] = (client.get(index + "feeds/no-such-city/rss/").status_code, "")

    # Pages that are hidden by their state are not served at their address either.
    served = {}
    for kind, page in site.cities.items():
        response = client.get(path_of(page))
        served[kind] = (response.status_code, response.content.decode())

    # What the document view answers an anonymous visitor for each document.
    downloads = {}
    for kind, document in site.documents.items():
        response = client.get(document.url)
        downloads[kind] = (response.status_code, response.get("Location", ""))
        if response.streaming:  # read to the end, as the test client expects, so that it closes the file
            b"".join(response.streaming_content)
    renditions = {
        kind: list(CustomRendition.objects.filter(image=image).values_list("file", flat=True))
        for kind, image in site.images.items()
    }
    return documents, answers, served, downloads, renditions


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The fixtures, and every page, feed, sitemap, search and API answer about them, fetched once."""
    with django_db_blocker.unblock(), transaction.atomic():
        assert connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:", "test_")), (
            "not the test database"
        )
        cache.clear()
        site = build()
        site.raw, site.answers, site.served, site.downloads, site.renditions = fetch(site)
        site.urls = {
            family: {kind: path_of(page) for kind, page in pages.items()}
            for family, pages in (
                ("city", site.cities),
                ("story", site.stories),
                ("section", site.sections),
                ("child", site.children),
            )
        }
        site.document_urls = {kind: document.url for kind, document in site.documents.items()}
        site.home_path = path_of(site.home)
        cache.clear()
        transaction.set_rollback(True)
    site.html = {name: BeautifulSoup(text, "html.parser") for name, text in site.raw.items() if "<html" in text}
    site.looks = {}
    yield site


# --- Looking at one place of one document ------------------------------------------


def html_region(document, selector):
    def region(site):
        found = site.html[document].select(selector)
        assert found, f"{selector} is not on {document}"
        return found

    return region


def xml_region(document):
    def region(site):
        return [ET.fromstring(site.raw[document])]  # noqa: S314 - our own feed, parsed in a test

    return region


def text_region(document):
    def region(site):
        return [site.raw[document]]

    return region


def json_ld_region(document):
    def region(site):
        scripts = site.html[document].select('script[type="application/ld+json"]')
        return [json.dumps(json.loads(script.string)) for script in scripts]

    return region


def references(elements):
    """Every URL path an element (or its descendants) points to or shows, and all its text.

    Elements are parsed HTML, parsed XML, or text: JSON (API answers, JSON-LD) or HTML.
    """
    paths, texts = set(), []

    def add_urls(value):
        for candidate in value.split(","):  # a srcset holds several
            parts = candidate.split()
            if parts:
                paths.add(urlparse(parts[0]).path)
                texts.append(parts[0])

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            texts.append(value)
            if value.startswith(("/", "http")):
                add_urls(value)
            elif "<" in value:  # rich text
                elements.append(BeautifulSoup(value, "html.parser"))

    elements = list(elements)
    for element in elements:
        if isinstance(element, str):
            try:
                walk(json.loads(element))
                continue
            except ValueError:
                element = BeautifulSoup(element, "html.parser")
        if isinstance(element, ET.Element):
            for node in element.iter():
                texts.append(node.text or "")
                for value in node.attrib.values():
                    texts.append(value)
                    paths.add(urlparse(value).path)
                if node.text and node.text.strip().startswith("http"):
                    paths.add(urlparse(node.text.strip()).path)
            continue
        for node in [element, *element.find_all(True)]:
            for attribute in ("href", "src", "content", "srcset", "action", "value"):
                if node.get(attribute):
                    add_urls(node[attribute])
        texts.append(element.get_text(" "))
    return paths, " ".join(texts)


def look(site, region):
    """(elements, paths, text, words) of a region, worked out once per region."""
    if region not in site.looks:
        elements = region(site)
        paths, text = references(elements)
        site.looks[region] = (elements, paths, text, set(text.split()))
    return site.looks[region]


def linked_words(elements):
    """The words inside <a> elements."""
    return " ".join(
        link.get_text(" ") for element in elements if hasattr(element, "select") for link in element.select("a")
    )


# Where each family of hidden page can be shown: (name, family, kinds, region).
ALL = PAGE_KINDS
PAGE_PLACES = [
    ("story page: link block", "city", ALL, html_region("story", ".stream")),
    ("story page: rich text link", "city", ALL, html_region("story", ".stream .rich-text")),
    ("story page: its cities", "city", ALL, html_region("story", ".about-story")),
    ("story page: JSON-LD", "city", ALL, json_ld_region("story")),
    ("home: featured cities", "city", ALL, html_region("home", '[aria-labelledby="featured-cities-heading"]')),
    ("city index: map, timeline, table", "city", ALL, html_region("city_index", "main")),
    ("story index: city filter", "city", ALL, html_region("story_index", "#filter-city")),
    ("search results", "city", ALL, html_region("search", ".search-results")),
    ("sitemap", "city", ALL, xml_region("sitemap")),
    ("API: lists", "city", ALL, text_region("api:lists")),
    ("API: search", "city", ALL, text_region("api:search")),
    ("API: story", "city", ALL, text_region("api:story")),
    ("home: latest stories", "story", ALL, html_region("home", '[aria-labelledby="latest-stories-heading"]')),
    ("story page: related stories", "story", ALL, html_region("story", '[aria-labelledby="related-heading"]')),
    ("city page: its stories", "story", ALL, html_region("city", '[aria-labelledby="stories-heading"]')),
    ("story index: list", "story", ALL, html_region("story_index", ".card-list")),
    ("story index: tag filter", "story", ALL, html_region("story_index", "#filter-tag")),
    ("search results", "story", ALL, html_region("search", ".search-results")),
    ("RSS feed", "story", ALL, xml_region("rss")),
    ("Atom feed", "story", ALL, xml_region("atom")),
    ("city's RSS feed", "story", ALL, xml_region("city_rss")),
    ("city's Atom feed", "story", ALL, xml_region("city_atom")),
    ("sitemap", "story", ALL, xml_region("sitemap")),
    ("API: lists", "story", ALL, text_region("api:lists")),
    ("API: search", "story", ALL, text_region("api:search")),
    ("API: city", "story", ALL, text_region("api:city")),
    ("header menu", "section", ALL[:-1], html_region("home", ".site-nav")),
    ("footer menu", "section", ALL[:-1], html_region("home", ".site-footer__nav")),
    ("sitemap", "section", ALL[:-1], xml_region("sitemap")),
    ("API: lists", "section", ALL[:-1], text_region("api:lists")),
]
# Pages whose words are the editor's, in the linking page: kept as words, never as a link.
KEEP_WORDS = {"story page: link block": "link words {kind}", "story page: rich text link": "rich words {kind}"}
# Filters list slugs, not addresses.
NO_CONTROL = {"story index: city filter", "story index: tag filter"}

PAGE_COMBINATIONS = [
    pytest.param(name, family, kind, region, id=f"{family}:{kind}@{name}")
    for name, family, kinds, region in PAGE_PLACES
    for kind in kinds
]


@pytest.mark.parametrize(("place", "family", "kind", "region"), PAGE_COMBINATIONS)
def test_a_hidden_page_is_never_linked_nor_named(site, place, family, kind, region):
    elements, paths, text, words = look(site, region)
    hidden = site.urls[family][kind]
    hidden_title = {"city": "Hidden {} city", "story": "Hidden {} story", "section": "Hidden {} section"}[family]
    assert hidden not in paths, f"{place} links to the {kind} {family}"
    assert hidden_title.format(kind) not in text, f"{place} names the {kind} {family}"
    if family != "section":  # a visible child's address starts with its hidden section's slug
        assert f"hidden-{kind}-{family}" not in text, f"{place} shows the {kind} {family}'s slug"
    assert f"hidden-{kind}" not in words, f"{place} shows the {kind} story's tag"
    if place not in NO_CONTROL:
        assert site.urls[family]["public"] in paths, f"{place} does not link to the public {family}"
    if place in KEEP_WORDS:
        words = KEEP_WORDS[place].format(kind=kind)
        assert words in text, f"{place} lost the words of the link to the {kind} {family}"
        assert words not in linked_words(elements), f"{place} keeps a link to the {kind} {family}"
        assert KEEP_WORDS[place].format(kind="public") in linked_words(elements)


@pytest.mark.parametrize("kind", STATE_KINDS)
def test_breadcrumbs_leave_out_a_hidden_section(site, kind):
    paths, text = references(html_region(f"child:{kind}", ".breadcrumbs")(site))
    assert site.urls["section"][kind] not in paths
    assert f"Hidden {kind} section" not in text
    assert site.home_path in paths
    public_paths, _ = references(html_region("child:public", ".breadcrumbs")(site))
    assert site.urls["section"]["public"] in public_paths
    # The same trail in the JSON-LD.
    paths, text = references(json_ld_region(f"child:{kind}")(site))
    assert f"Hidden {kind} section" not in text


# Where each image can be shown: (name, region for a kind of image, or None when the place shows all kinds).
def hero_region(selector):
    def by_kind(kind):
        return html_region(f"hero_story:{kind}", selector)

    return by_kind


def one_region(region):
    return lambda kind: region


IMAGE_PLACES = [
    ("hero", hero_region("main")),
    ("Open Graph and Twitter", hero_region('meta[property^="og:image"], meta[name^="twitter:"]')),
    ("JSON-LD", lambda kind: json_ld_region(f"hero_story:{kind}")),
    ("story index cards", one_region(html_region("story_index", ".card-list"))),
    ("home: latest stories", one_region(html_region("home", '[aria-labelledby="latest-stories-heading"]'))),
    ("city page: its stories", one_region(html_region("city", '[aria-labelledby="stories-heading"]'))),
    ("story page: related stories", one_region(html_region("story", '[aria-labelledby="related-heading"]'))),
    ("city gallery", one_region(html_region("city", '[aria-labelledby="gallery-heading"]'))),
    ("image block", one_region(html_region("story", ".stream .block-image"))),
    ("rich text embed", one_region(html_region("story", ".stream .rich-text"))),
    ("story page: everything", one_region(text_region("story"))),
    ("RSS feed", one_region(text_region("rss"))),
    ("API: lists", one_region(text_region("api:lists"))),
    ("API: story", one_region(text_region("api:story"))),
    ("API: city", one_region(text_region("api:city"))),
]
# Places that show only one image: the public control is looked for on the public hero story's page.
PER_KIND_IMAGE_PLACES = {"hero", "Open Graph and Twitter", "JSON-LD"}
NO_IMAGE_CONTROL = {"RSS feed"}


@pytest.mark.parametrize(
    ("place", "kind", "region"),
    [
        pytest.param(name, kind, by_kind, id=f"{kind}@{name}")
        for (name, by_kind), kind in itertools.product(IMAGE_PLACES, MEDIA_KINDS)
    ],
)
def test_a_private_image_is_never_shown(site, place, kind, region):
    _, _, text, _ = look(site, region(kind))
    assert f"hidden-{kind}-image" not in text, f"{place} shows the {kind} image"
    assert f"Hidden {kind} image" not in text
    if place not in NO_IMAGE_CONTROL:
        control = look(site, region("public"))[2] if place in PER_KIND_IMAGE_PLACES else text
        assert "shown-image" in control, f"{place} does not show the public image"


DOCUMENT_PLACES = [
    ("document block", html_region("story", ".stream"), "block words {kind}", False),
    ("rich text link", html_region("story", ".stream .rich-text"), "file words {kind}", True),
    ("resource index", html_region("resource_index", "main"), None, None),
    ("city page: its resources", html_region("city", '[aria-labelledby="resources-heading"]'), None, None),
    ("API: lists", text_region("api:lists"), None, None),
    ("API: story", text_region("api:story"), None, None),
    ("API: city", text_region("api:city"), None, None),
]


@pytest.mark.parametrize(
    ("place", "kind", "region", "words", "keep"),
    [
        pytest.param(name, kind, region, words, keep, id=f"{kind}@{name}")
        for (name, region, words, keep), kind in itertools.product(DOCUMENT_PLACES, MEDIA_KINDS)
    ],
)
def test_a_private_document_is_never_linked(site, place, kind, region, words, keep):
    elements, paths, text, _ = look(site, region)
    assert site.document_urls[kind] not in paths, f"{place} links to the {kind} document"
    assert f"hidden-{kind}-doc" not in text
    assert f"Hidden {kind} document" not in text
    assert site.document_urls["public"] in paths, f"{place} does not link to the public document"
    if words:
        words = words.format(kind=kind)
        assert (words in text) is keep, f"{place}: the words of the {kind} document's link"
        assert words not in linked_words(elements)


@pytest.mark.parametrize("kind", MEDIA_KINDS)
def test_a_resource_with_a_private_document_has_no_download(site, kind):
    paths, text = references(html_region(f"resource:{kind}", "main")(site))
    assert site.document_urls[kind] not in paths
    assert f"Hidden {kind} document" not in text
    assert f"hidden-{kind}-doc" not in text
    public_paths, _ = references(html_region("resource:public", "main")(site))
    assert site.document_urls["public"] in public_paths


def everything(site):
    """Every page, feed, sitemap and API answer fetched, as one text."""
    return "\n".join(site.raw.values())


@pytest.mark.parametrize("kind", MEDIA_KINDS)
def test_no_rendition_of_a_private_image_is_ever_made(site, kind):
    assert site.renditions[kind] == [], f"renditions of the {kind} image were made: {site.renditions[kind]}"
    assert site.renditions["public"], "the public image was never shown"
    assert f"hidden-{kind}-image" not in everything(site)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_hidden_page_appears_anywhere(site, kind):
    for name, raw in site.raw.items():
        if name not in site.looks:
            site.looks[name] = references(xml_region(name)(site) if raw.startswith("<?xml") else [raw])
        paths, text = site.looks[name]
        for family in ("city", "story", "section"):
            if kind in site.urls[family]:
                assert site.urls[family][kind] not in paths, f"{name} links to the {kind} {family}"
                assert f"Hidden {kind} {family}" not in text, f"{name} names the {kind} {family}"


@pytest.mark.parametrize("kind", MEDIA_KINDS)
def test_the_document_view_refuses_a_private_document(site, kind):
    status, location = site.downloads[kind]
    assert status in (302, 403), status
    if status == 302:
        assert "/login/" in location
    assert site.downloads["public"][0] == 200


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("parameter", ["tag", "city", "feed"])
def test_a_hidden_value_answers_like_an_unknown_one(site, kind, parameter):
    def normalised(answer):
        status, text = answer
        soup = BeautifulSoup(text, "html.parser")
        for element in soup.select("[nonce]"):  # a new CSP nonce on every response
            del element["nonce"]
        return status, str(soup)

    assert normalised(site.answers[f"{parameter}:{kind}"]) == normalised(site.answers[f"{parameter}:unknown"])


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_a_hidden_city_is_not_served(site, kind):
    status, content = site.served[kind]
    if kind in STATE_KINDS:
        assert status == 404
    else:  # Wagtail's password form or login redirect, without the city
        assert status in (200, 302), status
        assert f"Hidden {kind} city" not in content
        assert "zebrafish" not in content
    assert site.served["public"][0] == 200


def test_the_site_lists_what_the_api_lists(site):
    """The same stories, cities and pages, whichever way they are asked for."""
    lists = json.loads(site.raw["api:lists"])
    api_stories = {item["url"] for item in lists["stories"]["items"]}
    site_stories = {
        urlparse(link["href"]).path for link in site.html["story_index"].select(".card-list .card__title a")
    }
    assert api_stories == site_stories
    api_cities = {item["url"] for item in lists["cities"]["items"]}
    site_cities = {urlparse(link["href"]).path for link in site.html["city_index"].select(".city-table tbody a")}
    assert api_cities == site_cities
    sitemap = ET.fromstring(site.raw["sitemap"])  # noqa: S314 - our own sitemap, parsed in a test
    site_pages = {urlparse(loc.text).path for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {item["url"] for item in lists["pages"]["items"]} == site_pages
    api_found = {item["url"] for item in json.loads(site.raw["api:search"])["search"]["items"] if item}
    site_found = {urlparse(link["href"]).path for link in site.html["search"].select(".search-results h3 a")}
    assert api_found == site_found
