"""Stories: filters by year and tag (with city and kind), related stories, and the RSS and Atom feeds."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from cities.factories import CityPageFactory, ExchangeTypeFactory, StoryPageFactory
from tests.support.html import one, text, texts
from tests.support.site import make_private

pytestmark = pytest.mark.django_db


def parse_xml(content):
    return ET.fromstring(content)  # noqa: S314 - the test server's own output


ATOM = "{http://www.w3.org/2005/Atom}"


def listed_titles(response):
    return texts(response, "h3.card__title a[href]")


@pytest.fixture
def stories(story_index, city_index):
    """Stories over two years, two cities, two kinds and two tags; plus a draft and a private story."""
    nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    berlin = CityPageFactory(parent=city_index, title="Berlin", slug="berlin", country="DE")
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    business = ExchangeTypeFactory(name="Business", slug="business")
    taiko = StoryPageFactory(
        parent=story_index,
        title="Taiko in Little Tokyo",
        date=datetime.date(2024, 5, 4),
        cities=[nagoya],
        exchange_types=[cultural],
    )
    taiko.tags.add("music")
    taiko.save()
    mission = StoryPageFactory(
        parent=story_index,
        title="Nagoya trade mission",
        date=datetime.date(2023, 3, 1),
        cities=[nagoya],
        exchange_types=[business],
    )
    mission.tags.add("trade")
    mission.save()
    film = StoryPageFactory(
        parent=story_index,
        title="Berlin film week",
        date=datetime.date(2023, 9, 9),
        cities=[berlin],
        exchange_types=[cultural],
    )
    film.tags.add("music", "film")
    film.save()
    StoryPageFactory(
        parent=story_index, title="Unpublished story", live=False, cities=[nagoya], date=datetime.date(2022, 1, 1)
    )
    private = StoryPageFactory(
        parent=story_index, title="Members only story", cities=[nagoya], date=datetime.date(2021, 1, 1)
    )
    private.tags.add("secret-tag")
    private.save()
    make_private(private)
    return story_index


# --- Filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"year": "2023"}, ["Berlin film week", "Nagoya trade mission"]),
        ({"tag": "music"}, ["Taiko in Little Tokyo", "Berlin film week"]),
        ({"tag": "music", "year": "2023"}, ["Berlin film week"]),
        ({"city": "nagoya", "year": "2023"}, ["Nagoya trade mission"]),
        ({"city": "nagoya", "type": "cultural", "tag": "music", "year": "2024"}, ["Taiko in Little Tokyo"]),
        ({"year": "1900", "tag": "no-such-tag"}, ["Taiko in Little Tokyo", "Berlin film week", "Nagoya trade mission"]),
    ],
)
def test_story_filters_combine(client, stories, query, titles):
    response = client.get(stories.url, query)

    assert response.status_code == 200
    assert listed_titles(response) == titles


def test_year_and_tag_choices_come_from_visible_stories_only(client, stories):
    response = client.get(stories.url)

    assertContains(response, '<label for="filter-year">Year</label>', html=True)
    assertContains(response, '<option value="2024">2024</option>', html=True)
    assertContains(response, '<option value="2023">2023</option>', html=True)
    assertNotContains(response, '<option value="2022">')  # the draft's year
    assertNotContains(response, '<option value="2021">')  # the private story's year
    assertContains(response, '<option value="music">music</option>', html=True)
    assertNotContains(response, "secret-tag")


def test_chosen_filters_are_kept_in_the_form_and_can_be_removed_one_by_one(client, stories):
    response = client.get(stories.url, {"tag": "music", "year": "2023"})

    assertContains(response, '<option value="2023" selected>2023</option>', html=True)
    assertContains(response, '<option value="music" selected>music</option>', html=True)
    assertContains(response, "1 story matches these filters.")
    assertContains(response, '<a href="?tag=music">2023<span class="visually-hidden">')
    assertContains(response, '<a href="?year=2023">music<span class="visually-hidden">')


# --- Related stories -----------------------------------------------------------------------------


def test_story_page_shows_related_stories_about_the_same_city_first(client, stories):
    taiko = stories.get_children().get(title="Taiko in Little Tokyo").specific

    response = client.get(taiko.url)

    related = one(response, '[aria-labelledby="related-heading"]')
    # Same city first (the trade mission), then the same kind of exchange (the film week).
    assert texts(related, "h3.card__title a[href]") == ["Nagoya trade mission", "Berlin film week"]
    assert "Unpublished story" not in text(related)
    assert "Members only story" not in text(related)


def test_story_without_city_or_kind_has_no_related_section(client, story_index):
    story = StoryPageFactory(parent=story_index, title="A lonely story")
    StoryPageFactory(parent=story_index, title="Another story")

    assertNotContains(client.get(story.url), "Related stories")


# --- Feeds ---------------------------------------------------------------------------------------


def test_rss_feed_lists_live_public_stories_newest_first(client, stories):
    response = client.get(stories.url + "feeds/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Taiko in Little Tokyo", "Berlin film week", "Nagoya trade mission"]
    first = channel.find("item")
    assert first.findtext("link") == "http://localhost/en/stories/taiko-in-little-tokyo/"  # SITE_URL
    assert first.findtext("description") == "A sample story of an exchange."
    assert "Sat, 04 May 2024" in first.findtext("pubDate")
    assert {c.text for c in first.findall("category")} == {"Cultural", "music"}


def test_atom_feed_lists_the_same_stories(client, stories):
    response = client.get(stories.url + "feeds/atom/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Taiko in Little Tokyo", "Berlin film week", "Nagoya trade mission"]
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://localhost/en/stories/feeds/atom/"


def test_city_feed_lists_only_that_citys_live_public_stories(client, stories):
    rss = parse_xml(client.get(stories.url + "feeds/nagoya/rss/").content).find("channel")
    atom = parse_xml(client.get(stories.url + "feeds/nagoya/atom/").content)

    assert rss.findtext("title").startswith("Stories from Nagoya")
    assert rss.findtext("link") == "http://localhost/en/cities/nagoya/"
    assert [item.findtext("title") for item in rss.findall("item")] == ["Taiko in Little Tokyo", "Nagoya trade mission"]
    assert [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == [
        "Taiko in Little Tokyo",
        "Nagoya trade mission",
    ]


def test_feed_of_an_unknown_draft_or_private_city_is_not_found(client, stories, city_index):
    CityPageFactory(parent=city_index, title="Draft City", slug="draft-city", live=False)
    private = CityPageFactory(parent=city_index, title="Private City", slug="private-city")
    make_private(private)

    for slug in ("atlantis", "draft-city", "private-city"):
        assert client.get(stories.url + f"feeds/{slug}/rss/").status_code == 404


def test_feeds_are_linked_from_the_head(client, stories, city_index):
    index = client.get(stories.url)
    assertContains(
        index, '<link rel="alternate" type="application/rss+xml" title="Stories (RSS)" href="/en/stories/feeds/rss/">'
    )
    assertContains(
        index,
        '<link rel="alternate" type="application/atom+xml" title="Stories (Atom)" href="/en/stories/feeds/atom/">',
    )

    nagoya = city_index.get_children().get(slug="nagoya")
    city_page = client.get(nagoya.url)
    assertContains(city_page, 'title="Stories from Nagoya (RSS)" href="/en/stories/feeds/nagoya/rss/">')
    filtered = client.get(stories.url, {"city": "nagoya"})
    assertContains(filtered, 'href="/en/stories/feeds/nagoya/atom/"')
