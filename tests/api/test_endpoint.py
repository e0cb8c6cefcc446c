"""The endpoint: GET and POST, no mutations over GET, cache headers, CORS, GraphiQL only in development."""

import json
import secrets

import pytest

from django.test import override_settings

from cities.factories import CityPageFactory
from cms.graphql.conf import DEFAULTS
from tests.support.processes import run_python

from .conftest import ENDPOINT, get, post


@pytest.mark.django_db
def test_get_serves_queries_that_shared_caches_may_keep(client, city_index):
    CityPageFactory(parent=city_index, title="Nagoya", slug="nagoya")
    response = get(client, "query($slug: String!) { city(slug: $slug) { title } }", {"slug": "nagoya"})
    assert response.status_code == 200
    assert response.json() == {"data": {"city": {"title": "Nagoya"}}}
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Set-Cookie" not in response  # no CSRF cookie: it would make the response uncacheable
    assert "Origin" in response["Vary"]


@pytest.mark.django_db
def test_post_serves_queries_and_is_not_cached(client):
    status, body = post(client, "{ exchangeTypes { name } }")
    assert (status, body) == (200, {"data": {"exchangeTypes": []}})
    response = client.post(ENDPOINT, json.dumps({"query": "{ __typename }"}), content_type="application/json")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_errors_are_not_cached(client):
    response = get(client, "{ cities(perPage: 1000) { items { title } } }")
    assert response.json()["errors"][0]["message"] == "perPage must be between 1 and 100; got 1000."
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_mutations_are_refused_over_get(client):
    response = get(client, "mutation { doSomething }")
    assert response.status_code == 405
    assert response.json()["errors"][0]["message"] == "Can only perform a mutation operation from a POST request."
    status, body = post(client, "mutation { doSomething }")
    assert status == 400
    assert body["errors"][0]["message"] == "Schema is not configured to execute mutation operation."


@pytest.mark.django_db
def test_other_methods_are_refused(client):
    for response in (client.put(ENDPOINT), client.delete(ENDPOINT)):
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, POST"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_graphiql_only_in_development(client):
    response = client.get(ENDPOINT, HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    with override_settings(GRAPHQL_API={**DEFAULTS, "GRAPHIQL": True}):
        response = client.get(ENDPOINT, HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("text/html")
    assert b"graphiql" in response.content.lower()


def settings_value(module, expression, **environment):
    """A value from a settings module, imported in a fresh process with the given environment."""
    env = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "cms.example.org",
        "SITE_URL": "https://cms.example.org",
        **environment,
    }
    result = run_python(f"import {module} as s; print(repr({expression}))", env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_graphiql_and_suggestions_settings_per_environment():
    assert settings_value("cms.settings.dev", "(s.GRAPHQL_API['GRAPHIQL'], s.GRAPHQL_API['FIELD_SUGGESTIONS'])") == (
        "(True, True)"
    )
    assert (
        settings_value("cms.settings.production", "(s.GRAPHQL_API['GRAPHIQL'], s.GRAPHQL_API['FIELD_SUGGESTIONS'])")
        == "(False, False)"
    )


def test_cors_origins_come_from_the_environment():
    origins = "https://partner.example,https://nagoya.example"
    assert settings_value("cms.settings.base", "s.CORS_ALLOWED_ORIGINS", CORS_ALLOWED_ORIGINS=origins) == repr(
        ["https://partner.example", "https://nagoya.example"]
    )
    assert settings_value("cms.settings.base", "s.CORS_ALLOWED_ORIGINS", CORS_ALLOWED_ORIGINS="") == "[]"


@pytest.mark.django_db
@override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example"])
def test_cors_for_allowed_origins_on_the_api_only(client):
    preflight = client.options(
        ENDPOINT,
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "Access-Control-Allow-Credentials" not in preflight
    response = client.post(
        ENDPOINT,
        json.dumps({"query": "{ __typename }"}),
        content_type="application/json",
        HTTP_ORIGIN="https://partner.example",
    )
    assert response["Access-Control-Allow-Origin"] == "https://partner.example"
    other = client.post(
        ENDPOINT,
        json.dumps({"query": "{ __typename }"}),
        content_type="application/json",
        HTTP_ORIGIN="https://evil.example",
    )
    assert "Access-Control-Allow-Origin" not in other
    # Only the API answers cross-origin requests.
    assert "Access-Control-Allow-Origin" not in client.get("/healthz", HTTP_ORIGIN="https://partner.example")


@pytest.mark.django_db
def test_bad_requests(client):
    response = client.post(ENDPOINT, "{not json", content_type="application/json")
    assert response.status_code == 400
    response = client.post(
        ENDPOINT, json.dumps({"query": "{ __typename }", "variables": [1]}), content_type="application/json"
    )
    assert response.status_code == 400
    status, body = post(client, "{ cities(")
    assert status == 400 and body["errors"][0]["message"].startswith("Syntax Error")
