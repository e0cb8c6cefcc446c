"""manage.py build_bench_data: many stories in bulk for benchmarks, valid pages all the same."""

import io

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page

from cities.factories import CityPageFactory, ExchangeTypeFactory
from cities.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(city_index, story_index):
    ExchangeTypeFactory(slug="school")
    return [CityPageFactory(parent=city_index, title=f"City {n}", slug=f"city-{n}") for n in range(3)]


def build(count, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("build_bench_data", "--stories", str(count), *args, stdout=out, stderr=err)
    return out.getvalue()


def test_refuses_a_database_not_marked_for_benchmarks(cities):
    with pytest.raises(CommandError, match="not marked for benchmarks"):
        build(5)
    assert not StoryPage.objects.exists()


def test_builds_valid_published_stories_with_their_search_index(client, cities, story_index):
    build(30, "--yes")
    build(20, "--yes")  # a second run goes on after the first: paths stay unique

    stories = StoryPage.objects.child_of(story_index).live()
    assert stories.count() == 50
    story_index.refresh_from_db()
    assert story_index.numchild == 50
    # Treebeard and Wagtail find nothing to fix in the tree.
    assert Page.find_problems() == ([], [], [], [], [])
    # Every story is about one or two of the cities and of a kind of exchange, and is served.
    for story in stories[:5]:
        assert 1 <= story.cities.count() <= 2
        assert story.exchange_types.count() == 1
        response = client.get(story.url)
        assert response.status_code == 200
        assert story.title in response.content.decode()
    # Search finds a story by a word of its title.
    first = stories.order_by("path").first()
    found = StoryPage.objects.live().search(first.title.split(":")[0])
    assert first in list(found)
    # The story index lists them, newest first, with its pagination.
    assert client.get(story_index.url + "?page=3").status_code == 200


def test_needs_the_demo_site(story_index):
    with pytest.raises(CommandError, match="run load_demo first"):
        build(5, "--yes")
