"""Many cities and stories in a few seconds, for the query budget tests (API and pages).

The rows are what the factories make, written with bulk inserts: images share one generated
file, pages go into the tree with `add_children`, and the relations are written in one insert
each. Wagtail's search-index and reference-index tasks are not run while they are made
(`NO_TASKS`): the budgets measure reads.
"""

import datetime

from django.db import connection
from django.test import override_settings

from taggit.models import Tag

from cities.factories import CityPageFactory, CommitteeFactory, ExchangeTypeFactory, StoryPageFactory
from cities.models import Committee, StoryPage, StoryPageTag
from home.factories import CustomImageFactory
from home.models import CustomImage

from .site import add_children

NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def images(count):
    """`count` distinct image rows (each its own renditions) sharing one generated file."""
    first = CustomImageFactory()
    fields = {field.attname: getattr(first, field.attname) for field in CustomImage._meta.concrete_fields}
    del fields["id"]
    copies = [CustomImage(**{**fields, "title": f"Image {n}", "alt_text": f"Picture {n}"}) for n in range(count - 1)]
    return [first, *CustomImage.objects.bulk_create(copies)]


def cities_and_stories(city_index, story_index, size, story_every_days=1, countries=None):
    """
    `size` cities (each with a hero image and a committee) and `size` stories (each with a hero
    image, dated `story_every_days` apart back from 2024-01-01), in bulk. Each story has one to
    five of five exchange types and one of seven tags; which cities it is about is the caller's
    (they differ per test). Returns (cities, stories, exchange types).
    """
    exchange_types = [ExchangeTypeFactory(sort_order=n) for n in range(5)]
    tags = [Tag.objects.create(name=f"tag-{n}", slug=f"tag-{n}") for n in range(7)]
    with override_settings(TASKS=NO_TASKS):
        city_images, story_images = images(size), images(size)
        committees = Committee.objects.bulk_create(CommitteeFactory.build() for _ in range(size))
        cities = add_children(
            city_index,
            [
                CityPageFactory.build(
                    title=f"City {n:03}",
                    hero_image=city_images[n],
                    committee=committees[n],
                    year_established=1959 + n % 60,
                    **({"country": countries[n % len(countries)]} if countries else {}),
                )
                for n in range(size)
            ],
        )
        stories = add_children(
            story_index,
            [
                StoryPageFactory.build(
                    title=f"Story {n:03}",
                    date=datetime.date(2024, 1, 1) - datetime.timedelta(days=n * story_every_days),
                    hero_image=story_images[n],
                )
                for n in range(size)
            ],
        )
    StoryPage.exchange_types.through.objects.bulk_create(
        StoryPage.exchange_types.through(storypage=story, exchangetype=kind)
        for n, story in enumerate(stories)
        for kind in exchange_types[: 1 + n % 5]
    )
    StoryPageTag.objects.bulk_create(
        StoryPageTag(content_object=story, tag=tags[n % 7]) for n, story in enumerate(stories)
    )
    return cities, stories, exchange_types


def link_stories(stories, cities_of):
    """Each story about `cities_of(n, story)` (a set of cities), in one insert."""
    StoryPage.cities.through.objects.bulk_create(
        StoryPage.cities.through(storypage=story, citypage=city)
        for n, story in enumerate(stories)
        for city in cities_of(n, story)
    )


def analyze():
    """
    On PostgreSQL, statistics for the rows just made (ANALYZE sees the test transaction's own rows).

    The planner otherwise plans from what earlier tests left in its statistics (tables of a few
    rows), and chose nested loops that ran the 280-city per-city stories query for minutes.
    A live database has current statistics (autovacuum); a test's fresh rows do not.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
