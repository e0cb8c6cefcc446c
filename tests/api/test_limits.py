"""Depth, alias, token, size and cost limits: each refuses with a clear error before any database work."""

import json
from collections import Counter

import pytest
from graphql import TypeInfo, ValidationContext, parse
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from django.test import override_settings

from cms.graphql.conf import DEFAULTS, api_setting
from cms.graphql.limits import _Walker, count_tokens, parse_and_print
from cms.graphql.schema import schema

from .conftest import ENDPOINT, data, post


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
    """pages { items { children { ... { title } } } }, ``depth`` fields deep."""
    query = "title"
    for _ in range(depth - 3):
        query = f"children {{ {query} }}"
    return f"{{ pages {{ items {{ {query} }} }} }}"


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
        'query { page(urlPath: "/") { ...A } } fragment A on PageInterface { children { ...B } } '
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


def test_a_document_seen_again_is_not_parsed_again():
    # Partner sites send the same few documents again and again: a cached answer costs no parse.
    query = "query Again { exchangeTypes { items { id name } } }"
    first, printed = parse_and_print(query)
    assert parse_and_print(query) == (first, printed)
    assert parse_and_print(query)[0] is first
    assert printed.startswith("query Again {")


@pytest.mark.django_db
def test_the_memo_of_documents_follows_the_limits_in_force(client, django_assert_num_queries):
    # Accepted, and kept, under the default limits; refused when the limits are lowered.
    query = "{ %s }" % " ".join(["__typename"] * 6)
    status, body = post(client, query)
    assert (status, body) == (200, {"data": {"__typename": "Query"}})
    with limits(MAX_TOKENS=5):
        assert refused(client, django_assert_num_queries, query) == [
            "The query has more than 5 tokens; the limit is 5."
        ]
    # A refused document is refused again, not remembered as accepted.
    too_long = "{ __typename }" + " " * 10_000
    for _ in range(2):
        assert refused(client, django_assert_num_queries, too_long) == [
            f"The query is {len(too_long)} characters long; the limit is 10000."
        ]


@pytest.mark.django_db
def test_cost_multiplies_by_list_sizes(client, django_assert_num_queries):
    # 100 pages x 100 children x 100 grandchildren: a million values, each field cheap on its own.
    query = "{ pages(perPage: 100) { items { children(perPage: 100) { children(perPage: 100) { title } } } } }"
    messages = refused(client, django_assert_num_queries, query)
    assert messages[0].startswith("The query could return about 1010102 values; the limit is 25000.")
    # Variables count too.
    query = "query($n: Int) { cities(perPage: $n) { items { stories(perPage: $n) { title slug url } } } }"
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
    assert "Did you mean 'city' or 'cities'" in body["errors"][0]["message"]


def test_defaults_are_the_documented_ones(settings):
    assert settings.GRAPHQL_API["MAX_DEPTH"] == DEFAULTS["MAX_DEPTH"] == 10
    assert settings.GRAPHQL_API["MAX_ALIASES"] == DEFAULTS["MAX_ALIASES"] == 15
    assert settings.GRAPHQL_API["MAX_TOKENS"] == DEFAULTS["MAX_TOKENS"] == 1000
    assert settings.GRAPHQL_API["MAX_QUERY_LENGTH"] == DEFAULTS["MAX_QUERY_LENGTH"] == 10_000
    assert settings.GRAPHQL_API["MAX_COST"] == DEFAULTS["MAX_COST"] == 25_000
    assert settings.GRAPHQL_API["FIELD_SUGGESTIONS"] is False
    assert api_setting("MAX_SELECTIONS") == DEFAULTS["MAX_SELECTIONS"] == 200


# Validation time is bounded by the document's size (issue 8). Each family of hostile
# documents below is generated at many sizes; each member is refused with the right
# limit's message, or answered. No test measures time: bench/validation.py does.

ISSUE_8_FAN_OUT = " ".join(
    ["{ ...F0 }"]
    + [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(24)]
    + ["fragment F24 on Query { __typename }"]
)
fan_out_settings = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def fan_out(levels, width, leaf, on="Query", root="{ ...F0 }"):
    """F0 spreads F1 ``width`` times, F1 spreads F2 as often, ...: width**levels copies of ``leaf``."""
    parts = [root]
    for i in range(levels):
        parts.append(f"fragment F{i} on {on} {{ {' '.join([f'...F{i + 1}'] * width)} }}")
    parts.append(f"fragment F{levels} on {on} {{ {leaf} }}")
    return " ".join(parts)


def amount(number):
    return f"more than {10**12}" if number >= 10**12 else str(number)


def cost_refused(cost):
    """The start of the cost limit's message: counts past 10**12 are not worked out."""
    return f"The query could return {'about ' if cost < 10**12 else ''}{amount(cost)} values; the limit is 25000."


def test_each_fragment_is_measured_once():
    """The depth and cost walk visits each fragment's selection set once, however often it is spread.

    (It used to walk every spread: 2**levels walks of the last fragment.)
    """
    graphql_schema = schema.graphql_schema
    for levels, width in ((2, 2), (8, 2), (24, 2), (6, 5), (3, 30)):
        for leaf, on, root in (
            ("__typename", "Query", "{ ...F0 }"),
            ("a: __typename", "Query", "{ x: __typename ...F0 }"),
            ("children(perPage: 2) { id }", "PageInterface", "{ pages(perPage: 3) { items { ...F0 } } }"),
            ("items { id }", "CityList", "{ cities { ...F0 } c: cities(perPage: 5) { ...F0 } }"),
        ):
            document = parse(fan_out(levels, width, leaf, on, root))
            visits = Counter()

            class CountingWalker(_Walker):
                def selection_set(self, selection_set, *args, visits=visits):
                    visits[id(selection_set)] += 1
                    return super().selection_set(selection_set, *args)

            context = ValidationContext(graphql_schema, document, TypeInfo(graphql_schema), lambda error: None)
            CountingWalker(context, {}).operation(document.definitions[0])
            fragments = [definition for definition in document.definitions if definition.kind == "fragment_definition"]
            assert max(visits[id(fragment.selection_set)] for fragment in fragments) <= 2, (levels, width, leaf)
            assert sum(visits.values()) <= 2 * len(fragments) + 4


@pytest.mark.django_db
def test_issue_8_fan_out_is_answered(client):
    assert len(ISSUE_8_FAN_OUT) < 1_000
    assert data(client, ISSUE_8_FAN_OUT) == {"__typename": "Query"}


@pytest.mark.django_db
@fan_out_settings
@given(levels=st.integers(1, 40), width=st.integers(2, 6))
def test_fan_out_of_aliases_is_counted_by_multiplication(client, django_assert_num_queries, levels, width):
    query = fan_out(levels, width, "a: __typename b: __typename")
    assume(len(query) <= 10_000 and count_tokens(query) <= 1_000 and levels * width + 2 <= 200)
    aliases = 2 * width**levels
    if aliases > 15:
        assert refused(client, django_assert_num_queries, query) == [
            f"The query uses {amount(aliases)} aliases; the limit is 15."
        ]
    else:
        assert data(client, query) == {"a": "Query", "b": "Query"}


@pytest.mark.django_db
@fan_out_settings
@given(levels=st.integers(1, 60), width=st.integers(2, 4), size=st.integers(1, 50))
def test_fan_out_of_lists_is_costed_by_multiplication(client, django_assert_num_queries, levels, width, size):
    root = "{ cities(perPage: 2) { items { ...F0 } } }"
    query = fan_out(levels, width, f"children(perPage: {size}) {{ id }}", "PageInterface", root)
    assume(len(query) <= 10_000 and count_tokens(query) <= 1_000 and levels * width + 5 <= 200)
    # cities and its items count 2, plus 2 cities x width**levels children lists x (1 + size ids).
    cost = 2 + 2 * width**levels * (1 + size)
    if cost > 25_000:
        messages = refused(client, django_assert_num_queries, query)
        assert messages[0].startswith(
            f"The query could return {'about ' if cost < 10**12 else ''}{amount(cost)} values;"
        )
        assert messages[0].endswith("the limit is 25000. Ask for fewer fields, or for smaller lists (perPage).")
    else:
        assert data(client, query) == {"cities": {"items": []}}


@pytest.mark.django_db
@pytest.mark.parametrize("levels", [1, 2, 7, 8, 9, 15, 30, 49])
def test_fan_out_of_nested_fields_is_refused_by_depth(client, django_assert_num_queries, levels):
    """Same-named fields spread 2**levels times: what OverlappingFieldsCanBeMerged compares."""
    query = " ".join(
        ['{ city(slug: "nowhere") { ...F0 } }']
        + [
            f"fragment F{i} on PageInterface {{ parent {{ ...F{i + 1} }} parent {{ ...F{i + 1} }} }}"
            for i in range(levels)
        ]
        + [f"fragment F{levels} on PageInterface {{ id }}"]
    )
    if levels + 2 > 10:
        messages = refused(client, django_assert_num_queries, query)
        assert messages[0] == f"The query is nested {levels + 2} levels deep; the limit is 10."
    else:
        assert data(client, query) == {"city": None}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 15, 16, 100, 200, 201, 330])
def test_wide_aliases(client, django_assert_num_queries, count):
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(count)) + " }"
    if count > 200:
        assert refused(client, django_assert_num_queries, query) == [
            f"The query has {count} fields and fragment spreads; the limit is 200. Ask for fewer fields, each once."
        ]
    elif count > 15:
        assert refused(client, django_assert_num_queries, query) == [
            f"The query uses {count} aliases; the limit is 15."
        ]
    else:
        assert data(client, query) == {f"a{i}": "Query" for i in range(count)}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 60, 199, 200, 201, 400, 900])
def test_repeated_fields_are_bounded_by_the_selection_limit(client, django_assert_num_queries, count):
    """graphql-core compares same-named fields pairwise: the selection limit bounds that work."""
    query = "{ " + " ".join(["__typename"] * count) + " }"
    if count > 200:
        assert refused(client, django_assert_num_queries, query) == [
            f"The query has {count} fields and fragment spreads; the limit is 200. Ask for fewer fields, each once."
        ]
    else:
        assert data(client, query) == {"__typename": "Query"}
    count = min(count, 330)  # three tokens each
    conflicting = "{ " + " ".join(f"a: {'__typename' if i % 2 else 'documentType'}" for i in range(count)) + " }"
    messages = refused(client, django_assert_num_queries, conflicting)
    if count > 200:
        assert messages == [
            f"The query has {count} fields and fragment spreads; the limit is 200. Ask for fewer fields, each once."
        ]
    else:
        assert any(
            message.startswith("Fields 'a' conflict because") and "are different fields" in message
            for message in messages
        ), messages


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 10, 100, 101, 110])
def test_many_fragments_count_their_spreads(client, django_assert_num_queries, count):
    spreads = " ".join(f"...F{i}" for i in range(count))
    query = f"{{ {spreads} }} " + " ".join(f"fragment F{i} on Query {{ __typename }}" for i in range(count))
    if 2 * count > 200:
        assert refused(client, django_assert_num_queries, query) == [
            f"The query has {2 * count} fields and fragment spreads; the limit is 200. Ask for fewer fields, each once."
        ]
    else:
        assert data(client, query) == {"__typename": "Query"}
    with limits(MAX_SELECTIONS=1_000):  # the fragments are counted once, not per operation
        operations = " ".join(f"query Q{i} {{ ...F0 }}" for i in range(count))
        query = fan_out(8, 2, "__typename", root=operations)
        body = {"query": query, "operationName": f"Q{count - 1}"}
        response = client.post(ENDPOINT, data=json.dumps(body), content_type="application/json")
        assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [9, 10, 11, 50, 150])
def test_deep_nesting(client, django_assert_num_queries, depth):
    query = '{ city(slug: "nowhere") { ' + "parent { " * (depth - 2) + "id" + " }" * (depth - 1) + " }"
    if depth > 10:
        assert refused(client, django_assert_num_queries, query) == [
            f"The query is nested {depth} levels deep; the limit is 10."
        ]
    else:
        assert data(client, query) == {"city": None}
    inline = "{ " + "... on Query { " * depth + "__typename" + " }" * (depth + 1)
    assert data(client, inline) == {"__typename": "Query"}  # inline fragments add no depth


@pytest.mark.django_db
@pytest.mark.parametrize("levels", [0, 1, 3, 6, 7])
@pytest.mark.parametrize("size", [1, 7, 100])
def test_nested_lists_cost(client, django_assert_num_queries, levels, size):
    """cities(perPage) { items { children(perPage) { children(perPage) ... { id } } } }"""
    query = (
        f"{{ cities(perPage: {size}) {{ items {{ "
        + f"children(perPage: {size}) {{ " * levels
        + "id"
        + " }" * (levels + 2)
        + " }"
    )
    cost = 1  # id
    for _ in range(levels):
        cost = 1 + size * cost
    cost = 2 + size * cost  # cities, and its items
    if cost > 25_000:
        messages = refused(client, django_assert_num_queries, query)
        assert messages[0].startswith(cost_refused(cost))
    else:
        assert data(client, query) == {"cities": {"items": []}}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 10, 140])
def test_many_directives_and_variables(client, django_assert_num_queries, count):
    query = "{ __typename " + " ".join(["@include(if: true)"] * count) + " }"
    assert refused(client, django_assert_num_queries, query)[0] == (
        "The directive '@include' can only be used once at this location."
    )
    definitions = ", ".join(f"$v{i}: Int" for i in range(count))
    assert refused(client, django_assert_num_queries, f"query({definitions}) {{ __typename }}")[0] == (
        "Variable '$v0' is never used."
    )
