"""
Automatic persisted queries, as Apollo's persisted-query link speaks them, and trusted documents
(cms/graphql/persisted.py; docs/graphql.md, "Persisted queries"). Apollo Client itself is run
against a live server in test_apollo.py.
"""

import hashlib
import json

import pytest

from cities.factories import ExchangeTypeFactory
from cms.graphql.persisted import check_trusted_documents

from .conftest import ENDPOINT

QUERY = "query Kinds { exchangeTypes { name } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()
NOT_FOUND = {"errors": [{"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}]}
DATA = {"data": {"exchangeTypes": [{"name": "Cultural"}]}}


def extensions(digest=DIGEST):
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def by_get(client, digest=DIGEST, **params):
    query = {"operationName": "Kinds", "variables": "{}", "extensions": json.dumps(extensions(digest)), **params}
    return client.get(ENDPOINT, query)


def by_post(client, body):
    return client.post(ENDPOINT, json.dumps(body), content_type="application/json")


@pytest.fixture
def kinds(db):
    return ExchangeTypeFactory(name="Cultural", slug="cultural")


def test_the_apollo_round_trip(client, kinds):
    # The hash alone, unknown: Apollo's error, which nothing may store.
    response = by_get(client)
    assert (response.status_code, response.json()) == (200, NOT_FOUND)
    assert "no-store" in response["Cache-Control"]
    # The hash with its document, once: checked, remembered, run.
    response = by_post(client, {"query": QUERY, "operationName": "Kinds", "extensions": extensions()})
    assert (response.status_code, response.json()) == (200, DATA)
    # From then on the hash alone, by GET: short and cacheable.
    response = by_get(client)
    assert (response.status_code, response.json()) == (200, DATA)
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["ETag"]
    # And by POST.
    response = by_post(client, {"operationName": "Kinds", "extensions": extensions()})
    assert (response.status_code, response.json()) == (200, DATA)


def test_a_document_that_does_not_match_its_hash_is_refused(client, kinds):
    other = hashlib.sha256(b"{ __typename }").hexdigest()
    response = by_post(client, {"query": QUERY, "extensions": extensions(other)})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "provided sha does not match query"
    # Nothing was remembered under either hash.
    assert by_get(client, other).json() == NOT_FOUND
    assert by_get(client).json() == NOT_FOUND


UNSUPPORTED = 'Unsupported persistedQuery: send {"version": 1, "sha256Hash": "<64 hex digits>"}.'
NOT_HEX = "persistedQuery.sha256Hash must be 64 lowercase hex digits."
MALFORMED_EXTENSIONS = [
    ({"persistedQuery": {"version": 2, "sha256Hash": DIGEST}}, UNSUPPORTED),
    # JSON's true and 1.0 are not the version 1.
    ({"persistedQuery": {"version": True, "sha256Hash": DIGEST}}, UNSUPPORTED),
    ({"persistedQuery": {"version": 1.0, "sha256Hash": DIGEST}}, UNSUPPORTED),
    ({"persistedQuery": {"version": "1", "sha256Hash": DIGEST}}, UNSUPPORTED),
    ({"persistedQuery": {"sha256Hash": DIGEST}}, UNSUPPORTED),
    ({"persistedQuery": [1, DIGEST]}, UNSUPPORTED),
    ({"persistedQuery": DIGEST}, UNSUPPORTED),
    ({"persistedQuery": 1}, UNSUPPORTED),
    ({"persistedQuery": {"version": 1, "sha256Hash": "abc"}}, NOT_HEX),
    ({"persistedQuery": {"version": 1, "sha256Hash": "g" * 64}}, NOT_HEX),
    ({"persistedQuery": {"version": 1, "sha256Hash": DIGEST.upper()}}, NOT_HEX),
    ({"persistedQuery": {"version": 1, "sha256Hash": DIGEST + "\n"}}, NOT_HEX),
    ({"persistedQuery": {"version": 1, "sha256Hash": DIGEST[:-1] + "\u0661"}}, NOT_HEX),  # an Arabic-Indic one
    ({"persistedQuery": {"version": 1, "sha256Hash": int("1" * 64)}}, NOT_HEX),
    ({"persistedQuery": {"version": 1, "sha256Hash": [DIGEST]}}, NOT_HEX),
    ({"persistedQuery": {"version": 1, "sha256Hash": None}}, NOT_HEX),
    ({"persistedQuery": {"version": 1}}, NOT_HEX),
    ([1], "extensions must be a JSON object."),
    (1, "extensions must be a JSON object."),
]


@pytest.mark.parametrize(("value", "message"), MALFORMED_EXTENSIONS)
@pytest.mark.parametrize("with_query", [False, True])
def test_malformed_extensions_are_client_errors_naming_what_is_accepted(client, db, value, message, with_query):
    query = {"query": QUERY} if with_query else {}
    by_url = client.get(ENDPOINT, {"extensions": json.dumps(value), **query})
    in_body = by_post(client, {"extensions": value, **query})
    for response in (by_url, in_body):
        assert response.status_code == 400
        assert response.json()["errors"] == [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]


def test_extensions_that_are_not_json_are_a_client_error(client, db):
    response = client.get(ENDPOINT, {"extensions": "{"})
    assert response.status_code == 400
    assert "extensions is not valid JSON" in response.json()["errors"][0]["message"]


def test_an_unknown_hash_asks_for_the_document(client, kinds):
    """Well formed but never sent: the client is asked for the document (Apollo's protocol), by GET and POST."""
    unknown = hashlib.sha256(b"query Unknown { __typename }").hexdigest()
    assert by_get(client, unknown).json() == NOT_FOUND
    assert by_post(client, {"extensions": extensions(unknown)}).json() == NOT_FOUND


def test_a_document_over_the_limits_is_not_remembered(client, db, settings):
    settings.GRAPHQL_API = {"MAX_QUERY_LENGTH": 20}
    response = by_post(client, {"query": QUERY, "extensions": extensions()})
    assert response.status_code == 400
    settings.GRAPHQL_API = {}
    assert by_get(client).json() == NOT_FOUND


# --- Trusted documents -------------------------------------------------------------------

OTHER = "{ exchangeTypes { slug } }"


@pytest.fixture(params=["apollo", "codegen"])
def manifest(request, tmp_path, settings):
    """Only QUERY is trusted, in Apollo's manifest format or GraphQL Codegen's."""
    if request.param == "apollo":
        content = {
            "format": "apollo-persisted-query-manifest",
            "version": 1,
            "operations": [{"id": DIGEST, "name": "Kinds", "type": "query", "body": QUERY}],
        }
    else:
        content = {DIGEST: QUERY}
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps(content))
    settings.GRAPHQL_API = {"TRUSTED_DOCUMENTS_ONLY": True, "TRUSTED_DOCUMENTS": str(path)}
    return path


def test_trusted_documents_only_runs_the_manifests_operations(client, kinds, manifest):
    # Known by its hash from the start: no round trip.
    assert by_get(client).json() == DATA
    assert by_post(client, {"query": QUERY}).json() == DATA
    # Anything else is refused, sent in full or by hash, and nothing is remembered.
    response = by_post(client, {"query": OTHER})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_ALLOWED"}
    other = hashlib.sha256(OTHER.encode()).hexdigest()
    response = by_post(client, {"query": OTHER, "extensions": extensions(other)})
    assert response.status_code == 400
    assert by_get(client, other).json() == NOT_FOUND


def test_a_manifest_whose_hashes_do_not_match_is_refused(client, db, tmp_path, settings):
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({DIGEST: OTHER}))
    settings.GRAPHQL_API = {"TRUSTED_DOCUMENTS_ONLY": True, "TRUSTED_DOCUMENTS": str(path)}
    errors = check_trusted_documents()
    assert [error.id for error in errors] == ["cms.E102"]
    assert "does not hash to it" in errors[0].msg
    settings.GRAPHQL_API = {"TRUSTED_DOCUMENTS_ONLY": True}
    assert [error.id for error in check_trusted_documents()] == ["cms.E101"]


def test_the_check_passes_a_good_manifest(manifest):
    assert check_trusted_documents() == []
