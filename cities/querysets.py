"""The content rules of cities, stories and resources, each stated once, on the models' querysets.

    StoryPage.objects.visible_to(request).newest_first()
    CityPage.objects.visible_to(request).sorted_by("year")

Visibility is home/querysets.py's ``visible_to`` (cms/visibility.py: the API's rule). The website,
the feeds, search and the API all order and filter through these.
"""

from django.db.models import F

from wagtail.models import PageManager

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


class StoryPageQuerySet(VisiblePageQuerySet):
    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)


CityPageManager = PageManager.from_queryset(CityPageQuerySet)
StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)
