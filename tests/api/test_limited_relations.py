"""
A limited relation (a city's `stories(page:, perPage:)`) gives each owner its true rows, at any size.

cms/graphql/fields.py ranks the links of the first few hundred visible targets (the candidates)
and ranks again, over all their links, the owners that found too few among them. Each case here
compares that with the plain computation, owner by owner: the owner's stories visitors may see
(cms/visibility.py), newest first (cities/querysets.py), sliced. With the candidates at their
real size (every target fits: one query) and shrunk to one (the second query for short owners),
on hidden stories of every kind, ties in date, later pages, owners with fewer stories than asked
and none, and Spanish cities, whose stories are found through any version of the city.
"""

import datetime
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale

from cities.factories import CityPageFactory, StoryPageFactory
from cities.models import CityPage, StoryPage
from cities.querysets import NEWEST_FIRST
from cms.graphql import fields
from cms.visibility import Visibility
from tests.support.site import make_private

from .builders import make_site
from .conftest import data

SLICES = [(0, 3), (3, 3), (2, 4), (0, 50), (9, 3), (30, 3)]
NOW = timezone.now()


def spanish():
    return Locale.objects.get(language_code="es")


def translate(page, **fields):
    """The page's Spanish version, published."""
    copy = page.copy_for_translation(spanish(), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def expected(owner, offset, limit, by_translation):
    """The owner's first rows, computed the plain way."""
    if by_translation:
        versions = CityPage.objects.filter(translation_key=owner.translation_key)
        stories = StoryPage.objects.filter(cities__in=versions, locale_id=owner.locale_id)
    else:
        stories = StoryPage.objects.filter(cities=owner)
    ids = Visibility().pages(stories).order_by(*NEWEST_FIRST).values_list("pk", flat=True)
    return list(dict.fromkeys(ids))[offset : offset + limit]


def pairs(owners, offset, limit, by_translation):
    """What the API's relation gives each owner (its owner key -> target ids), and the queries it took."""
    through = fields._Through.reverse(StoryPage, "cities")
    targets = Visibility().filter(StoryPage.objects.all())
    with CaptureQueriesContext(connection) as queries:
        found = {}
        for key, target_id in through.pairs(
            owners, targets, NEWEST_FIRST, limit, offset, by_translation=by_translation
        ):
            found.setdefault(key, []).append(target_id)
    return found, len(queries)


class LimitedRelationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, city_index, story_index, _ = make_site()
        cls.busy, cls.quiet, cls.empty, cls.hidden_only = (
            CityPageFactory(parent=city_index, title=title, slug=title.lower().replace(" ", "-"))
            for title in ("Busy", "Quiet", "Empty", "Hidden only")
        )
        day = datetime.date(2024, 1, 1)
        stories = []
        for n in range(24):  # dates in pairs: every second story ties with the one before
            about = [cls.busy] if n % 3 else [cls.busy, cls.quiet]
            stories.append(
                StoryPageFactory(
                    parent=story_index,
                    title=f"Story {n:02}",
                    date=day - datetime.timedelta(days=n // 2),
                    cities=about,
                )
            )
        # Hidden stories of every kind, the newest of all, about the busy and the hidden-only city.
        hidden = {"cities": [cls.busy, cls.hidden_only], "date": day + datetime.timedelta(days=5)}
        StoryPageFactory(parent=story_index, title="Draft", live=False, **hidden)
        StoryPageFactory(parent=story_index, title="Not yet", go_live_at=NOW + datetime.timedelta(days=2), **hidden)
        StoryPageFactory(parent=story_index, title="Expired", expire_at=NOW - datetime.timedelta(days=1), **hidden)
        StoryPageFactory(parent=story_index, title="Expired flag", live=False, expired=True, **hidden)
        make_private(StoryPageFactory(parent=story_index, title="Password", **hidden))
        # Spanish: the cities, some stories (copies keep their links to the English cities), one
        # Spanish story also linked to the Spanish city (counted once), one Spanish draft.
        cls.busy_es = translate(cls.busy, slug="ocupada")
        cls.quiet_es = translate(cls.quiet, slug="tranquila")
        cls.empty_es = translate(cls.empty, slug="vacia")
        for n, story in enumerate(stories[:10]):
            copy = translate(story, slug=f"historia-{n}")
            if n == 4:
                copy.cities.add(cls.busy_es)
                copy.save_revision().publish()
        stories[11].copy_for_translation(spanish(), copy_parents=True).save_revision()
        cls.english = [cls.busy, cls.quiet, cls.empty, cls.hidden_only]
        cls.spanish = [cls.busy_es, cls.quiet_es, cls.empty_es]

    def assert_same_rows(self, owners, by_translation):
        for offset, limit in SLICES:
            with self.subTest(offset=offset, limit=limit):
                found, _ = pairs(owners, offset, limit, by_translation)
                for owner in owners:
                    key = (owner.translation_key, owner.locale_id) if by_translation else owner.pk
                    self.assertEqual(found.get(key, []), expected(owner, offset, limit, by_translation), owner.title)

    def test_every_target_among_the_candidates_one_query(self):
        # The busy city's visible stories: 24 in English, 10 Spanish copies (34 in all languages).
        self.assertEqual(len(expected(self.busy, 0, 100, True)), 24)
        self.assertEqual(len(expected(self.busy_es, 0, 100, True)), 10)
        self.assertEqual(len(expected(self.busy, 0, 100, False)), 34)
        self.assert_same_rows(self.english, by_translation=False)
        self.assert_same_rows(self.english, by_translation=True)
        self.assert_same_rows(self.spanish, by_translation=True)
        for by_translation in (False, True):
            self.assertEqual(pairs(self.english, 0, 3, by_translation)[1], 1)

    @mock.patch.object(fields, "MIN_CANDIDATES", 1)
    @mock.patch.object(fields, "CANDIDATES_PER_ROW", 1)
    def test_owners_short_of_rows_among_few_candidates_are_ranked_again(self):
        self.assert_same_rows(self.english, by_translation=False)
        self.assert_same_rows(self.english, by_translation=True)
        self.assert_same_rows(self.spanish, by_translation=True)
        # 4 owners x 3 rows: 12 candidates, where the quiet, empty and hidden-only cities find too few.
        self.assertEqual(pairs(self.english, 0, 3, False)[1], 2)

    @mock.patch.object(fields, "MIN_CANDIDATES", 1)
    @mock.patch.object(fields, "CANDIDATES_PER_ROW", 3)
    def test_owners_complete_among_the_candidates_need_no_second_query(self):
        # The busy city's 3 newest stories are among the first 3 x 3 visible stories.
        found, queries = pairs([self.busy], 0, 3, False)
        self.assertEqual(found[self.busy.pk], expected(self.busy, 0, 3, False))
        self.assertEqual(queries, 1)

    def test_through_the_api(self):
        query = """query($locale: Language, $page: Int) {
          cities(locale: $locale, order: NAME) { items { slug stories(page: $page, perPage: 3) { slug } } }
        }"""
        owners = {"EN": self.english, "ES": self.spanish}
        # Four candidates, whatever the page: every later page needs the second query.
        with mock.patch.object(fields, "_candidates", lambda owners, rows_each: 4):
            for locale, cities in owners.items():
                for page in (1, 2, 5):
                    with self.subTest(locale=locale, page=page):
                        result = data(self.client, query, {"locale": locale, "page": page})["cities"]["items"]
                        by_slug = {city.slug: city for city in cities}
                        self.assertEqual({item["slug"] for item in result}, set(by_slug))
                        for item in result:
                            ids = expected(by_slug[item["slug"]], (page - 1) * 3, 3, True)
                            slug_of = dict(StoryPage.objects.filter(pk__in=ids).values_list("pk", "slug"))
                            self.assertEqual([story["slug"] for story in item["stories"]], [slug_of[pk] for pk in ids])
