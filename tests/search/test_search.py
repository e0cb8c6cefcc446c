"""Site search: finds published, public cities, stories and resources in the visitor's language, and nothing else."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from django.conf import settings

from wagtail.models import Locale

from cities.factories import CityPageFactory, ResourcePageFactory, StoryPageFactory
from tests.support.site import make_private

PER_PAGE = settings.SEARCH_RESULTS_PER_PAGE

pytestmark = pytest.mark.django_db

SEARCH_URL = "/en/search/"


def search(client, query, url=SEARCH_URL, **params):
    response = client.get(url, {"query": query, **params})
    assert response.status_code == 200
    return response


def result_titles(response):
    return [page.title for page in response.context["search_results"]]


def test_finds_a_city_by_a_word_in_its_summary(client, city_index):
    city = CityPageFactory(parent=city_index, title="Nagoya", summary="Famous for its castle and kishimen noodles.")
    CityPageFactory(parent=city_index, title="Berlin", summary="A city of museums.")

    response = search(client, "kishimen")

    assertTemplateUsed(response, "search/search.html")
    assert result_titles(response) == ["Nagoya"]
    assertContains(response, "1 result for “kishimen”")
    assertContains(response, f'<h3><a href="{city.url}">Nagoya</a></h3>', html=True)
    assertContains(response, '<p class="search-results__type">Partner city</p>', html=True)
    assertContains(response, "Famous for its castle and kishimen noodles.")


def test_finds_a_story_by_a_word_in_its_intro(client, story_index):
    StoryPageFactory(parent=story_index, title="Festival week", intro="Taiko drummers visited the harbour.")

    response = search(client, "taiko")

    assert result_titles(response) == ["Festival week"]
    assertContains(response, '<p class="search-results__type">Story</p>', html=True)
    assertContains(response, "Taiko drummers visited the harbour.")


def test_finds_a_resource_by_a_word_in_its_description(client, resource_index):
    ResourcePageFactory(parent=resource_index, title="Travel checklist", description="Passports, visas, omiyage.")

    response = search(client, "omiyage")

    assert result_titles(response) == ["Travel checklist"]
    assertContains(response, '<p class="search-results__type">Resource</p>', html=True)


def test_never_returns_drafts_or_private_pages(client, city_index, story_index, resource_index):
    CityPageFactory(parent=city_index, title="Published city", summary="Known for its zarzuela.")
    CityPageFactory(parent=city_index, title="Draft city", summary="Known for its zarzuela.", live=False)
    make_private(CityPageFactory(parent=city_index, title="Password city", summary="Known for its zarzuela."))
    make_private(StoryPageFactory(parent=story_index, title="Members story", intro="A zarzuela evening."), "login")
    StoryPageFactory(parent=story_index, title="Draft story", intro="A zarzuela evening.", live=False)
    make_private(ResourcePageFactory(parent=resource_index, title="Private guide", description="Zarzuela tickets."))

    response = search(client, "zarzuela")

    assert result_titles(response) == ["Published city"]
    for hidden in ("Draft city", "Password city", "Members story", "Draft story", "Private guide"):
        assertNotContains(response, hidden)


def test_never_returns_pages_below_a_private_section(client, story_index):
    StoryPageFactory(parent=story_index, title="Story in a private section", intro="About the gamelan orchestra.")
    make_private(story_index)

    assert result_titles(search(client, "gamelan")) == []


def test_never_returns_words_from_an_unpublished_draft_of_a_live_page(client, city_index):
    city = CityPageFactory(parent=city_index, title="Nagoya", summary="Famous for its castle.")
    city.summary = "Famous for its castle and its secret zeppelin plans."
    city.save_revision()

    assert result_titles(search(client, "zeppelin")) == []
    assert result_titles(search(client, "castle")) == ["Nagoya"]


def test_only_returns_pages_in_the_visitors_language(client, city_index):
    english = CityPageFactory(parent=city_index, title="Nagoya", summary="Famous for tebasaki wings.")
    spanish_locale, _ = Locale.objects.get_or_create(language_code="es")
    spanish = english.copy_for_translation(spanish_locale, copy_parents=True)
    spanish.title = "Nagoya (es)"
    spanish.save_revision().publish()

    assert result_titles(search(client, "tebasaki")) == ["Nagoya"]
    assert result_titles(search(client, "tebasaki", url="/es/search/")) == ["Nagoya (es)"]


def test_only_searches_cities_stories_and_resources(client, home_page):
    from home.factories import StandardPageFactory

    StandardPageFactory(parent=home_page, title="About", intro="The history of the okonomiyaki exchange.")

    assert result_titles(search(client, "okonomiyaki")) == []


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_shows_no_results(client, city_index, query):
    CityPageFactory(parent=city_index, title="Nagoya")

    response = search(client, query)

    assert list(response.context["search_results"]) == []
    assertContains(response, '<label for="search-query">Search cities, stories and resources</label>', html=True)
    assertNotContains(response, "search-results")
    assertNotContains(response, "Nothing matched")


def test_query_without_results_says_so(client, city_index):
    CityPageFactory(parent=city_index, title="Nagoya")

    response = search(client, "xylophonist")

    assert result_titles(response) == []
    assertContains(response, "0 results for “xylophonist”")
    assertContains(response, "Nothing matched “xylophonist”.")


def test_query_is_escaped_in_the_page(client, home_page):
    response = search(client, '<script>alert("x")</script>')

    assertNotContains(response, "<script>alert")
    assertContains(response, "&lt;script&gt;alert")


@pytest.fixture
def many_matches(city_index):
    for number in range(PER_PAGE + 1):
        CityPageFactory(parent=city_index, title=f"Harbour city {number:02}", summary="A city with a busy harbour.")
    return city_index


def test_results_are_paginated_keeping_the_query(client, many_matches):
    first = search(client, "harbour")

    assert len(result_titles(first)) == PER_PAGE
    assertContains(first, f"{PER_PAGE + 1} results for “harbour”")
    assertContains(first, '<a href="?query=harbour&amp;page=2" rel="next">Next page</a>', html=True)

    second = search(client, "harbour", page=2)

    assert len(result_titles(second)) == 1
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    assertContains(second, f'<ol class="search-results" start="{PER_PAGE + 1}">')
    assertContains(second, '<a href="?query=harbour&amp;page=1" rel="prev">Previous page</a>', html=True)


@pytest.mark.parametrize("page", ["abc", "0", "999"])
def test_invalid_page_numbers_show_a_page_of_results(client, many_matches, page):
    response = search(client, "harbour", page=page)

    assert result_titles(response)
    assert re.search(r"Page [12] of 2", response.content.decode())


@pytest.mark.parametrize(
    "query",
    ['"', '"castle', 'castle"s', "*", "(", "-", "'", "NEAR(", "castle OR", "AND", "c++", "a:b", "^", "%", "castle\x00"],
)
def test_punctuation_and_control_characters_never_break_the_search(client, city_index, query):
    CityPageFactory(parent=city_index, title="Nagoya", summary="Famous for its castle.")

    response = search(client, query)

    assert "\x00" not in response.context["search_query"]
    assert '"' not in response.context["search_query"]


def test_a_stray_quote_does_not_hide_the_words_around_it(client, city_index):
    CityPageFactory(parent=city_index, title="Nagoya", summary="Famous for its castle.")

    assert result_titles(search(client, 'castle"')) == ["Nagoya"]
