"""Add many stories to the site, fast, for benchmarks only (bench/, docs/deployment.md).

    manage.py build_bench_data --stories 100000

The stories go below the default language's stories section, each about one or two of the
partner cities already there (run ``load_demo`` first) and one kind of exchange, published, with
their search index entries. They are written in bulk: the page tree's rows with their
treebeard paths, depth and URL paths computed here (what ``add_child`` would write), then the
stories' own rows, their links to cities and kinds of exchange, and the search index, a batch
at a time. No revisions, no reference index, no tasks: a story is what ``load_demo`` makes,
minus its history, which benchmarks never read.

It refuses a database that is not marked for benchmarks (its name contains "bench", e.g.
``DATABASE_URL=postgres:///cities_bench``) unless given ``--yes``: the stories are real pages,
and a production site would show them.
"""

import datetime
import random
import uuid

from tqdm import tqdm

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from ...models import CityPage, ExchangeType, StoryIndexPage, StoryPage

BATCH = 2000
SEED = 14
WORDS = [
    *("students", "orchestra", "festival", "exchange", "delegation", "friendship", "garden", "school"),
    *("music", "trade", "mayor", "visit", "youth", "art", "museum", "science", "football", "chefs"),
    *("nurses", "library", "theatre", "dancers", "harbour"),
]


def is_bench_database():
    return "bench" in str(settings.DATABASES["default"]["NAME"]).lower()


class Command(BaseCommand):
    help = "Add many published stories in bulk, with their search index, for benchmarks only."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=100_000, help="How many stories to add.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Run even though the database's name does not contain 'bench'.",
        )

    def handle(self, *args, stories, yes, **options):
        if stories < 1:
            raise CommandError("--stories must be at least 1.")
        if not (yes or is_bench_database()):
            raise CommandError(
                f"The database {settings.DATABASES['default']['NAME']!r} is not marked for benchmarks "
                "(its name does not contain 'bench'): these stories would be published on it. "
                "Use a benchmark database, or --yes if you are sure."
            )
        locale = Locale.get_default()
        index = StoryIndexPage.objects.filter(locale=locale).order_by("path").first()
        cities = list(CityPage.objects.filter(locale=locale).live().values_list("pk", flat=True))
        kinds = list(ExchangeType.objects.filter(locale=locale).values_list("pk", flat=True))
        if index is None or not cities:
            raise CommandError("There is no stories section or no partner city: run load_demo first.")

        rng = random.Random(SEED)  # noqa: S311 - made-up content, not secrets
        backend = get_search_backend()
        made = 0
        progress = {"total": stories, "unit": "story", "disable": options["verbosity"] == 0}
        with tqdm(**progress) as bar:  # on stderr
            while made < stories:
                count = min(BATCH, stories - made)
                with transaction.atomic():
                    index = StoryIndexPage.objects.select_for_update().get(pk=index.pk)
                    batch = self.add_batch(index, count, cities, kinds, rng)
                    # Read back as the index reads them (related fields prefetched): a few queries a batch.
                    indexed = StoryPage.get_indexed_objects().filter(pk__in=[story.pk for story in batch])
                    backend.add_bulk(StoryPage, list(indexed))
                made += count
                bar.update(count)
        # Fresh planner statistics for the tables just filled (autovacuum would get there later).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Added {stories} stories below {index.url_path} ({connection.vendor}).")

    def add_batch(self, index, count, cities, kinds, rng):
        """``count`` new published stories at the end of ``index``'s children; returns them."""
        last = index.get_last_child()
        start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        content_type = ContentType.objects.get_for_model(StoryPage)
        now = timezone.now()
        stories = []
        for number in range(start, start + count):
            words = rng.sample(WORDS, 3)
            slug = f"bench-{number}-{'-'.join(words)}"
            title = f"Bench story {number}: {' '.join(words)}"
            stories.append(
                StoryPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(index.path, index.depth + 1, number),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=index.locale_id,
                    translation_key=uuid.uuid4(),
                    date=datetime.date(2025, 1, 1) - datetime.timedelta(days=number % 9000),
                    intro=f"A story of {' and '.join(words)}, made for benchmarks.",
                    body=[("paragraph", f"<p>{' '.join(rng.choices(WORDS, k=40))}</p>")],
                    author="Benchmark",
                )
            )
        # The page rows (Page is the tree's own table: bulk_create works on it) ...
        page_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
        pages = Page.objects.bulk_create(
            [Page(**{name: getattr(story, name) for name in page_fields}) for story in stories]
        )
        for story, page in zip(stories, pages, strict=True):
            story.pk = story.page_ptr_id = page.pk
        # ... then the stories' own rows. bulk_create refuses a multi-table model, so the rows go
        # in through the same insert it uses (QuerySet._insert), for StoryPage's own columns only.
        StoryPage.objects._insert(stories, fields=StoryPage._meta.local_concrete_fields)
        links = StoryPage.cities.through
        links.objects.bulk_create(
            links(storypage_id=story.pk, citypage_id=city)
            for story in stories
            for city in set(rng.sample(cities, min(len(cities), rng.choice((1, 2)))))
        )
        if kinds:
            kind_links = StoryPage.exchange_types.through
            kind_links.objects.bulk_create(
                kind_links(storypage_id=story.pk, exchangetype_id=rng.choice(kinds)) for story in stories
            )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + count)
        index.numchild += count
        return stories
