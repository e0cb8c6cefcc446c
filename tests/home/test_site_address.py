"""The site knows its own address: every absolute URL says SITE_URL, whatever Host a request came to.

Requests come in as ``127.0.0.1:8123`` (an allowed host, another port, plain HTTP) while the site
is configured as ``https://sistercities.example.org``: canonical and hreflang links, Open Graph,
JSON-LD, the sitemap, robots.txt, the feeds, the suggestion form and the API's image, rendition
and document URLs must all name the configured address. Also `manage.py configure_site`.
"""

import io
import re
import xml.etree.ElementTree as ET

import pytest
import wagtail_factories

from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.models import Locale, Site

from cities.factories import CityPageFactory, ResourcePageFactory, StoryPageFactory
from cms import site_address
from home.factories import CustomImageFactory
from tests.api.conftest import post
from tests.support.html import one, parse
from tests.support.processes import manage
from tests.support.sitemaps import sitemap_files

pytestmark = pytest.mark.django_db

SITE = "https://sistercities.example.org"
REQUEST = {"HTTP_HOST": "127.0.0.1:8123"}  # allowed by the test settings, but not the site's address
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
# Addresses that are not the site's but legitimately appear: vocabularies, namespaces, outside links.
OUTSIDE = (
    "https://schema.org",
    "http://www.sitemaps.org/",
    "http://www.w3.org/",
    "http://purl.org/dc/",
    "https://example.org/",
    "https://www.example.org/",  # factories' outside links
)
URL = re.compile(r"""https?://[^\s"'<>\\]+""")


@pytest.fixture
def configured(settings):
    """The site's address as an operator sets it: SITE_URL, and the release step's configure_site."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE
    call_command("configure_site", stdout=io.StringIO())
    return SITE


@pytest.fixture
def pages(home_page, city_index, story_index, resource_index):
    picture = CustomImageFactory()
    home_page.hero_image = picture
    home_page.save_revision().publish()
    nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya", hero_image=picture)
    story = StoryPageFactory(parent=story_index, title="Taiko", slug="taiko", hero_image=picture)
    story.cities.add(nagoya)
    story.save_revision().publish()
    ResourcePageFactory(
        parent=resource_index,
        title="Exchange guide",
        slug="exchange-guide",
        link_url="",
        document=wagtail_factories.DocumentFactory(title="Exchange guide"),
    )
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    translation = nagoya.copy_for_translation(spanish, copy_parents=True)
    translation.save_revision().publish()
    for ancestor in translation.get_ancestors().filter(depth__gte=2).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return {"home": home_page, "city": nagoya, "story": story, "stories": story_index, "resources": resource_index}


def ours(text):
    """Every absolute URL in a response that is not an outside address."""
    return [url for url in URL.findall(text) if not url.startswith(OUTSIDE)]


def assert_all_at_site(urls, expected_at_least=1):
    assert len(urls) >= expected_at_least, urls
    wrong = [url for url in urls if not url.startswith(f"{SITE}/")]
    assert wrong == []


def test_every_absolute_url_of_the_website_names_the_configured_address(client, configured, pages):
    city, story = pages["city"], pages["story"]
    seen = {}
    suggest = pages["resources"].url + "suggest/"
    for path in (pages["home"].url, city.url, story.url, suggest):
        response = client.get(path, **REQUEST)
        assert response.status_code == 200, path
        html = parse(response)
        head = {"canonical": one(html, 'link[rel="canonical"]')["href"]}
        if path != suggest:  # the form is no page of the tree: a canonical link only
            head["og:url"] = one(html, 'meta[property="og:url"]')["content"]
            head["og:image"] = one(html, 'meta[property="og:image"]')["content"]
            head["json-ld"] = ours(one(html, 'script[type="application/ld+json"]').string)
            head["hreflang"] = [link["href"] for link in html.select('link[rel="alternate"][hreflang]')]
        seen[path] = head
        assert_all_at_site(ours(response.content.decode()), expected_at_least=2)

    assert seen[city.url]["canonical"] == f"{SITE}{city.url}" == seen[city.url]["og:url"]
    assert set(seen[city.url]["hreflang"]) == {f"{SITE}/en/cities/nagoya/", f"{SITE}/es/cities/nagoya/"}
    assert f"{SITE}{city.url}#place" in seen[city.url]["json-ld"]
    assert f"{SITE}{story.url}" in seen[story.url]["json-ld"]
    assert f"{SITE}/en/search/" in " ".join(seen[pages["home"].url]["json-ld"])
    assert seen[story.url]["og:image"].startswith(f"{SITE}/") and ".fill-1200x630" in seen[story.url]["og:image"]
    assert seen[suggest]["canonical"] == f"{SITE}/en/resources/suggest/"


def test_pages_name_site_url_even_before_the_release_step_updated_the_site_record(client, settings, pages):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = SITE
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"

    html = parse(client.get(pages["city"].url, **REQUEST))

    assert one(html, 'link[rel="canonical"]')["href"] == f"{SITE}/en/cities/nagoya/"
    assert_all_at_site(ours(str(html)), expected_at_least=5)


def test_sitemap_robots_and_feeds_name_the_configured_address(client, configured, pages):
    robots = client.get("/robots.txt", **REQUEST).content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()

    files = sitemap_files(client, **REQUEST)
    index = [address for address, _ in files]
    locations = [loc.text for _, urlset in files for loc in urlset.iter(f"{SITEMAP}loc")]
    alternates = [link.get("href") for _, urlset in files for link in urlset.iter(f"{XHTML}link")]
    assert_all_at_site(index, expected_at_least=4)
    assert f"{SITE}{pages['city'].url}" in locations
    assert f"{SITE}/es/cities/nagoya/" in alternates
    assert_all_at_site(locations + alternates, expected_at_least=8)

    stories = pages["stories"].url
    rss = client.get(stories + "feeds/rss/", **REQUEST).content.decode()
    channel = ET.fromstring(rss).find("channel")  # noqa: S314 - our own output
    assert channel.findtext("link") == f"{SITE}{stories}"
    assert [item.findtext("link") for item in channel.findall("item")] == [f"{SITE}{pages['story'].url}"]
    assert_all_at_site(ours(rss), expected_at_least=3)
    atom = client.get(stories + "feeds/atom/", **REQUEST).content.decode()
    feed = ET.fromstring(atom)  # noqa: S314 - our own output
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE}{stories}feeds/atom/"
    assert_all_at_site(ours(atom), expected_at_least=3)
    city_feed = client.get(f"{stories}feeds/nagoya/rss/", **REQUEST).content.decode()
    assert_all_at_site(ours(city_feed), expected_at_least=3)


def test_api_media_urls_name_the_configured_address(client, configured, pages):
    query = """
    query Urls($slug: String) {
      city(slug: $slug) {
        url
        heroImage { url rendition(fill: "640x360", format: "webp") { url } srcSet(sizes: [320, 640]) }
      }
      resources(perPage: 10) { items { title document { url } } }
    }
    """
    status, body = post(client, query, {"slug": "nagoya"}, **REQUEST)

    assert status == 200 and "errors" not in body, body
    city = body["data"]["city"]
    assert city["url"] == "/en/cities/nagoya/"  # a page's path, for the partner site's own routes
    image = city["heroImage"]
    [document] = [item["document"] for item in body["data"]["resources"]["items"]]
    source_set = [entry.split(" ")[0] for entry in image["srcSet"].split(", ")]
    urls = [image["url"], image["rendition"]["url"], document["url"], *source_set]
    assert_all_at_site(urls, expected_at_least=5)
    assert document["url"].startswith(f"{SITE}/documents/")


# --- manage.py configure_site ----------------------------------------------------------------------


def test_configure_site_sets_the_default_sites_host_and_port_once(home_page, settings, capsys):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)

    settings.SITE_URL = "https://sistercities.example.org"
    call_command("configure_site")
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_url) == ("sistercities.example.org", 443, SITE)
    assert "now at https://sistercities.example.org" in capsys.readouterr().out

    call_command("configure_site")  # the next release: nothing to change
    assert "already at https://sistercities.example.org" in capsys.readouterr().out
    assert Site.objects.count() == 1

    settings.SITE_URL = "http://127.0.0.1:8000"  # what `make run` serves
    call_command("configure_site")
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000")
    assert site.root_page_id == home_page.pk


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sistercities.example.org", "needs http:// or https:// and a host name"),
        ("ftp://sistercities.example.org", "needs http:// or https:// and a host name"),
        ("https://sistercities.example.org/cms/", "no path"),
        ("https://sistercities.example.org:8443", "https on port 443 only"),
        ("http://sistercities.example.org:99999", "SITE_URL must be the site's address"),
        ("https://admin:secret@sistercities.example.org", "user name or password"),
    ],
)
def test_a_bad_site_url_is_refused_with_a_clear_message(home_page, settings, value, message):
    settings.SITE_URL = value
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("configure_site")
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


def test_site_url_is_normalised_and_is_wagtails_base_url():
    assert site_address.parse("HTTPS://SisterCities.Example.org/").url == SITE
    assert site_address.parse("http://127.0.0.1:80").url == "http://127.0.0.1"
    assert site_address.parse("http://[::1]:8000").url == "http://[::1]:8000"
    with override_settings(SITE_URL=SITE):
        assert site_address.absolute("/en/") == f"{SITE}/en/"
        assert site_address.absolute("https://cdn.example.net/x.jpg") == "https://cdn.example.net/x.jpg"


def test_settings_refuse_a_bad_site_url_at_startup():
    result = manage({"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "SITE_URL": "sistercities.example.org"}, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be the site's address" in result.stderr
    result = manage(
        {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "SITE_URL": "https://sistercities.example.org"},
        "shell",
        "--command",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
    )
    assert result.stdout.strip().splitlines()[-1] == SITE
