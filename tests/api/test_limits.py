"""Depth, alias, token, size and cost limits: each refuses with a clear error before any database work."""

import pytest

from django.test import override_settings

from cms.graphql.conf import DEFAULTS

from .conftest import post


def limits(**values):
    return override_settings(GRAPHQL_API={**DEFAULTS, **values})


def refused(client, django_assert_num_queries, query, variables=None):
    """The query is refused with one error, and the database is never asked."""
    with django_assert_num_queries(0):
        status, body = post(client, query, variables)
    assert status == 400, body
    assert "data" not in body or body["data"] is None
    return [error["message"] for error in body["errors"]]


def nested(depth):
    """pages { children { ... { title } } }, ``depth`` fields deep."""
    query = "title"
    for _ in range(depth - 2):
        query = f"children {{ {query} }}"
    return f"{{ pages {{ {query} }} }}"


@pytest.mark.django_db
def test_depth(client, django_assert_num_queries):
    # (Its cost is refused too: each nested list multiplies it.)
    assert (
        refused(client, django_assert_num_queries, nested(11))[0]
        == "The query is nested 11 levels deep; the limit is 10."
    )
    with limits(MAX_DEPTH=3):
        assert refused(client, django_assert_num_queries, nested(4)) == [
            "The query is nested 4 levels deep; the limit is 3."
        ]


@pytest.mark.django_db
def test_depth_counts_fragments(client, django_assert_num_queries):
    query = (
        "query { pages { ...A } } fragment A on PageInterface { children { ...B } } "
        "fragment B on PageInterface { children { title } }"
    )
    with limits(MAX_DEPTH=3):
        assert refused(client, django_assert_num_queries, query) == [
            "The query is nested 4 levels deep; the limit is 3."
        ]


@pytest.mark.django_db
def test_aliases(client, django_assert_num_queries):
    query = "{ %s }" % " ".join(f"a{n}: exchangeTypes {{ name }}" for n in range(16))
    assert refused(client, django_assert_num_queries, query) == ["The query uses 16 aliases; the limit is 15."]
    # Aliases inside a fragment count each time the fragment is used.
    fragment = "fragment F on Query { a: exchangeTypes { name } b: exchangeTypes { slug } }"
    with limits(MAX_ALIASES=3):
        query = "{ x: exchangeTypes { name } ...F } " + fragment
        assert post(client, query)[0] == 200
        query = "{ ...F x: cities { items { ...G } } } fragment G on CityPage { t: title } " + fragment
        assert refused(client, django_assert_num_queries, query) == ["The query uses 4 aliases; the limit is 3."]


@pytest.mark.django_db
def test_tokens(client, django_assert_num_queries):
    query = "{ %s }" % " ".join(["a"] * 1001)
    assert refused(client, django_assert_num_queries, query) == [
        "The query has more than 1000 tokens; the limit is 1000."
    ]


@pytest.mark.django_db
def test_length(client, django_assert_num_queries):
    query = "{ __typename }" + " " * 10_000
    assert refused(client, django_assert_num_queries, query) == [
        f"The query is {len(query)} characters long; the limit is 10000."
    ]


@pytest.mark.django_db
def test_cost_multiplies_by_list_sizes(client, django_assert_num_queries):
    # 100 pages x 100 children x 100 grandchildren: a million values, each field cheap on its own.
    query = "{ pages(limit: 100) { children(limit: 100) { children(limit: 100) { title } } } }"
    messages = refused(client, django_assert_num_queries, query)
    assert messages[0].startswith("The query could return about 1010101 values; the limit is 25000.")
    # Variables count too.
    query = "query($n: Int) { cities(perPage: $n) { items { stories(limit: $n) { title slug url } } } }"
    assert refused(client, django_assert_num_queries, query, {"n": 100})[0].startswith("The query could return about")
    with limits(MAX_COST=50):
        assert refused(client, django_assert_num_queries, "{ cities(perPage: 20) { items { title slug url } } }")


@pytest.mark.django_db
def test_standard_validation_rules_still_apply(client, django_assert_num_queries):
    assert refused(client, django_assert_num_queries, "{ cities { items { nope } } }") == [
        "Cannot query field 'nope' on type 'CityPage'."
    ]
    # grapple switches NoUnusedFragments off for the whole process; this API keeps it.
    assert refused(client, django_assert_num_queries, "{ __typename } fragment Unused on Query { __typename }") == [
        "Fragment 'Unused' is never used."
    ]


@pytest.mark.django_db
def test_suggestions_are_off_unless_configured(client):
    _, body = post(client, "{ citys { items { title } } }")
    assert body["errors"][0]["message"] == "Cannot query field 'citys' on type 'Query'."
    with limits(FIELD_SUGGESTIONS=True):
        _, body = post(client, "{ citys { items { title } } }")
    assert "Did you mean 'city', 'cities'" in body["errors"][0]["message"]


def test_defaults_are_the_documented_ones(settings):
    assert settings.GRAPHQL_API["MAX_DEPTH"] == DEFAULTS["MAX_DEPTH"] == 10
    assert settings.GRAPHQL_API["MAX_ALIASES"] == DEFAULTS["MAX_ALIASES"] == 15
    assert settings.GRAPHQL_API["MAX_TOKENS"] == DEFAULTS["MAX_TOKENS"] == 1000
    assert settings.GRAPHQL_API["MAX_QUERY_LENGTH"] == DEFAULTS["MAX_QUERY_LENGTH"] == 10_000
    assert settings.GRAPHQL_API["MAX_COST"] == DEFAULTS["MAX_COST"] == 25_000
    assert settings.GRAPHQL_API["FIELD_SUGGESTIONS"] is False
