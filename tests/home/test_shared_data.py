"""
The shared data (cms/response_cache.py ``shared``): what every page reads alike, kept in the cache
and dropped exactly when what it shows changes. Each test warms a piece through one page, changes
what it shows the way an editor does, then asks for a page the page cache has never kept: the
very next request shows the change (and a page that was kept is made again, too).
"""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taggit.models import Tag
from wagtail.models import PageViewRestriction, Site

from cities.factories import CityPageFactory, StoryPageFactory
from home.factories import StandardPageFactory
from home.models import SiteSettings
from tests.support.html import parse
from tests.support.site import make_site


@pytest.fixture(autouse=True)
def cold_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    home, city_index, story_index, resource_index = make_site()
    about = StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
    city = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    story = StoryPageFactory(parent=story_index, title="Students visit", slug="students-visit", cities=[city])
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return {"home": home, "about": about, "city": city, "story": story, "story_index": story_index}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response)


def warm(client, url):
    """The page made once (filling the shared data), then answered from the page cache."""
    get(client, url)
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    assert len(queries) == 0


def menu(html):
    return [link.get_text(strip=True) for link in html.select("header nav a")]


def test_a_menu_page_renamed_shows_in_the_next_menu(client, site):
    warm(client, "/en/cities/")
    site["about"].title = "About the program"
    site["about"].save_revision().publish()
    assert "About the program" in menu(get(client, "/en/resources/"))
    assert "About the program" in menu(get(client, "/en/cities/"))


def test_a_restricted_page_leaves_the_menu_and_asks_for_its_password_at_once(client, site):
    warm(client, "/en/about/")
    PageViewRestriction.objects.create(page=site["about"], restriction_type="password", password="secret")
    assert "About" not in menu(get(client, "/en/resources/"))
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "About" not in response.content.decode().split("<main", 1)[0]
    # And the restriction removed: the page is served again, in the menu again.
    PageViewRestriction.objects.all().delete()
    assert "About" in menu(get(client, "/en/stories/"))


def test_site_settings_show_on_the_next_page(client, site):
    warm(client, "/en/cities/")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "hello@example.org"
    settings.save()
    assert "hello@example.org" in get(client, "/en/resources/").get_text()
    assert "hello@example.org" in get(client, "/en/cities/").get_text()


def test_a_city_renamed_shows_in_the_story_filters(client, site):
    warm(client, "/en/stories/")
    site["city"].title = "Nagoya-shi"
    site["city"].save_revision().publish()
    options = [option.get_text() for option in get(client, "/en/stories/?page=1").select("#filter-city option")]
    assert "Nagoya-shi" in options


def test_a_new_tag_shows_in_the_story_filters(client, site):
    warm(client, "/en/stories/")
    story = site["story"]
    story.tags.add(Tag.objects.create(name="students", slug="students"))
    story.save_revision().publish()
    options = [option.get_text() for option in get(client, "/en/stories/?page=1").select("#filter-tag option")]
    assert "students" in options
    assert "students" in [option.get_text() for option in get(client, "/en/stories/").select("#filter-tag option")]


def test_an_unpublished_story_leaves_the_story_filters(client, site):
    story = StoryPageFactory(parent=site["story_index"], title="Old", slug="old", date="1990-05-01")
    warm(client, "/en/stories/")
    assert "1990" in [option.get_text() for option in get(client, "/en/stories/?page=1").select("#filter-year option")]
    story.unpublish()
    years = [option.get_text() for option in get(client, "/en/stories/?page=2").select("#filter-year option")]
    assert "1990" not in years
