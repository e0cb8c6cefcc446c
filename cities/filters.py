"""The filters of the city directory and of the stories, parsed once for the website and the API.

A parser takes the values a visitor or a client gave (and the choices they are checked against)
and returns what it accepted, plus what it rejected, each with an explanation. The two callers
report the rejections their own way:

- the website ignores them (an unknown ``?type=`` shows every story, as a stale bookmark should);
- the API raises one GraphQLError that lists them and says what is accepted
  (``rejected_message``), never an empty list.

    chosen = parse_story_filters(cities, exchange_types, tags, city="nagoya", year="2023")
    stories = chosen.apply(stories)        # chosen.rejected: [] or [Rejected(...), ...]

This module knows no request: its callers pass querysets or lists to check against
(a queryset is asked for one row; a list, already loaded for a menu, is searched in memory).
"""

import dataclasses
import datetime

from django_countries import countries

from django.apps import apps
from django.db.models import QuerySet

from cms.graphql.types import shown
from home import clock

from .choices import FIRST_PARTNERSHIP_YEAR, Region, Relationship, Status
from .querysets import CITY_SORTS


@dataclasses.dataclass(frozen=True)
class Rejected:
    """A value the parser did not accept: the argument (its API name), the value, and why."""

    argument: str
    value: object
    message: str


def rejected_message(rejected):
    """The rejections as one message, for an API error."""
    return " ".join(item.message for item in rejected)


def _find(candidates, **lookup):
    """The first candidate with these field values: from the database for a queryset, else from the list."""
    if isinstance(candidates, QuerySet):
        return candidates.filter(**lookup).first()
    return next((item for item in candidates if all(getattr(item, k) == v for k, v in lookup.items())), None)


# --- Stories ----------------------------------------------------------------


@dataclasses.dataclass
class StoryFilters:
    city: object = None
    exchange_type: object = None
    tag: object = None
    year: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    rejected: list = dataclasses.field(default_factory=list)

    def __bool__(self):
        """Whether any filter was accepted."""
        return any(value is not None for value in (self.city, self.exchange_type, self.tag, self.year))

    def apply(self, stories):
        """Filter the stories. A relation is matched through a subquery on its link table, never a
        join: a join could list a story twice, and the list would need a SELECT DISTINCT over every
        column (slow on a long list, and its count slower still). ``stories``: StoryPage rows, or
        the same stories as Wagtail pages (querysets.counted_stories counts those)."""
        model = apps.get_model("cities", "StoryPage")
        if self.city is not None:
            stories = stories.filter(pk__in=linked_stories(model, "cities", citypage=self.city))
        if self.exchange_type is not None:
            kind = self.exchange_type
            stories = stories.filter(pk__in=linked_stories(model, "exchange_types", exchangetype=kind))
        if self.tag is not None:
            stories = stories.filter(pk__in=linked_stories(model, "tags", tag=self.tag))
        # Stories read as Wagtail pages (to be counted: querysets.counted_stories) reach the date
        # through their story row.
        date = "date" if issubclass(stories.model, model) else "storypage__date"
        if self.year is not None:
            stories = stories.filter(**{f"{date}__year": self.year})
        if self.date_from is not None:
            stories = stories.filter(**{f"{date}__gte": self.date_from})
        if self.date_to is not None:
            stories = stories.filter(**{f"{date}__lte": self.date_to})
        return stories


def linked_stories(model, relation, **link):
    """The ids of the stories (``model``: StoryPage) linked this way, as a subquery:
    ``linked_stories(StoryPage, "cities", citypage=city)``, or ``citypage__translation_key=key``."""
    through = model._meta.get_field(relation).remote_field.through
    column = "content_object_id" if relation == "tags" else "storypage_id"
    return through.objects.filter(**link).values(column)


def parse_story_filters(
    cities,
    exchange_types,
    tags,
    years=(),
    *,
    city=None,
    exchange_type=None,
    tag=None,
    year=None,
    date_from=None,
    date_to=None,
):
    """The story filters among these choices: cities and kinds of exchange by slug, tags by slug or name, years.

    ``cities``, ``exchange_types`` and ``tags`` are what may be chosen (visible cities of the
    language, its kinds of exchange, the tags of stories visitors can see): a tag of hidden stories
    only is answered exactly like a tag that does not exist.
    """
    chosen = StoryFilters()
    if city:
        chosen.city = _find(cities, slug=city)
        if chosen.city is None:
            chosen.rejected.append(
                Rejected("city", city, f"No published city has the slug {shown(city)} in this language.")
            )
    if exchange_type:
        chosen.exchange_type = _find(exchange_types, slug=exchange_type)
        if chosen.exchange_type is None:
            accepted = ", ".join(sorted(item.slug for item in exchange_types))
            chosen.rejected.append(
                Rejected(
                    "exchangeType",
                    exchange_type,
                    f"Unknown kind of exchange {shown(exchange_type)}. Accepted: {accepted}.",
                )
            )
    if tag:
        chosen.tag = _find(tags, slug=tag) or _find(tags, name=tag)
        if chosen.tag is None:
            chosen.rejected.append(Rejected("tag", tag, f"No story has the tag {shown(tag)}."))
    if year:
        number = int(year) if str(year).isascii() and str(year).isdigit() else None  # not "²", "٣"
        if number in years:
            chosen.year = number
        else:
            accepted = ", ".join(str(item) for item in years)
            chosen.rejected.append(
                Rejected("year", year, f"No story is from the year {shown(year)}. Accepted: {accepted}.")
            )
    if date_from and date_to and date_from > date_to:
        chosen.rejected.append(Rejected("dateFrom", date_from, "dateFrom must not be after dateTo."))
    else:
        chosen.date_from, chosen.date_to = date_from or None, date_to or None
    return chosen


# --- Cities -------------------------------------------------------------------


@dataclasses.dataclass
class CityFilters:
    sort: str | None = None
    region: str | None = None
    relationship: str | None = None
    status: str | None = None
    country_code: str | None = None
    established_from: int | None = None
    established_to: int | None = None
    rejected: list = dataclasses.field(default_factory=list)

    def apply(self, cities):
        """Filter the cities (the sort is the caller's: its default differs between the website and the API)."""
        for field, value in (("region", self.region), ("relationship", self.relationship), ("status", self.status)):
            if value is not None:
                cities = cities.filter(**{field: value})
        if self.country_code is not None:
            cities = cities.filter(country=self.country_code)
        if self.established_from is not None:
            cities = cities.filter(year_established__gte=self.established_from)
        if self.established_to is not None:
            cities = cities.filter(year_established__lte=self.established_to)
        return cities


def _choice(chosen, argument, value, choices, noun):
    if value in choices.values:
        return value
    accepted = ", ".join(choices.values)
    chosen.rejected.append(Rejected(argument, value, f"Unknown {noun} {shown(value)}. Accepted: {accepted}."))
    return None


def parse_city_filters(
    *,
    sort=None,
    region=None,
    relationship=None,
    status=None,
    country_code=None,
    established_from=None,
    established_to=None,
    today=None,
):
    """The directory's order (one of CITY_SORTS) and filters; years are checked against ``today`` (clock.today())."""
    chosen = CityFilters()
    if sort:
        if sort in CITY_SORTS:
            chosen.sort = sort
        else:
            accepted = ", ".join(CITY_SORTS)
            chosen.rejected.append(Rejected("order", sort, f"Unknown order {shown(sort)}. Accepted: {accepted}."))
    if region:
        chosen.region = _choice(chosen, "region", region, Region, "region")
    if relationship:
        chosen.relationship = _choice(chosen, "relationship", relationship, Relationship, "relationship")
    if status:
        chosen.status = _choice(chosen, "status", status, Status, "status")
    if country_code:
        code = str(country_code).upper()
        if code in dict(countries):
            chosen.country_code = code
        else:
            chosen.rejected.append(
                Rejected(
                    "countryCode",
                    country_code,
                    f"Unknown country code {shown(country_code)}: use an ISO 3166-1 alpha-2 code such as JP.",
                )
            )
    this_year = (today or clock.today()).year
    years_ok = True
    for argument, year in (("establishedFrom", established_from), ("establishedTo", established_to)):
        if year is not None and not FIRST_PARTNERSHIP_YEAR <= year <= this_year:
            years_ok = False
            chosen.rejected.append(
                Rejected(
                    argument,
                    year,
                    f"{argument} must be a year from {FIRST_PARTNERSHIP_YEAR} to {this_year}; got {year}.",
                )
            )
    if years_ok and established_from is not None and established_to is not None and established_from > established_to:
        years_ok = False
        chosen.rejected.append(
            Rejected("establishedFrom", established_from, "establishedFrom must not be after establishedTo.")
        )
    if years_ok:
        chosen.established_from, chosen.established_to = established_from, established_to
    return chosen
