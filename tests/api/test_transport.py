"""
The endpoint's transport: what a request may look like, and the 4xx for each mistake.

Explicit cases first (wrong JSON types, repeated parameters, deep nesting, bad
encodings and charsets, content types, methods, body size, Apollo's GETs), then
generated requests: random methods, headers, query strings and bodies (random
bytes, JSON of every type at every key, deep nesting, other encodings) sent
through Django's test client to the real endpoint. No answer may be a 5xx; a 200
is JSON with "data" or "errors"; a 4xx is JSON with an error message and is never
cached. The counts (requests, answers by status) are printed under ``pytest -s``
and written to test-artifacts/transport-fuzz-<database>.json.
"""

import codecs
import hashlib
import json
import string
from collections import Counter
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.conf import settings as django_settings
from django.test import override_settings

from cities.factories import CityPageFactory
from cms.graphql.conf import DEFAULTS
from tests.support import artifacts

from .conftest import ENDPOINT

JSON_TYPE = "application/json"
QUERY = "{ __typename }"
ACCEPTED = ("application/json", "application/graphql", "application/x-www-form-urlencoded", "multipart/form-data")


def send(client, method, body=b"", content_type=None, query_string="", **extra):
    """A request as a client could send it: any method, any bytes, any Content-Type (or none)."""
    if content_type is not None:
        extra["CONTENT_TYPE"] = content_type
    if body and "CONTENT_TYPE" not in extra:
        extra["CONTENT_TYPE"] = ""
    extra["CONTENT_LENGTH"] = extra.get("CONTENT_LENGTH", str(len(body)))
    return client.generic(method, ENDPOINT, body, QUERY_STRING=query_string, **extra)


def post_json(client, value, **extra):
    body = value if isinstance(value, bytes | str) else json.dumps(value)
    return send(client, "POST", body.encode() if isinstance(body, str) else body, JSON_TYPE, **extra)


def refused(response, status=400):
    """The error message of a refused request, after checking its form: JSON errors, never cached."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    body = json.loads(response.content)
    assert set(body) == {"errors"}, body
    message = body["errors"][0]["message"]
    assert isinstance(message, str) and message
    return message


def served(response):
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def nested(depth):
    """A list nested ``depth`` deep, as JSON text (json.dumps would hit the recursion limit)."""
    return "[" * depth + '"x"' + "]" * depth


# --- Parameters of the wrong JSON type ------------------------------------------

WRONG_TYPES = [
    (1, "a number"),
    (1.5, "a number"),
    (["{ a }"], "an array"),
    ({"a": 1}, "an object"),
    (True, "a boolean"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "kind"), WRONG_TYPES)
def test_a_query_that_is_not_a_string_is_refused(client, value, kind):
    message = refused(post_json(client, {"query": value}))
    assert message == f"query must be a string holding a GraphQL document; got {kind}."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "kind"), [*WRONG_TYPES[:3], (True, "a boolean"), ("[1]", "an array"), ("7", "a number")]
)
def test_variables_that_are_not_an_object_are_refused(client, value, kind):
    message = refused(post_json(client, {"query": QUERY, "variables": value}))
    assert message == f'variables must be a JSON object such as {{"slug": "nagoya"}}, or null; got {kind}.'


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "kind"), WRONG_TYPES)
def test_an_operation_name_that_is_not_a_string_is_refused(client, value, kind):
    message = refused(post_json(client, {"query": QUERY, "operationName": value}))
    assert message.startswith("operationName must be a string naming one of the query's operations, or null;")
    assert message.endswith(f"got {kind}.")


@pytest.mark.django_db
def test_null_parameters_are_absent_ones(client):
    assert served(post_json(client, {"query": QUERY, "variables": None, "operationName": None})) == {
        "data": {"__typename": "Query"}
    }
    message = refused(post_json(client, {"query": None}))
    assert message.startswith("Must provide a query: the GraphQL document as the query parameter")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ([{"query": QUERY}], "Batched requests (a JSON array) are not supported: send one JSON object per request"),
        ([], "Batched requests (a JSON array) are not supported"),
        (3, "The body must be a JSON object such as"),
        ('"{ __typename }"', "The body must be a JSON object such as"),
        (None, "The body must be a JSON object such as"),
        (False, "The body must be a JSON object such as"),
    ],
)
def test_a_json_body_must_be_one_object(client, body, expected):
    message = refused(post_json(client, body))
    assert message.startswith(expected)


# --- The URL's parameters ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ("[1]", "got an array"),
        ("1", "got a number"),
        ('"nagoya"', "got a string"),
        ("true", "got a boolean"),
        ("{slug: nagoya}", "variables is not valid JSON (Expecting property name enclosed in double quotes"),
    ],
)
def test_get_variables_must_be_a_json_object(client, variables, expected):
    response = client.get(ENDPOINT, {"query": QUERY, "variables": variables})
    assert expected in refused(response)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["query", "variables", "operationName"])
def test_a_parameter_given_twice_is_refused(client, name):
    values = {"query": [QUERY, "{ cities { total } }"], "variables": ["{}", "{}"], "operationName": ["A", "B"]}
    params = {"query": QUERY, name: values[name]}
    assert refused(client.get(ENDPOINT, params)) == f"{name} was given 2 times; give it once."
    form = send(client, "POST", urlencode(params, doseq=True).encode(), "application/x-www-form-urlencoded")
    assert refused(form) == f"{name} was given 2 times; give it once."


@pytest.mark.django_db
def test_too_many_url_parameters_are_refused_as_json(client):
    query_string = "&".join(["a=1"] * (django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    message = refused(send(client, "POST", query_string.encode(), "application/x-www-form-urlencoded"))
    assert (
        message == "The request has more than 10000 parameters; the endpoint reads query, variables and operationName."
    )
    # By GET, so long a query string is refused for its length first (it would not fit gunicorn's request line).
    assert "a GET may send at most 8000" in refused(send(client, "GET", query_string=query_string))


# --- Deep nesting and numbers JSON cannot hold -----------------------------------


@pytest.mark.django_db
def test_json_nested_100000_deep_is_refused(client):
    deep = "[" * 100_000
    too_deep = "nested more than 64 levels deep; the limit is 64."
    assert refused(post_json(client, deep)) == f"The body is {too_deep}"
    # By GET, refused for the URL's length before its JSON is read.
    assert "Send this query by POST" in refused(client.get(ENDPOINT, {"query": QUERY, "variables": deep}))
    # Within the body limit: a JSON string, and form fields, are longer than their brackets.
    deep = "[" * 30_000
    assert refused(post_json(client, {"query": QUERY, "variables": deep})) == f"variables is {too_deep}"
    form = send(
        client, "POST", urlencode({"query": QUERY, "variables": deep}).encode(), "application/x-www-form-urlencoded"
    )
    assert refused(form) == f"variables is {too_deep}"


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [65, 900, 990])
def test_deep_variables_that_parse_are_refused_before_graphql_core(client, depth):
    query = "query($x: String) { city(slug: $x) { title } }"
    variables = '{"x": %s}' % nested(depth)
    body = '{"query": %s, "variables": %s}' % (json.dumps(query), variables)
    assert "nested more than 64 levels" in refused(post_json(client, body))
    assert "nested more than 64 levels" in refused(post_json(client, {"query": query, "variables": variables}))
    assert "nested more than 64 levels" in refused(client.get(ENDPOINT, {"query": query, "variables": variables}))


@pytest.mark.django_db
def test_nested_variables_within_the_limit_reach_graphql_cores_coercion(client):
    query = "query($x: String) { city(slug: $x) { title } }"
    message = refused(post_json(client, '{"query": %s, "variables": {"x": %s}}' % (json.dumps(query), nested(60))))
    assert message.startswith("Variable '$x' got invalid value")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"query": "{ __typename }", "variables": {"a": NaN}}', "NaN is not a JSON number"),
        ('{"query": "{ __typename }", "variables": {"a": -Infinity}}', "-Infinity is not a JSON number"),
        ('{"query": "{ __typename }", "variables": {"a": 1e999}}', "the number 1e999 is too large"),
        ('{"query": "{ __typename }", "variables": {"a": %s}}' % ("9" * 5000), "a number has 5000 digits"),
        ('{"query": "{ __typename }", "variables": {"a": "\\ud800"}}', "lone UTF-16 surrogate"),
    ],
)
def test_json_that_is_not_strict_json_is_refused(client, text, expected):
    assert expected in refused(post_json(client, text))


# --- Size ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_over_long_body_gets_413(client):
    body = json.dumps({"query": QUERY, "padding": "x" * DEFAULTS["MAX_BODY_BYTES"]})
    message = refused(post_json(client, body), status=413)
    assert message == f"The body is {len(body)} bytes long; the limit is 100000."
    with override_settings(GRAPHQL_API={**DEFAULTS, "MAX_BODY_BYTES": 2_000}):
        assert served(post_json(client, {"query": QUERY, "padding": "x" * 1_900}))["data"]
        assert refused(post_json(client, {"query": QUERY, "padding": "x" * 2_000}), status=413).endswith(
            "limit is 2000."
        )
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=500):  # Django's own limit, when lower
        assert refused(post_json(client, {"query": QUERY, "padding": "x" * 500}), status=413).endswith("limit is 500.")
    # A GET's body is not read, however long.
    assert served(send(client, "GET", b"[" * 200_000, JSON_TYPE, query_string=urlencode({"query": QUERY})))


@pytest.mark.django_db
@pytest.mark.parametrize("length", ["abc", "-1", "1_0", "²"])
def test_a_content_length_that_is_not_a_number_is_refused(client, length):
    response = send(client, "POST", b'{"query": "{ __typename }"}', JSON_TYPE, CONTENT_LENGTH=length)
    assert refused(response).startswith("Content-Length must be a number of bytes")


# --- Encodings and content types ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (JSON_TYPE, b'{"query": "{ \xff }"}'),
        ("application/graphql", b"{ __typename \xc3 }"),
        ("application/graphql", "{ __typename }".encode("utf-16")),
        ("application/x-www-form-urlencoded", b"query=\xe9"),
        (
            "multipart/form-data; boundary=b",
            b'--b\r\nContent-Disposition: form-data; name="query"\r\n\r\n\xff\r\n--b--\r\n',
        ),
    ],
)
def test_a_body_that_is_not_utf8_is_refused(client, content_type, body):
    message = refused(send(client, "POST", body, content_type))
    assert message.startswith("The body is not valid UTF-8 (byte 0x")
    assert message.endswith("send UTF-8 text.")


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", [*ACCEPTED[:3], "multipart/form-data; boundary=b"])
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "rot13", "bogus", "utf-8-sig"])
def test_a_charset_other_than_utf8_gets_415(client, content_type, charset):
    response = send(client, "POST", b"query=x", f"{content_type}; charset={charset}")
    assert (
        refused(response, status=415) == f"The body must be UTF-8, not '{charset}': send charset=utf-8, or no charset."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"', "utf8"])
def test_utf8_may_be_named(client, charset):
    assert served(post_json(client, {"query": QUERY}, CONTENT_TYPE=f"application/json; charset={charset}"))["data"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/jsonx", "application/octet-stream"]
)
def test_other_content_types_get_415_naming_the_accepted_ones(client, content_type):
    message = refused(send(client, "POST", json.dumps({"query": QUERY}).encode(), content_type), status=415)
    assert message.startswith(f"Content-Type {content_type} is not accepted: send application/json")
    assert all(accepted in message for accepted in ACCEPTED)


@pytest.mark.django_db
def test_a_body_without_a_content_type_gets_415(client):
    message = refused(send(client, "POST", json.dumps({"query": QUERY}).encode()), status=415)
    assert message.startswith("A body needs a Content-Type: send application/json")
    # Without a body, the parameters may be in the URL.
    assert served(send(client, "POST", query_string=urlencode({"query": QUERY})))["data"]


@pytest.mark.django_db
def test_each_accepted_content_type_is_served(client):
    answer = {"data": {"__typename": "Query"}}
    assert served(send(client, "POST", QUERY.encode(), "application/graphql")) == answer
    assert served(send(client, "POST", b"query=%7B+__typename+%7D", "application/x-www-form-urlencoded")) == answer
    assert served(client.post(ENDPOINT, {"query": QUERY})) == answer  # multipart/form-data


@pytest.mark.django_db
def test_json_with_a_byte_order_mark_is_served(client):
    assert served(post_json(client, b"\xef\xbb\xbf" + json.dumps({"query": QUERY}).encode()))["data"]


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"", b"   ", b"\r\n\t "])
def test_an_empty_json_body_is_refused(client, body):
    message = refused(send(client, "POST", body, JSON_TYPE))
    assert message.startswith('The body is empty: send a JSON object such as {"query": ')


@pytest.mark.django_db
def test_a_multipart_body_without_a_boundary_is_refused_as_json(client):
    message = refused(send(client, "POST", b"--x\r\n", "multipart/form-data"))
    assert message.startswith("The multipart body cannot be read (Invalid boundary")


# --- Methods -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])
def test_other_methods_get_405_with_allow(client, method):
    response = send(client, method, json.dumps({"query": QUERY}).encode(), JSON_TYPE)
    assert refused(response, status=405) == f"{method} is not supported: send queries by GET (or HEAD) or POST."
    assert response["Allow"] == "GET, HEAD, POST"


@pytest.mark.django_db
def test_head_is_get_without_the_body(client, city_index):
    CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    params = {"query": '{ city(slug: "nagoya") { title } }'}
    get = client.get(ENDPOINT, params)
    head = client.head(ENDPOINT, params)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    for header in ("Content-Type", "Cache-Control", "Vary"):
        assert head[header] == get[header]
    assert get["Cache-Control"] == "public, max-age=60"
    mutation = client.head(ENDPOINT, {"query": "mutation { x }"})
    assert mutation.status_code == 405 and mutation["Allow"] == "POST"


# --- Apollo Client's GETs -------------------------------------------------------------


@pytest.mark.django_db
def test_a_get_with_a_json_content_type_is_served_from_the_url(client, city_index):
    """Apollo Client with useGETForQueries sends Content-Type: application/json on its GETs."""
    CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    params = {
        "query": "query City($slug: String) { city(slug: $slug) { title } }",
        "variables": json.dumps({"slug": "nagoya"}),
        "operationName": "City",
    }
    response = send(client, "GET", b"", JSON_TYPE, query_string=urlencode(params))
    assert served(response) == {"data": {"city": {"title": "Nagoya"}}}
    assert response["Cache-Control"] == "public, max-age=60"
    # Whatever body or charset comes with it.
    assert served(send(client, "GET", b"{not json", JSON_TYPE, query_string=urlencode(params)))
    assert served(send(client, "GET", b"", "application/json; charset=latin-1", query_string=urlencode(params)))


# --- Generated requests -----------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
QUERIES = st.sampled_from(
    [
        QUERY,
        "query City($slug: String) { city(slug: $slug) { title } }",
        "{ cities(perPage: 2) { items { title } } }",
        "query A { __typename } query B { __typename }",
        "mutation { doSomething }",
        "{ cities(",
        "",
    ]
)
# Apollo's persisted-query extensions (cms/graphql/persisted.py): well formed at times (the hash
# of a query sent before, or of one never sent), mostly not: a version or a hash of another JSON
# type, hashes that are not 64 lowercase hex digits.
KNOWN_HASHES = st.sampled_from([hashlib.sha256(QUERY.encode()).hexdigest(), "0" * 64])
HASHES = KNOWN_HASHES | st.text("0123456789abcdefABCDEFg\n", min_size=62, max_size=66) | JSON_VALUES
PERSISTED_QUERIES = st.fixed_dictionaries(
    {}, optional={"version": st.just(1) | JSON_VALUES, "sha256Hash": HASHES}
) | st.builds(lambda digest: {"version": 1, "sha256Hash": digest}, HASHES)
EXTENSIONS = (
    st.builds(lambda digest: {"persistedQuery": {"version": 1, "sha256Hash": digest}}, KNOWN_HASHES)
    | st.fixed_dictionaries({"persistedQuery": PERSISTED_QUERIES | JSON_VALUES})
    | JSON_VALUES
)
PARAM_NAMES = st.sampled_from(["query", "variables", "operationName", "pretty", "raw", "id", "extensions"]) | st.text(
    max_size=8
)


def deep(opening, closing=""):
    return st.integers(min_value=60, max_value=5_000).map(lambda depth: opening * depth + closing * depth)


PARAM_VALUES = (
    QUERIES
    | st.text(max_size=30)
    | JSON_VALUES.map(json.dumps)
    | st.sampled_from(["null", "{}", "[]", '{"slug": "nagoya"}', "A", "B", "City"])
    | EXTENSIONS.map(json.dumps)
    | deep("[")
    | deep('{"a":', "}")
)
# A well-formed request's parameters at times, with random ones added (or repeated).
PARAMETERS = st.builds(
    list.__add__,
    st.sampled_from(
        [
            [],
            [("query", QUERY)],
            [("query", "query City($slug: String) { city(slug: $slug) { title } }"), ("variables", '{"slug": "x"}')],
            [("query", "query A { __typename } query B { __typename }"), ("operationName", "B")],
            [("extensions", json.dumps({"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}))],
        ]
    ),
    st.lists(st.tuples(PARAM_NAMES, PARAM_VALUES), max_size=4),
)

# Objects with the three parameters (or some of them), each of any JSON type.
GRAPHQL_OBJECTS = st.fixed_dictionaries(
    {},
    optional={
        "query": QUERIES | JSON_VALUES,
        "variables": JSON_VALUES | st.just({"slug": "nagoya"}) | PARAM_VALUES,
        "operationName": st.sampled_from(["A", "B", "City", "null"]) | JSON_VALUES,
        "extensions": EXTENSIONS,
    },
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "shift_jis"])


def encoded(text, encoding):
    return text.encode(encoding, errors="replace")


BODIES = st.one_of(
    st.binary(max_size=200),
    GRAPHQL_OBJECTS.map(json.dumps).map(str.encode),
    # A persisted query's request, with or without its document, and odd extensions.
    st.fixed_dictionaries({"extensions": EXTENSIONS}, optional={"query": QUERIES, "variables": st.just({})})
    .map(json.dumps)
    .map(str.encode),
    st.builds(encoded, (GRAPHQL_OBJECTS | JSON_VALUES).map(json.dumps), ENCODINGS),
    st.builds(encoded, st.lists(GRAPHQL_OBJECTS, max_size=3).map(json.dumps), ENCODINGS),
    st.builds(encoded, QUERIES | st.text(max_size=50), ENCODINGS),
    PARAMETERS.map(lambda pairs: urlencode(pairs).encode()),
    deep("[").map(str.encode),
    deep('{"query": "{ __typename }", "variables": {"a":', "}}").map(str.encode),
    st.sampled_from([b"", b" ", b"\xef\xbb\xbf", b"null", b"[]", b"{}", b"\xff\xfe{\x00}\x00"]),
)


def django_builds_the_request(charset):
    """Whether Django's WSGIRequest itself survives this charset.

    While it builds the request, before any middleware or view runs, Django 5.2 decodes
    the query string with the charset the Content-Type names, catching only
    UnicodeDecodeError: a codec that is not a text encoding (rot13, base64, hex) or
    "undefined" fails there. Those are left out here (see the report on issue 8).
    """
    try:
        codecs.lookup(charset)
    except LookupError:
        return True  # unknown: Django ignores it
    try:
        b"query=%7B%7D".decode(charset)
    except UnicodeDecodeError:
        return True
    except (LookupError, ValueError):
        return False
    return True


CHARSETS = (
    st.sampled_from(["utf-8", "UTF-8", "utf8", '"utf-8"', "latin-1", "utf-16", "ascii", "shift_jis", "bogus", ""])
    | st.text(string.ascii_letters + string.digits + "-_", max_size=12)
).filter(django_builds_the_request)
MEDIA_TYPES = st.sampled_from(
    [*ACCEPTED, "multipart/form-data; boundary=b", "APPLICATION/JSON", "text/plain", "application/graphql+json", "*/*"]
) | st.builds(
    "{}/{}".format, st.text(string.ascii_lowercase, min_size=1, max_size=8), st.text(string.ascii_lowercase, max_size=8)
)
# Parameter names without "*": Django 5.2 fails on RFC 2231 parameters (name*=charset''value)
# with an unknown charset while it builds the request (Django ticket #36991).
PARAM_TEXT = st.text(string.ascii_letters + string.digits + "-_.", max_size=8)


@st.composite
def content_types(draw):
    """None at times, an accepted type mostly (so that most bodies are read), with a charset at times."""
    roll = draw(st.integers(0, 9))
    if roll == 0:
        return None
    media_type = draw(st.sampled_from([JSON_TYPE, JSON_TYPE, *ACCEPTED[1:3]]) if roll < 7 else MEDIA_TYPES)
    charset = draw(CHARSETS) if draw(st.integers(0, 3)) == 0 else None
    params = draw(st.lists(st.tuples(PARAM_TEXT.filter(bool), PARAM_TEXT), max_size=2))
    return "; ".join([media_type, *([f"charset={charset}"] if charset is not None else []), *map("=".join, params)])


CONTENT_TYPES = content_types()
METHODS = st.sampled_from(["GET", "POST", "POST", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"]) | st.text(
    string.ascii_uppercase, min_size=1, max_size=8
)
QUERY_STRINGS = PARAMETERS.map(lambda pairs: urlencode(pairs)) | st.text(
    string.ascii_letters + string.digits + "%&=+;._-[]{}\"'", max_size=40
)

STATS = {}


def check_answer(response, method, stats):
    """The invariants of every answer; counts it."""
    status = response.status_code
    stats["requests"] += 1
    stats[f"status {status}"] += 1
    assert status < 500, response.content[:300]
    if method == "HEAD":
        assert response.content == b""
        return
    body = json.loads(response.content)
    if status == 200:
        assert "data" in body or "errors" in body, body
    else:
        assert 400 <= status < 500
        assert body["errors"][0]["message"], body
        assert "no-store" in response["Cache-Control"]
    for error in body.get("errors", ()):
        assert error["message"] != "Internal error.", body
        if isinstance(error.get("extensions"), dict) and "code" in error["extensions"]:
            stats[f"code {error['extensions']['code']}"] += 1


def record(name, stats):
    STATS[name] = dict(sorted(stats.items()))
    print(f"\n{name}: {json.dumps(STATS[name])}")
    artifacts.record("transport-fuzz", name, STATS[name])


FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.django_db
def test_generated_post_bodies_never_get_a_5xx(client):
    stats = Counter()

    @FUZZ
    @given(method=st.sampled_from([*["POST"] * 8, "PUT", "PATCH"]), body=BODIES, content_type=CONTENT_TYPES)
    def run(method, body, content_type):
        check_answer(send(client, method, body, content_type), method, stats)

    run()
    record("post bodies", stats)
    assert stats["status 500"] == 0
    # The persisted-query door was tried, both ways: unknown hashes and malformed extensions.
    assert stats["code PERSISTED_QUERY_NOT_FOUND"] and stats["code BAD_REQUEST"]


@pytest.mark.django_db
def test_generated_query_strings_never_get_a_5xx(client):
    stats = Counter()

    @FUZZ
    @given(
        method=st.sampled_from(["GET", "GET", "HEAD", "POST"]),
        query_string=QUERY_STRINGS,
        body=st.sampled_from([b"", b"{not json", b"[" * 1000]) | BODIES,
        content_type=CONTENT_TYPES,
    )
    def run(method, query_string, body, content_type):
        check_answer(send(client, method, body, content_type, query_string), method, stats)

    run()
    record("query strings", stats)
    assert stats["status 500"] == 0
    assert stats["code PERSISTED_QUERY_NOT_FOUND"] and stats["code BAD_REQUEST"]


@pytest.mark.django_db
def test_generated_methods_and_headers_never_get_a_5xx(client):
    stats = Counter()

    @FUZZ
    @given(
        method=METHODS,
        query_string=QUERY_STRINGS,
        body=BODIES,
        content_type=CONTENT_TYPES,
        content_length=st.none() | st.sampled_from(["0", "-1", "abc", "99999999999", " 5"]),
        accept=st.sampled_from(["*/*", "application/json", "text/html", "text/html;q=0.1, application/json;q=0.9"]),
    )
    def run(method, query_string, body, content_type, content_length, accept):
        extra = {"HTTP_ACCEPT": accept}
        if content_length is not None:
            extra["CONTENT_LENGTH"] = content_length
        check_answer(send(client, method, body, content_type, query_string, **extra), method, stats)

    run()
    record("methods and headers", stats)
    assert stats["status 500"] == 0
