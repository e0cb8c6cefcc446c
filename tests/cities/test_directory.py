"""The city directory's map, timeline and filters, and the city page's map and partnership age."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from cities.factories import CityPageFactory
from cities.models import CityPage, Region, Relationship
from tests.support.html import one, parse, text, texts
from tests.support.site import make_private

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(city_index):
    """Two Asian sister cities, a European sister city, a European friendship city; a draft and a private one."""
    CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya", region=Region.ASIA, year_established=1959)
    CityPageFactory(
        parent=city_index, title="Busan", slug="busan", country="KR", region=Region.ASIA, year_established=1967
    )
    CityPageFactory(
        parent=city_index,
        title="Berlin",
        slug="berlin",
        country="DE",
        region=Region.EUROPE,
        year_established=1967,
        latitude=52.52,
        longitude=13.40,
    )
    CityPageFactory(
        parent=city_index,
        title="London",
        slug="london",
        country="GB",
        region=Region.EUROPE,
        relationship=Relationship.FRIENDSHIP_CITY,
        year_established=2009,
        latitude=51.51,
        longitude=-0.13,
    )
    CityPageFactory(parent=city_index, title="Draft City", live=False)
    private = CityPageFactory(parent=city_index, title="Private City")
    make_private(private)
    return city_index


def markers(response):
    """(shape, accessible name) of each map marker, in order."""
    return [
        (
            next(name.removeprefix("marker--") for name in link["class"] if name.startswith("marker--")),
            link["aria-label"],
        )
        for link in parse(response).select("a.marker[href][aria-label]")
    ]


def rows(response):
    return texts(response, 'th[scope="row"] a[href]')


def test_map_has_one_linked_marker_per_visible_city_with_an_accessible_name(client, directory):
    response = client.get(directory.url)

    found = markers(response)
    assert len(found) == 4
    assert ("circle", "Nagoya, Japan: sister city since 1959") in found
    assert ("diamond", "London, United Kingdom: friendship city since 2009") in found
    for page in CityPage.objects.live().public():
        assertContains(response, f'href="{page.url}" aria-label="', count=1)
    assertNotContains(response, "Draft City")
    assertNotContains(response, "Private City")


def test_map_is_described_and_has_a_legend(client, directory):
    response = client.get(directory.url)

    assertContains(response, 'role="group" aria-labelledby="map-heading" aria-describedby="map-desc"')
    assertContains(response, "/static/build/map/world.svg")
    assertContains(response, "Sister cities (3)")
    assertContains(response, "Friendship city (1)")
    assertContains(response, "Each marker is a link to the city's page.")


def test_timeline_lists_cities_by_year_and_is_described(client, directory, monkeypatch):
    monkeypatch.setattr("home.clock.today", lambda: datetime.date(2031, 6, 1))
    response = client.get(directory.url)

    assert one(response, "ol.timeline")["aria-describedby"] == "timeline-desc"
    assertContains(response, 'id="timeline-desc"')
    timeline = text(one(response, "ol.timeline"))
    for earlier, later in [("1950s", "1960s"), ("Nagoya", "Berlin"), ("Berlin", "Busan"), ("Busan", "London")]:
        assert timeline.index(earlier) < timeline.index(later)
    assert timeline.index("2020s") < timeline.index("2030s") < timeline.index("Today (2031)")
    assertContains(response, '<span class="visually-hidden">(friendship city)</span>', html=True)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({}, ["Nagoya", "Berlin", "Busan", "London"]),
        ({"region": "europe"}, ["Berlin", "London"]),
        ({"relationship": "friendship_city"}, ["London"]),
        ({"region": "europe", "relationship": "sister_city"}, ["Berlin"]),
        ({"region": "asia", "sort": "name"}, ["Busan", "Nagoya"]),
        ({"region": "atlantis", "relationship": "enemy"}, ["Nagoya", "Berlin", "Busan", "London"]),
    ],
)
def test_filters_apply_to_the_map_the_timeline_and_the_table(client, directory, query, names):
    response = client.get(directory.url, query)

    assert response.status_code == 200
    assert rows(response) == names
    assert sorted(name.split(",")[0] for _shape, name in markers(response)) == sorted(names)
    assert sorted(texts(response, "ol.timeline .timeline__city a[href]")) == sorted(names)


def test_filter_form_keeps_the_choices_and_counts_what_it_shows(client, directory):
    response = client.get(directory.url, {"region": "europe"})

    assertContains(response, '<label for="filter-region">Region</label>', html=True)
    assertContains(response, '<option value="europe" selected>Europe</option>', html=True)
    assertContains(response, "Showing 2 of 4 partner cities.")
    assertContains(response, f'<a href="{directory.url}">Clear filters</a>', html=True)


def test_sort_links_keep_the_filters(client, directory):
    response = client.get(directory.url, {"region": "europe"})

    assertContains(response, '<a href="?region=europe&amp;sort=-year">')
    assertContains(response, '<a href="?region=europe&amp;sort=name">')


def test_filters_that_match_nothing_say_so(client, directory):
    response = client.get(directory.url, {"region": "oceania"})

    assert rows(response) == []
    assertContains(response, "No partner cities match these filters.")
    assertContains(response, f'<a href="{directory.url}">Show all partner cities</a>', html=True)


# --- City page: locator map and partnership age -------------------------------------------------


def test_city_page_has_a_locator_map_centred_on_the_city(client, city_index):
    city = CityPageFactory(parent=city_index, title="Salvador", country="BR", latitude=-12.97, longitude=-38.48)

    response = client.get(city.url)

    content = response.content.decode()
    assert '<figure class="locator" aria-labelledby="locator-caption">' in content
    assert 'class="world-map world-map--small world-map--decorative" viewBox="245.6 211.1 300 180"' in content
    assertContains(response, "Salvador on the world map, in Brazil")


@pytest.mark.parametrize(
    ("year_established", "age", "anniversary"),
    [(1959, 65, "65th anniversary"), (1960, 64, None), (1974, 50, "50th anniversary"), (2024, 0, None)],
)
def test_city_page_shows_the_partnerships_age_and_marks_round_anniversaries(
    client, city_index, monkeypatch, year_established, age, anniversary
):
    monkeypatch.setattr("home.clock.today", lambda: datetime.date(2024, 6, 1))
    city = CityPageFactory(parent=city_index, year_established=year_established, agreement_date=None)

    response = client.get(city.url)

    if age:
        assertContains(response, f"{age} years in 2024")
    else:
        assertNotContains(response, "years in 2024")
    if anniversary:
        assertContains(response, f'<span class="anniversary-badge">{anniversary}</span>', html=True)
    else:
        assertNotContains(response, "anniversary-badge")


def test_anniversaries_come_every_five_years():
    city = CityPage(year_established=1959)

    assert [year for year in range(2000, 2030) if city.anniversary(year)] == [2004, 2009, 2014, 2019, 2024, 2029]
    assert CityPage(year_established=None).anniversary(2024) is None
