"""The typed lists: every filter and order works, and a wrong argument says what is accepted."""

import datetime

from django.test import TestCase

from cities.factories import (
    CityPageFactory,
    ExchangeTypeFactory,
    ResourceCategoryFactory,
    ResourcePageFactory,
    StoryPageFactory,
)

from .builders import make_site
from .conftest import data, errors


def titles(result):
    return [item["title"] for item in result["items"]]


class ArgumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, city_index, story_index, resource_index = make_site()
        cls.nagoya = CityPageFactory(
            parent=city_index, title="Nagoya", slug="nagoya", country="JP", year_established=1959
        )
        cls.eilat = CityPageFactory(
            parent=city_index, title="Eilat", slug="eilat", country="IL", region="asia", year_established=1959
        )
        cls.berlin = CityPageFactory(
            parent=city_index,
            title="Berlin",
            slug="berlin",
            country="DE",
            region="europe",
            relationship="friendship_city",
            status="suspended",
            year_established=1967,
            summary="A friendship with the capital.",
        )
        CityPageFactory(
            parent=city_index,
            title="Unknown year",
            slug="unknown",
            country="FR",
            region="europe",
            year_established=None,
        )
        cultural = ExchangeTypeFactory(name="Cultural", slug="cultural", sort_order=2)
        ExchangeTypeFactory(name="Business", slug="business", sort_order=1)
        story = StoryPageFactory(
            parent=story_index,
            title="Festival",
            date=datetime.date(2023, 5, 1),
            cities=[cls.nagoya],
            exchange_types=[cultural],
        )
        story.tags.add("music")
        story.save()
        StoryPageFactory(parent=story_index, title="Trade mission", date=datetime.date(2021, 3, 1), cities=[cls.berlin])
        travel = ResourceCategoryFactory(name="Travel", slug="travel")
        grants = ResourceCategoryFactory(name="Grants", slug="grants")
        visa = ResourcePageFactory(parent=resource_index, title="Visa guide", category=travel)
        visa.cities.set([cls.nagoya])
        visa.save()
        ResourcePageFactory(parent=resource_index, title="Arts grant", category=grants)

    def cities(self, arguments):
        return titles(
            data(self.client, "{ cities%s { items { title } } }" % (f"({arguments})" if arguments else ""))["cities"]
        )

    def test_city_filters(self):
        self.assertEqual(self.cities(""), ["Berlin", "Eilat", "Nagoya", "Unknown year"])
        self.assertEqual(self.cities("region: EUROPE"), ["Berlin", "Unknown year"])
        self.assertEqual(self.cities('countryCode: "jp"'), ["Nagoya"])
        self.assertEqual(self.cities("relationship: FRIENDSHIP_CITY"), ["Berlin"])
        self.assertEqual(self.cities("status: SUSPENDED"), ["Berlin"])
        self.assertEqual(self.cities("establishedFrom: 1960"), ["Berlin"])
        self.assertEqual(self.cities("establishedTo: 1959"), ["Eilat", "Nagoya"])
        self.assertEqual(self.cities('search: "capital"'), ["Berlin"])

    def test_city_orders(self):
        self.assertEqual(self.cities("order: NAME_DESC"), ["Unknown year", "Nagoya", "Eilat", "Berlin"])
        self.assertEqual(self.cities("order: YEAR_ESTABLISHED"), ["Eilat", "Nagoya", "Berlin", "Unknown year"])
        self.assertEqual(self.cities("order: YEAR_ESTABLISHED_DESC"), ["Berlin", "Eilat", "Nagoya", "Unknown year"])
        self.assertEqual(self.cities("order: COUNTRY"), ["Berlin", "Unknown year", "Eilat", "Nagoya"])

    def test_pagination(self):
        result = data(
            self.client,
            "{ cities(perPage: 3, page: 2) { items { title } "
            "pagination { total page perPage totalPages hasNextPage hasPreviousPage } } }",
        )
        self.assertEqual(titles(result["cities"]), ["Unknown year"])
        self.assertEqual(
            result["cities"]["pagination"],
            {"total": 4, "page": 2, "perPage": 3, "totalPages": 2, "hasNextPage": False, "hasPreviousPage": True},
        )

    def test_invalid_arguments_say_what_is_accepted(self):
        cases = {
            "region: MARS": "Value 'MARS' does not exist in 'Region' enum. "
            "Accepted: AFRICA, ASIA, EUROPE, NORTH_AMERICA, SOUTH_AMERICA, OCEANIA.",
            "order: POPULARITY": "Value 'POPULARITY' does not exist in 'CityOrder' enum. "
            "Accepted: NAME, NAME_DESC, YEAR_ESTABLISHED, YEAR_ESTABLISHED_DESC, COUNTRY, RELEVANCE.",
            'countryCode: "XX"': "Unknown country code 'XX': use an ISO 3166-1 alpha-2 code such as JP.",
            "perPage: 101": "perPage must be between 1 and 100; got 101.",
            "perPage: 0": "perPage must be between 1 and 100; got 0.",
            "page: 0": "page must be 1 or more; got 0.",
            "page: 3, perPage: 2": "page 3 is past the end: there are 2 pages of results for these arguments.",
            "establishedFrom: 1900": (
                f"establishedFrom must be a year from 1959 to {datetime.date.today().year}; got 1900."
            ),
            "establishedFrom: 1970, establishedTo: 1960": "establishedFrom must not be after establishedTo.",
            "order: RELEVANCE": "order: RELEVANCE needs a search.",
            "locale: FR": "Value 'FR' does not exist in 'Language' enum. Accepted: EN, ES.",
        }
        for arguments, message in cases.items():
            with self.subTest(arguments):
                self.assertEqual(errors(self.client, "{ cities(%s) { items { title } } }" % arguments)[0], message)

    def test_invalid_variables_say_what_is_accepted(self):
        messages = errors(self.client, "query($r: Region) { cities(region: $r) { items { title } } }", {"r": "MARS"})
        self.assertIn("Accepted: AFRICA, ASIA, EUROPE", messages[0])

    def test_story_filters(self):
        def stories(arguments):
            query = "{ stories%s { items { title } } }" % (f"({arguments})" if arguments else "")
            return titles(data(self.client, query)["stories"])

        self.assertEqual(stories(""), ["Festival", "Trade mission"])
        self.assertEqual(stories("order: OLDEST"), ["Trade mission", "Festival"])
        self.assertEqual(stories('city: "berlin"'), ["Trade mission"])
        self.assertEqual(stories('exchangeType: "cultural"'), ["Festival"])
        self.assertEqual(stories('tag: "music"'), ["Festival"])
        self.assertEqual(stories('dateFrom: "2022-01-01"'), ["Festival"])
        self.assertEqual(stories('dateTo: "2022-01-01"'), ["Trade mission"])
        self.assertEqual(stories('search: "mission"'), ["Trade mission"])

    def test_story_argument_errors(self):
        cases = {
            'city: "atlantis"': "No published city has the slug 'atlantis' in this language.",
            'exchangeType: "sports"': "Unknown exchange type 'sports'. Accepted: business, cultural.",
            'tag: "nothing"': "No story has the tag 'nothing'.",
            'dateFrom: "2024-02-30"': (
                "Date cannot represent value: '2024-02-30'. Dates are written YYYY-MM-DD, e.g. 2024-05-01."
            ),
            'dateFrom: "2024-05-01", dateTo: "2024-01-01"': "dateFrom must not be after dateTo.",
            "order: SHUFFLE": (
                "Value 'SHUFFLE' does not exist in 'StoryOrder' enum. Accepted: NEWEST, OLDEST, TITLE, RELEVANCE."
            ),
        }
        for arguments, message in cases.items():
            with self.subTest(arguments):
                self.assertEqual(errors(self.client, "{ stories(%s) { items { title } } }" % arguments)[0], message)

    def test_resources_and_snippets(self):
        def resources(arguments):
            query = "{ resources%s { items { title } } }" % (f"({arguments})" if arguments else "")
            return titles(data(self.client, query)["resources"])

        self.assertEqual(resources(""), ["Arts grant", "Visa guide"])
        self.assertEqual(resources('category: "travel"'), ["Visa guide"])
        self.assertEqual(resources('city: "nagoya"'), ["Visa guide"])
        self.assertEqual(resources("order: CATEGORY"), ["Arts grant", "Visa guide"])
        self.assertEqual(
            errors(self.client, '{ resources(category: "food") { items { title } } }'),
            ["Unknown resource category 'food'. Accepted: grants, travel."],
        )
        result = data(self.client, "{ exchangeTypes { slug } resourceCategories { slug } }")
        self.assertEqual([t["slug"] for t in result["exchangeTypes"]], ["business", "cultural"])
        self.assertEqual([c["slug"] for c in result["resourceCategories"]], ["grants", "travel"])

    def test_grapple_style_arguments_are_checked(self):
        self.assertEqual(
            errors(self.client, '{ pages(order: "draft_title") { title } }'),
            [
                "Cannot order by 'draft_title'. Accepted: first_published_at, id, last_published_at, path, slug, "
                "title, each optionally with a leading '-' for descending order, separated by commas."
            ],
        )
        self.assertEqual(
            errors(self.client, "{ pages(limit: 500) { title } }"), ["limit must be between 1 and 100; got 500."]
        )
        self.assertEqual(
            errors(self.client, '{ pages(contentType: "cities.Nope") { title } }')[0].split(". Accepted")[0],
            "Unknown content type 'cities.nope'",
        )
        result = data(self.client, '{ pages(contentType: "cities.CityPage", order: "-title", limit: 2) { title } }')
        self.assertEqual([page["title"] for page in result["pages"]], ["Unknown year", "Nagoya"])
        self.assertEqual(
            errors(self.client, '{ city(slug: "nagoya") { stories(limit: 0) { title } } }'),
            ["limit must be between 1 and 100; got 0."],
        )
