"""The one parser of the directory's and the stories' filters (cities/filters.py), and its two ways of reporting.

Accepted values come back cleaned (the object, the number, the code in capitals); each rejected
value is listed with an explanation. The website ignores the rejections (the filter is simply not
applied); the API raises them as one GraphQL error (cities/schema.py ``_checked``).
"""

import datetime
from types import SimpleNamespace

import pytest
from django_countries import countries
from graphql import GraphQLError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cities.choices import FIRST_PARTNERSHIP_YEAR, Region, Relationship, Status
from cities.filters import parse_city_filters, parse_story_filters, rejected_message
from cities.querysets import CITY_SORTS
from cities.schema import _checked

TODAY = datetime.date(2025, 6, 1)
CITIES = [SimpleNamespace(slug="nagoya"), SimpleNamespace(slug="berlin")]
TYPES = [SimpleNamespace(slug="cultural"), SimpleNamespace(slug="business")]
TAGS = [SimpleNamespace(slug="students", name="Students"), SimpleNamespace(slug="jazz-music", name="jazz music")]
YEARS = [2024, 2023, 1999]

SOME = settings(max_examples=60, deadline=None, derandomize=True)
# Any string a visitor or a client may send, empty aside (an empty value means "no filter").
ANY_TEXT = st.text(min_size=1, max_size=60)


def stories(**values):
    return parse_story_filters(CITIES, TYPES, TAGS, YEARS, **values)


def cities(**values):
    return parse_city_filters(today=TODAY, **values)


# --- Stories: accepted -------------------------------------------------------


def test_story_filters_accept_known_values_and_return_them_cleaned():
    chosen = stories(city="nagoya", exchange_type="cultural", tag="students", year="2023")
    assert (chosen.city, chosen.exchange_type, chosen.tag, chosen.year) == (CITIES[0], TYPES[0], TAGS[0], 2023)
    assert chosen.rejected == []
    assert chosen


def test_a_tag_is_found_by_its_name_too():
    assert stories(tag="jazz music").tag is TAGS[1]


def test_no_value_is_no_filter_and_no_rejection():
    chosen = stories(city="", exchange_type=None, tag="", year="")
    assert not chosen
    assert chosen.rejected == []


@SOME
@given(st.sampled_from(YEARS), st.sampled_from([str, int]))
def test_a_known_year_is_accepted_as_text_or_number(year, kind):
    assert stories(year=kind(year)).year == year


# --- Stories: rejected, each with its explanation ----------------------------


@SOME
@given(ANY_TEXT.filter(lambda text: text not in {city.slug for city in CITIES}))
def test_any_unknown_city_is_rejected_and_named(value):
    chosen = stories(city=value)
    assert chosen.city is None
    [rejected] = chosen.rejected
    assert (rejected.argument, rejected.value) == ("city", value)
    assert "No published city has the slug" in rejected.message


@SOME
@given(ANY_TEXT.filter(lambda text: text not in {kind.slug for kind in TYPES}))
def test_any_unknown_exchange_type_is_rejected_with_what_is_accepted(value):
    [rejected] = stories(exchange_type=value).rejected
    assert rejected.argument == "exchangeType"
    assert rejected.message.endswith("Accepted: business, cultural.")


@SOME
@given(ANY_TEXT.filter(lambda text: text not in {tag.slug for tag in TAGS} | {tag.name for tag in TAGS}))
def test_any_unknown_tag_is_rejected(value):
    chosen = stories(tag=value)
    assert chosen.tag is None
    [rejected] = chosen.rejected
    assert (rejected.argument, rejected.value) == ("tag", value)
    assert "No story has the tag" in rejected.message


@SOME
@given(ANY_TEXT.filter(lambda text: text not in {str(year) for year in YEARS}))
@example("²")  # a digit to str.isdigit(), not to int(): it was a 500 on the story index
@example("٢٠٢٣")
def test_any_other_year_is_rejected_with_the_years_there_are(value):
    # Any string: words, negative numbers, other years, digits of other scripts ("²", "٣").
    chosen = stories(year=value)
    assert chosen.year is None
    [rejected] = chosen.rejected
    assert rejected.argument == "year"
    assert rejected.message.endswith("Accepted: 2024, 2023, 1999.")


def test_dates_in_the_wrong_order_are_rejected():
    chosen = stories(date_from=datetime.date(2024, 2, 1), date_to=datetime.date(2024, 1, 1))
    assert (chosen.date_from, chosen.date_to) == (None, None)
    assert [item.argument for item in chosen.rejected] == ["dateFrom"]


def test_every_rejection_is_listed_not_just_the_first():
    chosen = stories(city="atlantis", exchange_type="x", tag="nope", year="1800")
    assert [item.argument for item in chosen.rejected] == ["city", "exchangeType", "tag", "year"]


# --- The two ways of reporting --------------------------------------------------


@SOME
@given(city=ANY_TEXT.filter(lambda text: text != "nagoya"), year=ANY_TEXT.filter(lambda text: text != "2023"))
def test_the_website_ignores_what_was_rejected_and_keeps_the_rest(city, year):
    # The story index applies what was accepted and shows every story for the rest.
    chosen = stories(city=city, year=year, tag="students")
    assert chosen.tag is TAGS[0]
    assert (chosen.city, chosen.year) == (None, None)


@SOME
@given(city=ANY_TEXT.filter(lambda text: text not in {"nagoya", "berlin"}))
def test_the_api_raises_one_error_listing_every_rejection(city):
    chosen = stories(city=city, exchange_type="x")
    with pytest.raises(GraphQLError) as raised:
        _checked(chosen)
    assert raised.value.message == rejected_message(chosen.rejected)
    assert "No published city" in raised.value.message
    assert "Accepted: business, cultural." in raised.value.message


def test_the_api_passes_accepted_filters_through():
    chosen = stories(city="berlin")
    assert _checked(chosen) is chosen


# --- Cities ----------------------------------------------------------------------


@SOME
@given(
    sort=st.sampled_from(list(CITY_SORTS)),
    region=st.sampled_from(Region.values),
    relationship=st.sampled_from(Relationship.values),
    status=st.sampled_from(Status.values),
    code=st.sampled_from([code for code, _ in list(countries)[:40]]),
)
def test_city_filters_accept_known_values(sort, region, relationship, status, code):
    chosen = cities(sort=sort, region=region, relationship=relationship, status=status, country_code=code.lower())
    assert chosen.rejected == []
    assert (chosen.sort, chosen.region, chosen.relationship, chosen.status) == (sort, region, relationship, status)
    assert chosen.country_code == code


@pytest.mark.parametrize(
    ("argument", "keyword", "choices"),
    [
        ("order", "sort", list(CITY_SORTS)),
        ("region", "region", Region.values),
        ("relationship", "relationship", Relationship.values),
        ("status", "status", Status.values),
    ],
)
@SOME
@given(value=ANY_TEXT)
def test_any_unknown_choice_is_rejected_with_what_is_accepted(argument, keyword, choices, value):
    if value in choices:
        return
    chosen = cities(**{keyword: value})
    assert getattr(chosen, keyword) is None
    [rejected] = chosen.rejected
    assert (rejected.argument, rejected.value) == (argument, value)
    assert rejected.message.endswith(f"Accepted: {', '.join(choices)}.")


@SOME
@given(ANY_TEXT.filter(lambda text: text.upper() not in dict(countries)))
def test_any_unknown_country_code_is_rejected(value):
    chosen = cities(country_code=value)
    assert chosen.country_code is None
    [rejected] = chosen.rejected
    assert rejected.argument == "countryCode"
    assert "ISO 3166-1 alpha-2" in rejected.message


@SOME
@given(st.integers().filter(lambda year: not FIRST_PARTNERSHIP_YEAR <= year <= TODAY.year))
def test_any_year_outside_the_program_is_rejected(year):
    chosen = cities(established_from=year, established_to=TODAY.year)
    assert (chosen.established_from, chosen.established_to) == (None, None)
    [rejected] = chosen.rejected
    assert rejected.argument == "establishedFrom"
    assert f"from {FIRST_PARTNERSHIP_YEAR} to {TODAY.year}" in rejected.message


@SOME
@given(st.integers(FIRST_PARTNERSHIP_YEAR, TODAY.year), st.integers(FIRST_PARTNERSHIP_YEAR, TODAY.year))
def test_years_in_range_are_accepted_in_order_and_rejected_reversed(first, second):
    chosen = cities(established_from=first, established_to=second)
    if first <= second:
        assert (chosen.established_from, chosen.established_to, chosen.rejected) == (first, second, [])
    else:
        assert (chosen.established_from, chosen.established_to) == (None, None)
        assert [item.argument for item in chosen.rejected] == ["establishedFrom"]
