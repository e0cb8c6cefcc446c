"""What search engines and social networks read: sitemap.xml, robots.txt, canonical URLs, meta tags, JSON-LD."""

import json
import xml.etree.ElementTree as ET

import pytest
from pytest_django.asserts import assertContains

from wagtail.models import Locale

from cities.factories import CityPageFactory, StoryPageFactory
from home.factories import CustomImageFactory, StandardPageFactory
from home.sitemaps import SiteSitemap
from tests.support.html import one, parse
from tests.support.site import fresh_site_settings, make_private
from tests.support.sitemaps import sitemap, sitemap_files

pytestmark = pytest.mark.django_db


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - the test server's own output


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client):
    """Every page URL of the sitemap, its index followed to each of its files."""
    return [loc.text for loc in sitemap(client).iter(f"{SITEMAP}loc")]


def json_ld(response):
    return json.loads(one(response, 'script[type="application/ld+json"]').string)["@graph"]


def of_type(graph, kind):
    return [item for item in graph if item["@type"] == kind]


# --- sitemap.xml and robots.txt ----------------------------------------------------------------


def test_sitemap_lists_live_public_pages_only(client, home_page, city_index, story_index):
    city = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    story = StoryPageFactory(parent=story_index, title="A story", slug="a-story")
    StoryPageFactory(parent=story_index, title="A draft", slug="a-draft", live=False)
    private = StoryPageFactory(parent=story_index, title="Private", slug="private-story")
    make_private(private, "login")
    section = StandardPageFactory(parent=home_page, title="Members", slug="members")
    StandardPageFactory(parent=section, title="Inside", slug="inside")
    make_private(section)

    urls = sitemap_urls(client)

    for page in (home_page, city_index, story_index, city, story):
        assert f"http://localhost{page.url}" in urls
    assert not [url for url in urls if "a-draft" in url or "private-story" in url or "members" in url]


def test_sitemap_includes_published_translations(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    translation = about.copy_for_translation(spanish, copy_parents=True)
    translation.save_revision().publish()
    translation.refresh_from_db()

    urls = sitemap_urls(client)

    assert f"http://localhost{translation.url}" in urls
    assert f"http://localhost{about.url}" in urls


def test_sitemap_is_an_index_of_sections_split_into_files(client, home_page, city_index, story_index, monkeypatch):
    monkeypatch.setattr(SiteSitemap, "limit", 2)  # so that three stories need two files
    cities = [CityPageFactory(parent=city_index, title=f"City {n}", slug=f"city-{n}") for n in range(2)]
    stories = [StoryPageFactory(parent=story_index, title=f"Story {n}", slug=f"story-{n}") for n in range(3)]

    files = dict(sitemap_files(client))

    base = "http://localhost/sitemap-"
    assert list(files) == [
        f"{base}pages.xml",
        f"{base}pages.xml?p=2",  # the home page and the two sections
        f"{base}cities.xml",
        f"{base}stories.xml",
        f"{base}stories.xml?p=2",
        f"{base}resources.xml",
    ]

    def listed(*addresses):
        return [loc.text for address in addresses for loc in files[address].iter(f"{SITEMAP}loc")]

    assert listed(f"{base}cities.xml") == [f"http://localhost{city.url}" for city in cities]
    assert sorted(listed(f"{base}stories.xml", f"{base}stories.xml?p=2")) == sorted(
        f"http://localhost{story.url}" for story in stories
    )
    assert sorted(listed(f"{base}pages.xml", f"{base}pages.xml?p=2")) == sorted(
        f"http://localhost{page.url}" for page in (home_page, city_index, story_index)
    )
    assert listed(f"{base}resources.xml") == []
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*/search/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /" not in lines


# --- Head: canonical, description, Open Graph, Twitter ------------------------------------------


def test_pages_have_open_graph_and_twitter_tags_with_the_hero_image(client, home_page, story_index):
    story = StoryPageFactory(
        parent=story_index,
        title="Taiko in Little Tokyo",
        intro="Drummers from Nagoya played.",
        hero_image=CustomImageFactory(alt_text="Drummers on a stage"),
    )

    response = client.get(story.url)

    head = parse(response).head
    assert head.find("link", rel="canonical")["href"] == f"http://localhost{story.url}"
    og = {meta["property"]: meta["content"] for meta in head.select("meta[property^='og:']")}
    assert og["og:title"] == "Taiko in Little Tokyo"
    assert og["og:description"] == "Drummers from Nagoya played."
    assert og["og:url"] == f"http://localhost{story.url}"
    assert og["og:type"] == "article"
    assert og["og:image"].startswith("http://localhost/") and ".fill-1200x630" in og["og:image"]
    assert og["og:image:alt"] == "Drummers on a stage"
    assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert head.find("meta", attrs={"name": "twitter:image"})["content"] == og["og:image"]


def test_pages_without_a_hero_share_the_home_pages_picture(client, home_page):
    home_page.hero_image = CustomImageFactory(alt_text="City Hall")
    home_page.save()
    about = StandardPageFactory(parent=home_page, title="About")

    assertContains(client.get(about.url), '<meta property="og:image:alt" content="City Hall">')


def test_suggestion_form_has_its_own_canonical_url(client, resource_index):
    response = client.get(resource_index.url + "suggest/")

    assertContains(response, '<link rel="canonical" href="http://localhost/en/resources/suggest/">')


# --- JSON-LD ---------------------------------------------------------------------------------------


def test_every_page_describes_the_organisation_from_the_site_settings(client, home_page):
    fresh_site_settings(
        site=home_page.get_site(),
        contact_email="hello@example.org",
        phone="+1 213-555-0100",
        address="200 N Spring St\nLos Angeles, CA 90012",
        instagram_url="https://www.instagram.com/example",
    )

    graph = json_ld(client.get(home_page.url))

    [organisation] = of_type(graph, "Organization")
    assert organisation["name"] == "Sister Cities of Los Angeles"
    assert organisation["email"] == "hello@example.org"
    assert organisation["telephone"] == "+1 213-555-0100"
    assert organisation["address"]["streetAddress"] == "200 N Spring St, Los Angeles, CA 90012"
    assert organisation["sameAs"] == ["https://www.instagram.com/example"]
    assert of_type(graph, "WebSite")[0]["url"] == f"http://localhost{home_page.url}"


def test_city_page_describes_the_city_as_a_place_with_coordinates(client, city_index):
    city = CityPageFactory(
        parent=city_index, title="Nagoya", latitude=35.18, longitude=136.91, official_website="https://nagoya.example"
    )

    graph = json_ld(client.get(city.url))

    [place] = of_type(graph, "City")
    assert place["name"] == "Nagoya"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 35.18, "longitude": 136.91}
    assert place["containedInPlace"] == {"@type": "Country", "name": "Japan", "identifier": "JP"}
    assert place["sameAs"] == ["https://nagoya.example"]
    [breadcrumbs] = of_type(graph, "BreadcrumbList")
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Sister Cities of Los Angeles",
        "Partner cities",
        "Nagoya",
    ]


def test_story_page_describes_the_story_as_an_article(client, story_index, city_index):
    nagoya = CityPageFactory(parent=city_index, title="Nagoya")
    story = StoryPageFactory(
        parent=story_index,
        title="Taiko in Little Tokyo",
        author="Program staff",
        cities=[nagoya],
        hero_image=CustomImageFactory(),
    )

    graph = json_ld(client.get(story.url))

    [article] = of_type(graph, "Article")
    assert article["headline"] == "Taiko in Little Tokyo"
    assert article["datePublished"] == story.date.isoformat()
    assert article["author"] == {"@type": "Person", "name": "Program staff"}
    assert article["about"][0]["name"] == "Nagoya"
    assert article["image"][0].startswith("http://localhost/")


def test_json_ld_cannot_be_broken_out_of_its_script(client, home_page):
    page = StandardPageFactory(parent=home_page, title="</script><script>alert(1)</script>")

    response = client.get(page.url)

    assert "</script><script>alert(1)" not in response.content.decode()
    graph = json_ld(response)
    assert of_type(graph, "BreadcrumbList")[0]["itemListElement"][-1]["name"] == page.title


# --- Footer from the site settings ----------------------------------------------------------------


def test_footer_shows_contact_details_and_social_links_from_the_site_settings(client, home_page):
    fresh_site_settings(
        site=home_page.get_site(),
        contact_email="hello@example.org",
        phone="+1 213-555-0100",
        address="200 N Spring St\nLos Angeles, CA 90012",
        facebook_url="https://www.facebook.com/example",
        youtube_url="https://www.youtube.com/@example",
    )

    response = client.get(home_page.url)

    assertContains(response, '<a href="mailto:hello@example.org">hello@example.org</a>', html=True)
    assertContains(response, '<a href="tel:+1213-555-0100">+1 213-555-0100</a>', html=True)
    assertContains(response, "200 N Spring St<br>Los Angeles, CA 90012")
    assertContains(response, '<a href="https://www.facebook.com/example" rel="me">')
    assertContains(response, "<span>YouTube</span>", html=True)
    assert "Instagram" not in response.content.decode()  # empty accounts are left out
