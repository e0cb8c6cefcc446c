"""The partner cities' facts, read from the project's fixture and mapped onto CityPage's fields."""

import dataclasses
import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.utils.text import slugify

from wagtail.coreutils import string_to_ascii

from cities.models import Region, Relationship, Status

from .content import CITY_DESCRIPTIONS, CITY_NOTES


def fixture_path():
    return Path(apps.get_app_config("cities").path) / "data" / "la_sister_cities.json"


# The fixture's region names, spelt out rather than matched against the (translatable) choice labels.
REGIONS = {
    "Africa": Region.AFRICA,
    "Asia": Region.ASIA,
    "Europe": Region.EUROPE,
    "North America": Region.NORTH_AMERICA,
    "South America": Region.SOUTH_AMERICA,
    "Oceania": Region.OCEANIA,
}
RELATIONSHIP_WORDS = {Relationship.SISTER_CITY: "sister city", Relationship.FRIENDSHIP_CITY: "friendship city"}
# The fixture's statuses that need more than a straight copy: (status, status note, summary clause).
SPECIAL_STATUSES = {
    "suspended_since_1986_reportedly": (
        Status.SUSPENDED,
        "Reported suspended since 1986",
        "the partnership has reportedly been suspended since 1986",
    ),
}
YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclasses.dataclass(frozen=True)
class CityFacts:
    name: str
    slug: str
    country_name: str
    country_code: str
    region: str
    relationship: str
    status: str
    status_note: str
    status_clause: str
    year_established: int | None
    agreement_date: datetime.date | None
    agreement_month: datetime.date | None  # only the year and month are known: not a date for the model
    other_years: tuple[int, ...]
    latitude: float
    longitude: float
    population: int | None
    sources: tuple[str, ...]

    @property
    def relationship_label(self):
        return RELATIONSHIP_WORDS[self.relationship]

    @property
    def year_note(self):
        notes = []
        if self.agreement_month:
            notes.append(f"Agreement signed in {self.agreement_month:%B %Y}.")
        if self.other_years:
            notes.append(f"Some sources give {' or '.join(str(year) for year in self.other_years)}.")
        return " ".join(notes)

    def page_fields(self):
        """The CityPage fields these facts fill in."""
        return {
            "title": self.name,
            "slug": self.slug,
            "country": self.country_code,
            "region": self.region,
            "relationship": self.relationship,
            "status": self.status,
            "status_note": self.status_note,
            "year_established": self.year_established,
            "agreement_date": self.agreement_date,
            "year_note": self.year_note,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "population": self.population,
        }

    def partnership_sentence(self):
        """One sentence on the partnership, built from the facts alone."""
        label = self.relationship_label
        if self.status == Status.UNCONFIRMED:
            return f"It is listed as a {label} of Los Angeles, but the tie is unconfirmed."
        if not self.year_established:
            return f"It is a {label} of Los Angeles; our sources do not give the year the tie began."
        when = f"{self.agreement_month:%B %Y}" if self.agreement_month else str(self.year_established)
        sentence = f"It became a {label} of Los Angeles in {when}"
        if self.status_clause:
            return f"{sentence}; {self.status_clause}."
        if self.other_years:
            return f"{sentence}; some sources give {' or '.join(str(year) for year in self.other_years)}."
        return f"{sentence}."

    def summary(self):
        parts = [CITY_DESCRIPTIONS[self.name], self.partnership_sentence(), CITY_NOTES.get(self.name, "")]
        return " ".join(part for part in parts if part)

    def history_paragraphs(self):
        """The facts of the partnership as short paragraphs for the city page's body."""
        label = self.relationship_label
        if self.agreement_date:
            first = (
                f"Los Angeles and {self.name} signed their {label} agreement on "
                f"{self.agreement_date:%B} {self.agreement_date.day}, {self.agreement_date.year}."
            )
        elif self.agreement_month:
            first = f"Los Angeles and {self.name} signed their {label} agreement in {self.agreement_month:%B %Y}."
        elif self.status == Status.UNCONFIRMED:
            first = f"{self.name} is listed as a {label} of Los Angeles, but the partnership is unconfirmed."
        elif self.year_established:
            first = f"{self.name} became a {label} of Los Angeles in {self.year_established}."
        else:
            first = f"{self.name} is a {label} of Los Angeles."
        notes = []
        if not self.year_established:
            notes.append("The sources we hold do not give the year the tie began.")
        if self.other_years:
            notes.append(f"Some sources give {' or '.join(str(year) for year in self.other_years)}.")
        if self.status_clause:
            notes.append(self.status_clause[0].upper() + self.status_clause[1:] + ".")
        return [" ".join([first, *notes]), "The facts on this page come from the public sources listed with it."]


def parse_city(record):
    """Map one fixture record onto CityFacts, refusing values the models cannot hold."""
    name = record["name"]
    if record["region"] not in REGIONS:
        raise ValueError(f"{name}: unknown region {record['region']!r}")
    if record["relationship"] not in Relationship.values:
        raise ValueError(f"{name}: unknown relationship {record['relationship']!r}")
    status, status_note, status_clause = record["status"], "", ""
    if status in SPECIAL_STATUSES:
        status, status_note, status_clause = SPECIAL_STATUSES[status]
    elif status not in Status.values:
        raise ValueError(f"{name}: unknown status {status!r}")

    agreement_date = agreement_month = None
    raw_date = record["agreement_date"]
    if raw_date:
        if match := YEAR_MONTH.match(raw_date):
            agreement_month = datetime.date(int(match[1]), int(match[2]), 1)
        else:
            agreement_date = datetime.date.fromisoformat(raw_date)

    return CityFacts(
        name=name,
        slug=slugify(string_to_ascii(name)),
        country_name=record["country"],
        country_code=record["country_code"],
        region=REGIONS[record["region"]],
        relationship=record["relationship"],
        status=status,
        status_note=status_note,
        status_clause=status_clause,
        year_established=record["year_established"],
        agreement_date=agreement_date,
        agreement_month=agreement_month,
        other_years=tuple(sorted(record["other_years_reported"])),
        latitude=record["latitude"],
        longitude=record["longitude"],
        population=record["population_approx"],
        sources=tuple(record["sources"]),
    )


def load_cities(path=None):
    with open(path or fixture_path(), encoding="utf-8") as handle:
        return [parse_city(record) for record in json.load(handle)]


def source_title(url):
    """A short title for a source: its site's host name, e.g. 'busan.go.kr'."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
