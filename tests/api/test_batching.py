"""
Batched loading keeps its state on the request, never on the objects it loads.

A rendition that Wagtail caches pickles its image; when the image carried the
batch it was loaded in (the whole list, and every relation loaded for it), one
list of 100 images with ``srcSet(...)`` wrote about 30 MB to the cache.
"""

import datetime
from unittest import mock

from django.core.cache import caches
from django.db import models
from django.test import TestCase, override_settings

from cities.factories import CityPageFactory, CommitteeFactory, ExchangeTypeFactory, StoryPageFactory
from cms.graphql import batching
from cms.graphql.views import GraphQLAPIView
from home.factories import CustomImageFactory
from home.models import CustomRendition

from .builders import make_site
from .conftest import data

# A real cache backend that pickles what it stores, as Redis does in production.
RENDITION_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "batching-default"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "batching-renditions"},
}
SCALARS = (str, int, float, bool, type(None), datetime.date, datetime.datetime)


@override_settings(CACHES=RENDITION_CACHES)
class RenditionCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.images = [
            CustomImageFactory(title=f"Picture {n:02}", file__filename=f"picture-{n:02}.jpg") for n in range(30)
        ]
        _, city_index, _, _ = make_site()
        cls.cities = [
            CityPageFactory(parent=city_index, title=f"City {n:02}", hero_image=image)
            for n, image in enumerate(cls.images)
        ]

    def setUp(self):
        caches["renditions"].clear()

    def cached_size(self, image):
        """The bytes the renditions cache holds for ``image``'s width-320 rendition."""
        rendition = CustomRendition.objects.get(image=image, filter_spec="width-320")
        backend = caches["renditions"]
        key = backend.make_and_validate_key(rendition.get_cache_key())
        return len(backend._cache[key])  # LocMemCache keeps the pickled bytes

    def forget_renditions(self):
        """Delete the renditions (rows, files, cache entries), so that the next query makes them again."""
        for rendition in CustomRendition.objects.all():
            rendition.file.delete(save=False)
            rendition.delete()
        caches["renditions"].clear()

    def test_a_rendition_made_in_a_list_is_cached_as_small_as_one_made_alone(self):
        image = self.images[0]
        query = "query($id: ID!) { city(id: $id) { heroImage { srcSet(sizes: [320]) } } }"
        result = data(self.client, query, {"id": self.cities[0].pk})
        self.assertIn("picture-00.width-320.jpg", result["city"]["heroImage"]["srcSet"])
        alone = self.cached_size(image)

        self.forget_renditions()
        result = data(self.client, "{ cities(perPage: 30) { items { heroImage { title srcSet(sizes: [320]) } } } }")
        self.assertEqual(len(result["cities"]["items"]), 30)
        in_list = self.cached_size(image)

        self.assertEqual(in_list, alone)
        self.assertLess(alone, 5000)


class RecordingMiddleware:
    """Keeps every model instance a resolver returns, to inspect after the request."""

    def __init__(self):
        self.objects = []

    def resolve(self, next, root, info, **kwargs):
        value = next(root, info, **kwargs)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, models.Model):
                self.objects.append(item)
        return value


class NoStateOnObjectsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home, city_index, story_index, _ = make_site()
        committee = CommitteeFactory()
        cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
        cities = [
            CityPageFactory(parent=city_index, hero_image=CustomImageFactory(), committee=committee) for _ in range(4)
        ]
        for n in range(3):
            story = StoryPageFactory(
                parent=story_index, slug=f"story-{n}", cities=cities[n:], exchange_types=[cultural]
            )
            story.tags.add("culture")
            story.save()

    def extra_attributes(self, obj):
        """What an instance holds besides its fields, Django's caches and plain values."""
        fields = {field.attname for field in obj._meta.concrete_fields}
        return {
            name: value
            for name, value in vars(obj).items()
            if name not in fields
            and name not in ("_state", "_prefetched_objects_cache")
            and not isinstance(value, SCALARS)
            and value is not obj
        }

    def test_no_returned_object_keeps_per_request_state(self):
        recorder = RecordingMiddleware()
        real = GraphQLAPIView.get_middleware
        query = """{
          cities(perPage: 10) { items {
            title heroImage { rendition(width: 320) { url } srcSet(sizes: [320, 640]) }
            committee { name } parent { title } ancestors { title } siblings(perPage: 10) { title }
            translations { title } stories(perPage: 5) { title exchangeTypes { name } tags { name } cities { title } }
          } }
          home { children(perPage: 10) { title descendants(perPage: 50) { title } } }
        }"""
        with mock.patch.object(
            GraphQLAPIView, "get_middleware", lambda view, request: [*real(view, request), recorder]
        ):
            result = data(self.client, query)
        self.assertEqual(len(result["cities"]["items"]), 4)
        objects = list(recorder.objects)
        for obj in recorder.objects:  # and what they hold in Django's own caches (a rendition's image)
            objects += [value for value in obj._state.fields_cache.values() if isinstance(value, models.Model)]
        self.assertGreater(len(objects), 40)
        kinds = {type(obj).__name__ for obj in objects}
        self.assertLessEqual({"CityPage", "StoryPage", "CustomImage", "CustomRendition", "Committee"}, kinds)
        for obj in objects:
            self.assertEqual(self.extra_attributes(obj), {}, f"{type(obj).__name__} {obj.pk}")


class Item:
    """Any object a resolver returns."""


def test_batches_live_for_one_execution_only():
    items, other, fetched = [Item(), Item(), Item()], Item(), []

    def fetch(objects):
        fetched.append(objects)
        return {id(obj): f"value of {items.index(obj) if obj in items else 'other'}" for obj in objects}

    request = Item()
    with batching.scope(request):
        assert batching.group(iter(items)) == items
        assert batching.load(items[1], "key", fetch) == "value of 1"
        assert fetched == [[items[0], items[2], items[1]]]  # the whole group in one fetch
        assert [batching.load(item, "key", fetch) for item in items] == ["value of 0", "value of 1", "value of 2"]
        assert batching.load(other, "key", fetch) == "value of other"  # not in the group: alone
        assert len(fetched) == 2
        assert vars(request) == {batching.REQUEST_ATTRIBUTE: mock.ANY}
    assert vars(request) == {}  # the request lets go of the batches
    assert all(vars(item) == {} for item in [*items, other])  # nothing was written on the objects

    # Outside an execution nothing is grouped or kept: each load fetches for its object alone.
    fetched.clear()
    batching.group(items)
    assert [batching.load(items[0], "key", fetch) for _ in range(2)] == ["value of 0"] * 2
    assert fetched == [[items[0]], [items[0]]]
