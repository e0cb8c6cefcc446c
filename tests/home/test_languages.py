"""The site in its languages: switcher, the page-without-a-translation rule, hreflang, lang, sitemap, feeds.

Spanish pages are made here with ``copy_for_translation`` and published, as an editor would.
"""

import json
import xml.etree.ElementTree as ET

import pytest

from wagtail.models import Locale

from cities.factories import CityPageFactory, ResourcePageFactory, StoryPageFactory
from home.factories import StandardPageFactory
from tests.support.html import one, parse
from tests.support.sitemaps import sitemap

pytestmark = pytest.mark.django_db

HOST = "http://localhost"


def translate(page, **fields):
    """The page's Spanish version, with its parents', published (the parents too, as copied)."""
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    translation = page.copy_for_translation(spanish, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    for ancestor in translation.get_ancestors().filter(depth__gte=2).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


@pytest.fixture
def site(home_page, city_index, story_index, resource_index):
    """English pages of every type, all translated to Spanish but one story."""
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    city = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    story = StoryPageFactory(parent=story_index, title="Youth orchestra", slug="youth-orchestra")
    story.cities.add(city)
    story.save_revision().publish()
    lonely = StoryPageFactory(parent=story_index, title="English only", slug="english-only")
    resource = ResourcePageFactory(parent=resource_index, title="Travel guide", slug="travel-guide")
    english = [home_page, about, city_index, city, story_index, story, resource_index, resource]
    spanish = {}
    for page in english:
        spanish[page.pk] = translate(page, title=f"{page.title} (es)")
    spanish_city = spanish[city.pk]
    spanish_story = spanish[story.pk]
    spanish_story.cities.set([spanish_city])
    spanish_story.save_revision().publish()
    return {"english": english, "spanish": spanish, "lonely": lonely, "story": story, "city": city}


def switcher(response):
    return [
        (link["hreflang"], link["lang"], link.get_text(strip=True), link["href"], link.get("aria-current"))
        for link in one(response, "nav.language-switcher[aria-label]").select("a")
    ]


def head_links(response):
    html = parse(response)
    return (
        html.html["lang"],
        html.select_one('link[rel="canonical"]')["href"],
        {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')},
    )


def web_page(response):
    graph = json.loads(one(response, 'script[type="application/ld+json"]').string)["@graph"]
    return next(item for item in graph if item["@type"] == "WebPage")


def test_every_page_type_links_to_its_translation_in_both_languages(client, site):
    for page in site["english"]:
        translation = site["spanish"][page.pk]
        english_url, spanish_url = f"{HOST}{page.url}", f"{HOST}{translation.url}"
        assert translation.url.startswith("/es/")
        for shown, language in ((page, "en"), (translation, "es")):
            response = client.get(shown.url)
            assert response.status_code == 200, shown.url
            assert switcher(response) == [
                ("en", "en", "English", page.url, "page" if language == "en" else None),
                ("es", "es", "Español", translation.url, "page" if language == "es" else None),
            ]
            own = english_url if language == "en" else spanish_url
            assert head_links(response) == (
                language,
                own,
                {"en": english_url, "es": spanish_url, "x-default": english_url},
            )
            assert web_page(response)["inLanguage"] == language
            assert web_page(response)["url"] == own


def test_a_page_without_a_translation_links_to_the_nearest_translated_section(client, site):
    response = client.get(site["lonely"].url)

    spanish_index = site["spanish"][site["english"][4].pk]
    assert switcher(response)[1] == ("es", "es", "Español", spanish_index.url, None)
    # Its hreflang alternates name no Spanish page: the section is not its translation.
    assert head_links(response) == (
        "en",
        f"{HOST}{site['lonely'].url}",
        {"en": f"{HOST}{site['lonely'].url}", "x-default": f"{HOST}{site['lonely'].url}"},
    )


def test_a_page_without_a_spanish_version_is_not_found_under_es(client, site):
    assert client.get("/es/stories/english-only/").status_code == 404
    assert client.get(site["lonely"].url).status_code == 200


def test_without_a_spanish_home_page_es_never_serves_english_pages(client, story_index):
    story = StoryPageFactory(parent=story_index, title="English story", slug="english-story")

    assert client.get(story.url).status_code == 200
    for url in ("/es/", "/es/stories/", "/es/stories/english-story/", "/es/stories/feeds/rss/"):
        assert client.get(url).status_code == 404, url
    # Nothing to switch to: no switcher rather than a link to a missing page.
    assert not parse(client.get(story.url)).select("nav.language-switcher")


def test_the_search_page_switches_language_keeping_the_query(client, home_page):
    response = client.get("/es/search/", {"query": "intercambio"})

    assert parse(response).html["lang"] == "es"
    assert switcher(response) == [
        ("en", "en", "English", "/en/search/?query=intercambio", None),
        ("es", "es", "Español", "/es/search/?query=intercambio", "page"),
    ]


def test_a_routable_pages_sub_address_switches_to_the_same_sub_address(client, site):
    """The suggestion form under the resources page leads to the Spanish form, not to the section."""
    resources = next(page for page in site["english"] if page.specific_class.__name__ == "ResourceIndexPage")
    spanish = site["spanish"][resources.pk]
    links = {code: href for code, _, _, href, _ in switcher(client.get(f"{resources.url}suggest/"))}
    assert links == {"en": f"{resources.url}suggest/", "es": f"{spanish.url}suggest/"}
    assert client.get(links["es"]).status_code == 200
    # A story without a Spanish version still leads to the nearest section, with no sub-address.
    lonely = {code: href for code, _, _, href, _ in switcher(client.get(site["lonely"].url))}
    assert not lonely["es"].endswith("english-only/")


def test_sitemap_lists_both_languages_with_their_alternates(client, site):
    root = sitemap(client)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in root.findall("s:url", ns)
    }
    for page in site["english"]:
        english_url, spanish_url = f"{HOST}{page.url}", f"{HOST}{site['spanish'][page.pk].url}"
        expected = {"en": english_url, "es": spanish_url, "x-default": english_url}
        assert entries[english_url] == expected
        assert entries[spanish_url] == expected
    lonely = f"{HOST}{site['lonely'].url}"
    assert entries[lonely] == {"en": lonely, "x-default": lonely}


def feed_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - the test server's own output
    return channel.findtext("language"), [item.findtext("title") for item in channel.findall("item")]


def test_each_languages_feeds_carry_only_its_stories(client, site):
    language, titles = feed_items(client, "/en/stories/feeds/rss/")
    assert (language, sorted(titles)) == ("en", ["English only", "Youth orchestra"])
    assert feed_items(client, "/es/stories/feeds/rss/") == ("es", ["Youth orchestra (es)"])
    assert feed_items(client, "/es/stories/feeds/nagoya/rss/") == ("es", ["Youth orchestra (es)"])
    assert feed_items(client, "/en/stories/feeds/nagoya/rss/") == ("en", ["Youth orchestra"])


def test_a_city_feed_finds_translated_stories_still_pointing_to_the_original_city(client, site):
    spanish_story = site["spanish"][site["story"].pk]
    spanish_story.cities.set([site["city"]])  # as copied: the English city
    spanish_story.save_revision().publish()

    assert feed_items(client, "/es/stories/feeds/nagoya/rss/") == ("es", ["Youth orchestra (es)"])


def test_the_sites_name_is_in_the_pages_language(client, site):
    from django.utils import translation

    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(site_name="Sister Cities of Los Angeles")
    with translation.override("es"):
        spanish_name = translation.gettext("Sister Cities of Los Angeles")
    assert spanish_name != "Sister Cities of Los Angeles"  # the catalogue has it
    for language, name in [("en", "Sister Cities of Los Angeles"), ("es", spanish_name)]:
        home = next(
            page
            for page in [*site["english"], *site["spanish"].values()]
            if page.depth == 2 and page.locale.language_code == language
        )
        html = parse(client.get(home.url))
        assert html.select_one(".brand__name").get_text(strip=True) == name
        assert html.select_one('meta[property="og:site_name"]')["content"] == name
