"""The content rules of cities, stories and resources, each stated once, on the models' querysets.

    StoryPage.objects.visible_to(request).newest_first()
    CityPage.objects.visible_to(request).sorted_by("year")

Visibility is home/querysets.py's ``visible_to`` (cms/visibility.py: the API's rule). The website,
the feeds, search and the API all order and filter through these.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import Exists, F, OuterRef
from django.db.models.expressions import RawSQL

from taggit.models import Tag
from wagtail.models import Page, PageManager

from home.querysets import VisiblePageQuerySet

# Stories are listed newest first everywhere; the id breaks ties between stories of one day.
NEWEST_FIRST = ("-date", "-pk")

# The orders of the city directory, by the name the website's ?sort= uses (the API's CityOrder
# values are the same names). Cities with no known year go last whichever way the year is sorted.
CITY_SORTS = {
    "name": ("title", "pk"),
    "-name": ("-title", "pk"),
    "year": (F("year_established").asc(nulls_last=True), "title", "pk"),
    "-year": (F("year_established").desc(nulls_last=True), "title", "pk"),
    "country": ("country", "title", "pk"),
}

# The other orders the API offers (its StoryOrder and ResourceOrder values carry these names);
# the first of each is the default.
STORY_SORTS = {"-date": NEWEST_FIRST, "date": ("date", "pk"), "title": ("title", "pk")}
RESOURCE_SORTS = {"title": ("title", "pk"), "category": ("category__name", "title", "pk")}


class CityPageQuerySet(VisiblePageQuerySet):
    def sorted_by(self, sort):
        """In one of CITY_SORTS' orders."""
        return self.order_by(*CITY_SORTS[sort])


# The first day of the year of the recursive query's ``story_years.day``, per database (``years``).
_START_OF_YEAR = {
    "postgresql": "CAST(DATE_TRUNC('year', story_years.day) AS date)",
    "sqlite": "DATE(story_years.day, 'start of year')",
}


class StoryPageQuerySet(VisiblePageQuerySet):
    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)

    def years(self):
        """The years of these stories, newest first, at a cost that does not grow with their number.

        A loose index scan (one recursive query): the newest story's date, then the newest story
        dated before the first of January of that year, and so on, each step a short walk down
        the (date, id) index (``story_newest_first``) until it meets a story these filters keep,
        so one step per year, not one row per story (``.dates()`` read and sorted every story).
        On a database without a rule for the first day of a year, ``.dates()`` gives the same list.
        """
        stories = self.order_by("-date", "-pk").values("date")
        vendor = connections[self.db].vendor
        if vendor not in _START_OF_YEAR:
            return [day.year for day in self.order_by().dates("date", "year", order="DESC")]
        first, first_params = stories[:1].query.get_compiler(self.db).as_sql()
        earlier = stories.filter(date__lt=RawSQL(_START_OF_YEAR[vendor], ()))[:1]  # noqa: S611 - a fixed expression
        step, step_params = earlier.query.get_compiler(self.db).as_sql()
        # Django's own SQL for both parts, its values as parameters: nothing from outside is pasted in.
        sql = (
            f"WITH RECURSIVE story_years(day) AS (SELECT ({first}) UNION ALL "  # noqa: S608
            f"SELECT ({step}) FROM story_years WHERE story_years.day IS NOT NULL) "
            "SELECT day FROM story_years WHERE day IS NOT NULL"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, (*first_params, *step_params))
            days = [row[0] for row in cursor.fetchall()]
        return [day.year if hasattr(day, "year") else int(str(day)[:4]) for day in days]


def tags_of(stories):
    """The tags at least one of these stories carries, by name: one EXISTS per tag on the tags' link table.

    Each probe reads the tag's link rows (indexed by tag) until one leads to a story kept here,
    so the cost follows the number of tags, not of stories (a SELECT DISTINCT over the tags of
    every story grew with the stories).
    """
    carried = stories.order_by().filter(tagged_items__tag_id=OuterRef("pk"))
    return Tag.objects.filter(Exists(carried)).order_by("name")


CityPageManager = PageManager.from_queryset(CityPageQuerySet)
StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)


def counted_stories(build, model):
    """(the stories ``build`` keeps, as a queryset of ``model``; a function that counts them).

    ``build(queryset)`` applies a list's rules (visibility, language, parent, filters: through
    ``cms.visibility`` and ``cities.filters.StoryFilters``) to the queryset it is given. The rows
    come from ``build(model.objects.all())``; the count from ``build`` of the same stories read as
    Wagtail pages (``Page`` rows of the story type), which holds every column the visibility rule
    reads: a count of StoryPage rows joined the page table and the stories' table over every story
    (a hash join of both), a count of page rows reads one table. A filter on the date
    (``StoryFilters``) reaches it through ``storypage__date``; the others are subqueries on the
    link tables, by id. The website's story index and the API's ``stories`` both count this way.
    """
    stories = build(model.objects.all())
    pages = Page.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return stories, build(pages).count


def story_window(stories, start, stop, total):
    """``stories[start:stop]`` in one query, however deep the page (``total``: how many there are, or None).

    A page far down a long list is found by ids alone ("deferred join"): the subquery walks the
    ordering's index and the page table's visibility columns to skip ``start`` stories, never the
    stories' own wide rows, and the outer query reads the whole rows of the page's ids only. In
    the second half of the list the subquery walks from the other end, in the reversed order
    (every order here ends with the id, so it is total and its reverse is exact), so no page
    skips more than half the list: the last pages cost what the first do. The rows come back in
    ``stories``' own order. Website (CountedPaginator) and API (``stories``) both page this way.
    """
    ids = stories.prefetch_related(None).values("pk")
    order = stories.query.order_by
    if total is not None and start > total // 2 and order and all(isinstance(term, str) for term in order):
        flipped = [term[1:] if term.startswith("-") else f"-{term}" for term in order]
        ids = ids.order_by(*flipped)[max(0, total - stop) : total - start]
    else:
        ids = ids[start:stop]
    return stories.filter(pk__in=ids)
