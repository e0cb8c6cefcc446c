"""What visitors see on the city, story and resource pages and their indexes."""

import datetime

import pytest
import wagtail_factories
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from cities.factories import (
    CityPageFactory,
    CommitteeFactory,
    ExchangeTypeFactory,
    ResourceCategoryFactory,
    ResourcePageFactory,
    StoryPageFactory,
)
from cities.models import CityGalleryImage, CitySource, Relationship, Status, StoryIndexPage
from home.factories import CustomImageFactory
from tests.support.html import parse, texts
from tests.support.site import make_private

pytestmark = pytest.mark.django_db


def hidden_pages(factory, parent, **kwargs):
    """A draft, a password-protected and a login-only page: none may be shown to visitors."""
    draft = factory(parent=parent, title="Draft page", live=False, **kwargs)
    password = factory(parent=parent, title="Password page", **kwargs)
    make_private(password)
    login = factory(parent=parent, title="Login page", **kwargs)
    make_private(login, "login")
    return [draft, password, login]


def assert_hidden(response, pages):
    for page in pages:
        assertNotContains(response, page.title)


def row_names(response):
    """City names in the order the table's rows show them."""
    return texts(response, 'th[scope="row"] a[href]')


def sorted_columns(response):
    """(aria-sort, column name) of each column header that says it is sorted."""
    return [
        (th["aria-sort"], next(th.a.stripped_strings)) for th in parse(response).select('th[scope="col"][aria-sort]')
    ]


def listed_titles(response):
    """Titles of the cards in a list, in order."""
    return texts(response, "h3.card__title a[href]")


# --- City index ------------------------------------------------------------


def test_city_index_table_lists_published_public_cities(client, city_index):
    city_index.intro = "Los Angeles has partners on six continents."
    city_index.save()
    nagoya = CityPageFactory(
        parent=city_index,
        title="Nagoya",
        country="JP",
        relationship=Relationship.SISTER_CITY,
        year_established=1959,
    )
    CityPageFactory(
        parent=city_index,
        title="Athens",
        country="GR",
        region="europe",
        relationship=Relationship.FRIENDSHIP_CITY,
        status=Status.SUSPENDED,
        year_established=None,
    )
    hidden = hidden_pages(CityPageFactory, city_index)

    response = client.get(city_index.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "cities/city_index_page.html")
    assertContains(response, "Los Angeles has partners on six continents.")
    assertContains(response, "<caption")
    assertContains(response, '<th scope="col">Country</th>', html=True)
    assertContains(response, f'<th scope="row"><a href="{nagoya.url}">Nagoya</a></th>', html=True)
    flag = '<img class="flag" src="/static/build/flags/jp.svg" alt="" width="20" height="15">'
    assertContains(response, f"<td>{flag} Japan</td>", html=True)
    assertContains(response, "<td>Asia</td>", html=True)
    assertContains(response, "Friendship city")
    assertContains(response, "(suspended)")
    assertContains(response, "Not known")
    assert_hidden(response, hidden)


@pytest.fixture
def cities_by_year(city_index):
    """Names in alphabetical order differ from the order of years; one city has no known year."""
    for title, year in [("Berlin", 1967), ("Athens", 1984), ("Nagoya", 1959), ("Zapopan", None), ("Eilat", 1959)]:
        CityPageFactory(parent=city_index, title=title, year_established=year)
    return city_index


@pytest.mark.parametrize(
    ("query", "names", "sorted_header"),
    [
        ("", ["Eilat", "Nagoya", "Berlin", "Athens", "Zapopan"], "Year established"),
        ("?sort=year", ["Eilat", "Nagoya", "Berlin", "Athens", "Zapopan"], "Year established"),
        ("?sort=-year", ["Athens", "Berlin", "Eilat", "Nagoya", "Zapopan"], "Year established"),
        ("?sort=name", ["Athens", "Berlin", "Eilat", "Nagoya", "Zapopan"], "City"),
        ("?sort=-name", ["Zapopan", "Nagoya", "Eilat", "Berlin", "Athens"], "City"),
        ("?sort=nonsense", ["Eilat", "Nagoya", "Berlin", "Athens", "Zapopan"], "Year established"),
    ],
)
def test_city_index_sorts_by_year_and_name(client, cities_by_year, query, names, sorted_header):
    response = client.get(cities_by_year.url + query)

    assert response.status_code == 200
    assert row_names(response) == names
    direction = "descending" if query.startswith("?sort=-") else "ascending"
    assert sorted_columns(response) == [(direction, sorted_header)]


def test_city_index_sort_links_toggle_the_direction(client, cities_by_year):
    by_year = client.get(cities_by_year.url + "?sort=year")
    assertContains(by_year, '<a href="?sort=-year">')
    assertContains(by_year, '<a href="?sort=name">')

    newest_first = client.get(cities_by_year.url + "?sort=-year")
    assertContains(newest_first, '<a href="?sort=year">')

    by_name = client.get(cities_by_year.url + "?sort=name")
    assertContains(by_name, '<a href="?sort=-name">')
    assertContains(by_name, '<a href="?sort=year">')


# --- City page -------------------------------------------------------------


@pytest.fixture
def nagoya(city_index):
    return CityPageFactory(
        parent=city_index,
        title="Nagoya",
        country="JP",
        region="asia",
        relationship=Relationship.SISTER_CITY,
        status=Status.ACTIVE,
        status_note="Exchanges every year since 1959.",
        year_established=1959,
        agreement_date=datetime.date(1959, 4, 1),
        year_note="Some sources give 1960.",
        population=2_300_000,
        la_signatory="Mayor Norris Poulson",
        partner_signatory="Mayor Kobayashi",
        summary="Japan's fourth-largest city and Los Angeles's first sister city.",
        official_website="https://www.city.nagoya.jp/",
        hero_image=CustomImageFactory(alt_text="Nagoya Castle in spring"),
    )


def test_city_page_shows_the_facts_of_the_partnership(client, nagoya):
    committee = CommitteeFactory(name="Los Angeles–Nagoya Sister City Affiliation", contact_email="hello@example.org")
    nagoya.committee = committee
    nagoya.save()

    response = client.get(nagoya.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "cities/city_page.html")
    assertContains(response, "<h1>Nagoya</h1>", html=True)
    assertContains(response, "Japan&#x27;s fourth-largest city and Los Angeles&#x27;s first sister city.")
    assertContains(response, 'alt="Nagoya Castle in spring"')
    flag = '<img class="flag" src="/static/build/flags/jp.svg" alt="" width="20" height="15">'
    assertContains(response, f"<dd>{flag} Japan</dd>", html=True)
    assertContains(response, "<dd>Asia</dd>", html=True)
    assertContains(response, "<dd>Sister city</dd>", html=True)
    assertContains(response, "Exchanges every year since 1959.")
    assertContains(response, "Some sources give 1960.")
    assertContains(response, '<time datetime="1959-04-01">April 1, 1959</time>', html=True)
    assertContains(response, "<dd>2,300,000</dd>", html=True)
    assertContains(response, "Mayor Norris Poulson")
    assertContains(response, "<dt>Signed for Nagoya by</dt>", html=True)
    assertContains(response, "Mayor Kobayashi")
    assertContains(response, '<a href="https://www.city.nagoya.jp/">https://www.city.nagoya.jp/</a>', html=True)
    assertContains(response, "Los Angeles–Nagoya Sister City Affiliation")
    assertContains(response, '<a href="mailto:hello@example.org">hello@example.org</a>', html=True)


def test_city_page_hides_a_draft_committee(client, nagoya):
    nagoya.committee = CommitteeFactory(name="Committee still being set up", live=False)
    nagoya.save()

    response = client.get(nagoya.url)

    assertNotContains(response, "Committee still being set up")
    assertNotContains(response, "Sister city committee")


def test_city_page_shows_gallery_and_sources(client, nagoya):
    CityGalleryImage.objects.create(
        page=nagoya, image=CustomImageFactory(alt_text="Lanterns at the port"), caption="Port festival", sort_order=0
    )
    CitySource.objects.create(page=nagoya, url="https://example.org/history", title="City of Nagoya", sort_order=0)
    CitySource.objects.create(page=nagoya, url="https://example.org/untitled", sort_order=1)

    response = client.get(nagoya.url)

    assertContains(response, '<h2 id="gallery-heading">Gallery</h2>', html=True)
    assertContains(response, 'alt="Lanterns at the port"')
    assertContains(response, "Port festival")
    assertContains(response, '<a href="https://example.org/history">City of Nagoya</a>', html=True)
    assertContains(response, '<a href="https://example.org/untitled">https://example.org/untitled</a>', html=True)


def test_city_page_lists_only_its_published_public_stories(client, nagoya, story_index, city_index):
    story = StoryPageFactory(parent=story_index, title="Students from Nagoya", cities=[nagoya])
    StoryPageFactory(parent=story_index, title="A story about somewhere else")
    hidden = hidden_pages(StoryPageFactory, story_index, cities=[nagoya])

    response = client.get(nagoya.url)

    assertContains(response, "Stories from Nagoya")
    assertContains(response, f'<a href="{story.url}">Students from Nagoya</a>', html=True)
    assertContains(response, f'<a href="{story_index.url}?city={nagoya.slug}">All stories from Nagoya</a>', html=True)
    assertNotContains(response, "A story about somewhere else")
    assert_hidden(response, hidden)


def test_city_page_lists_only_its_published_public_resources(client, nagoya, resource_index):
    resource = ResourcePageFactory(
        parent=resource_index, title="Nagoya travel guide", link_url="https://example.org/guide"
    )
    resource.cities.set([nagoya])
    resource.save()
    hidden = hidden_pages(ResourcePageFactory, resource_index)
    for page in hidden:
        page.cities.set([nagoya])
        page.save()

    response = client.get(nagoya.url)

    assertContains(response, f'<a href="{resource.url}">Nagoya travel guide</a>', html=True)
    assertContains(response, 'href="https://example.org/guide"')
    assert_hidden(response, hidden)


def test_city_page_without_stories_resources_or_gallery_has_no_empty_sections(client, city_index):
    city = CityPageFactory(parent=city_index, population=None, official_website="")

    response = client.get(city.url)

    assert response.status_code == 200
    for heading in ("Gallery", "Stories from", "Resources", "Sources", "Population", "Official website"):
        assertNotContains(response, heading)


# --- Story index -----------------------------------------------------------


@pytest.fixture
def exchanges(story_index, city_index):
    """Stories about two cities and two kinds of exchange."""
    nagoya = CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    berlin = CityPageFactory(parent=city_index, title="Berlin", slug="berlin", country="DE")
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    business = ExchangeTypeFactory(name="Business", slug="business")
    StoryPageFactory(parent=story_index, title="Taiko in Little Tokyo", cities=[nagoya], exchange_types=[cultural])
    StoryPageFactory(parent=story_index, title="Nagoya trade mission", cities=[nagoya], exchange_types=[business])
    StoryPageFactory(parent=story_index, title="Berlin film week", cities=[berlin], exchange_types=[cultural])
    return story_index


def test_story_index_lists_published_public_stories_newest_first(client, exchanges):
    hidden = hidden_pages(StoryPageFactory, exchanges)

    response = client.get(exchanges.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "cities/story_index_page.html")
    assert listed_titles(response) == ["Taiko in Little Tokyo", "Nagoya trade mission", "Berlin film week"]
    assertContains(response, "3 stories.")
    assert_hidden(response, hidden)


def test_story_index_filter_form_has_labels(client, exchanges):
    response = client.get(exchanges.url)

    assertContains(response, '<label for="filter-city">City</label>', html=True)
    assertContains(response, '<select id="filter-city" name="city">')
    assertContains(response, '<label for="filter-type">Kind of exchange</label>', html=True)
    assertContains(response, '<option value="berlin">Berlin</option>', html=True)
    assertContains(response, '<option value="cultural">Cultural</option>', html=True)


def test_story_index_filters_by_city(client, exchanges):
    response = client.get(exchanges.url, {"city": "nagoya"})

    assert listed_titles(response) == ["Taiko in Little Tokyo", "Nagoya trade mission"]
    assertContains(response, '<option value="nagoya" selected>Nagoya</option>', html=True)
    assertContains(response, "2 stories about Nagoya.")
    assertContains(response, "Clear filters")


def test_story_index_filters_by_exchange_type(client, exchanges):
    response = client.get(exchanges.url, {"type": "cultural"})

    assert listed_titles(response) == ["Taiko in Little Tokyo", "Berlin film week"]
    assertContains(response, '<option value="cultural" selected>Cultural</option>', html=True)


def test_story_index_filters_by_city_and_type_together(client, exchanges):
    response = client.get(exchanges.url, {"city": "nagoya", "type": "business"})

    assert listed_titles(response) == ["Nagoya trade mission"]
    assertContains(response, "1 story about Nagoya, Business exchanges.")


def test_story_index_with_no_matching_story_says_so(client, exchanges):
    response = client.get(exchanges.url, {"city": "berlin", "type": "business"})

    assert listed_titles(response) == []
    assertContains(response, "No stories match these filters.")


def test_story_index_ignores_an_unknown_filter(client, exchanges):
    response = client.get(exchanges.url, {"city": "atlantis"})

    assert response.status_code == 200
    assert len(listed_titles(response)) == 3
    assertNotContains(response, "Clear filters")


@pytest.fixture
def many_cultural_stories(story_index):
    """One more cultural story than fits on a page, and one story of another kind."""
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    for number in range(StoryIndexPage.PER_PAGE + 1):
        StoryPageFactory(parent=story_index, title=f"Cultural story {number:02}", exchange_types=[cultural])
    StoryPageFactory(parent=story_index, title="Business story", exchange_types=[ExchangeTypeFactory()])
    return story_index


def test_story_index_paginates_and_keeps_the_filters_in_its_links(client, many_cultural_stories):
    first = client.get(many_cultural_stories.url, {"type": "cultural"})

    assert len(listed_titles(first)) == StoryIndexPage.PER_PAGE
    assertContains(first, "Page 1 of 2")
    assertContains(first, '<a href="?type=cultural&amp;page=2" rel="next">Next page</a>', html=True)
    assertNotContains(first, 'rel="prev"')

    second = client.get(many_cultural_stories.url, {"type": "cultural", "page": 2})

    assert listed_titles(second) == ["Cultural story 12"]
    assertNotContains(second, "Business story")
    assertContains(second, '<a href="?type=cultural&amp;page=1" rel="prev">Previous page</a>', html=True)
    assertNotContains(second, 'rel="next"')


@pytest.mark.parametrize(("page", "shown"), [("abc", "1"), ("0", "2"), ("-1", "2"), ("999", "2"), ("1.5", "1")])
def test_story_index_invalid_page_numbers_show_a_page(client, many_cultural_stories, page, shown):
    response = client.get(many_cultural_stories.url, {"page": page})

    assert response.status_code == 200
    assertContains(response, f"Page {shown} of 2")


# --- Story page ------------------------------------------------------------


def test_story_page_shows_its_content_and_only_visible_cities(client, story_index, city_index):
    nagoya = CityPageFactory(parent=city_index, title="Nagoya")
    draft_city = CityPageFactory(parent=city_index, title="Draft City", live=False)
    private_city = CityPageFactory(parent=city_index, title="Private City")
    make_private(private_city)
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    story = StoryPageFactory(
        parent=story_index,
        title="Taiko in Little Tokyo",
        date=datetime.date(2024, 5, 4),
        intro="Drummers from Nagoya played for the festival.",
        author="Program staff",
        hero_image=CustomImageFactory(alt_text="Taiko drummers on stage"),
        body='[{"type": "paragraph", "value": "<p>The sound filled the plaza.</p>"}]',
        cities=[nagoya, draft_city, private_city],
        exchange_types=[cultural],
    )
    story.tags.add("music", "festival")
    story.save()

    response = client.get(story.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "cities/story_page.html")
    assertContains(response, "<h1>Taiko in Little Tokyo</h1>", html=True)
    assertContains(response, '<time datetime="2024-05-04">May 4, 2024</time>', html=True)
    assertContains(response, "By Program staff")
    assertContains(response, "Drummers from Nagoya played for the festival.")
    assertContains(response, 'alt="Taiko drummers on stage"')
    assertContains(response, "<p>The sound filled the plaza.</p>", html=True)
    assertContains(response, f'href="{nagoya.url}"')
    assertContains(response, f'<a href="{story_index.url}?type=cultural">Cultural</a>', html=True)
    # Tags link to the story index filtered by that tag.
    assertContains(response, f'<li><a href="{story_index.url}?tag=music">music</a></li>', html=True)
    assertContains(response, f'<li><a href="{story_index.url}?tag=festival">festival</a></li>', html=True)
    assertNotContains(response, "Draft City")
    assertNotContains(response, "Private City")


# --- Resource index --------------------------------------------------------


def test_resource_index_groups_published_public_resources_by_category(client, resource_index):
    grants = ResourceCategoryFactory(name="Grants and funding")
    travel = ResourceCategoryFactory(name="Travel and visas")
    visa = ResourcePageFactory(
        parent=resource_index, title="Visa checklist", category=travel, link_url="https://example.org/visa"
    )
    grant = ResourcePageFactory(
        parent=resource_index, title="Youth exchange grant", category=grants, link_url="https://example.org/grant"
    )
    handbook = ResourcePageFactory(
        parent=resource_index,
        title="Host family handbook",
        category=travel,
        link_url="",
        document=wagtail_factories.DocumentFactory(title="Handbook"),
    )
    hidden = hidden_pages(ResourcePageFactory, resource_index, category=travel)

    response = client.get(resource_index.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "cities/resource_index_page.html")
    content = response.content.decode()
    order = [
        "Grants and funding</h2>",
        "Youth exchange grant</a>",
        "Travel and visas</h2>",
        "Host family handbook</a>",
        "Visa checklist</a>",
    ]
    positions = [content.index(marker) for marker in order]
    assert positions == sorted(positions)
    for resource in (visa, grant, handbook):
        assertContains(response, f'<a href="{resource.url}">{resource.title}</a>', html=True)
    assertContains(response, 'href="https://example.org/visa"')
    assertContains(response, f'href="{handbook.document.url}"')
    assert_hidden(response, hidden)


# --- Resource page ---------------------------------------------------------


def test_resource_page_shows_link_category_and_visible_related_cities(client, resource_index, city_index):
    nagoya = CityPageFactory(parent=city_index, title="Nagoya")
    draft_city = CityPageFactory(parent=city_index, title="Draft City", live=False)
    resource = ResourcePageFactory(
        parent=resource_index,
        title="Visa checklist",
        description="What to prepare before you travel.",
        link_url="https://example.org/visa",
        category=ResourceCategoryFactory(name="Travel and visas"),
    )
    resource.cities.set([nagoya, draft_city])
    resource.save()

    response = client.get(resource.url)

    assert response.status_code == 200
    assertTemplateUsed(response, "cities/resource_page.html")
    assertContains(response, "<h1>Visa checklist</h1>", html=True)
    assertContains(response, "What to prepare before you travel.")
    assertContains(response, "Travel and visas")
    assertContains(response, '<a class="button" href="https://example.org/visa">Go to the resource</a>', html=True)
    assertContains(response, f'href="{nagoya.url}"')
    assertNotContains(response, "Draft City")


def test_resource_page_for_a_document_offers_the_download(client, resource_index):
    document = wagtail_factories.DocumentFactory(title="Host family handbook")
    resource = ResourcePageFactory(parent=resource_index, link_url="", document=document)

    response = client.get(resource.url)

    assertContains(response, f'<a class="button" href="{document.url}">Download Host family handbook</a>', html=True)
    assertContains(response, f"({document.file_extension.upper()}")
