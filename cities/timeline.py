"""The timeline of partnerships: every decade from the first agreements (1959) to today."""

import dataclasses
import itertools

from home import clock

from .choices import FIRST_PARTNERSHIP_YEAR


@dataclasses.dataclass
class TimelineYear:
    year: int
    cities: list


@dataclasses.dataclass
class TimelineDecade:
    start: int
    years: list

    @property
    def label(self):
        return f"{self.start}s"

    @property
    def count(self):
        return sum(len(year.cities) for year in self.years)


@dataclasses.dataclass
class Timeline:
    decades: list
    undated: list
    first_year: int
    this_year: int

    @property
    def count(self):
        return sum(decade.count for decade in self.decades)


def partnership_timeline(cities, this_year=None):
    """The cities grouped by decade and year of agreement, oldest first; every decade up to today is there.

    Cities without a known year are kept apart (``undated``), so none is left out.
    """
    this_year = this_year or clock.today().year
    dated = sorted((city for city in cities if city.year_established), key=lambda c: (c.year_established, c.title))
    undated = sorted((city for city in cities if not city.year_established), key=lambda c: c.title)
    by_year = {year: list(group) for year, group in itertools.groupby(dated, key=lambda city: city.year_established)}
    decades = []
    for start in range(FIRST_PARTNERSHIP_YEAR // 10 * 10, this_year // 10 * 10 + 1, 10):
        years = [TimelineYear(year, by_year[year]) for year in range(start, start + 10) if year in by_year]
        decades.append(TimelineDecade(start, years))
    return Timeline(decades=decades, undated=undated, first_year=FIRST_PARTNERSHIP_YEAR, this_year=this_year)
