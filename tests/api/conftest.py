"""Fixtures for the GraphQL API tests: real HTTP requests to /api/graphql/."""

import json

import pytest

from django.core.cache import cache

ENDPOINT = "/api/graphql/"


def post(client, query, variables=None, **extra):
    """POST a query as JSON; return (status code, parsed body)."""
    body = {"query": query}
    if variables is not None:
        body["variables"] = variables
    response = client.post(ENDPOINT, data=json.dumps(body), content_type="application/json", **extra)
    return response.status_code, response.json()


def get(client, query, variables=None, **extra):
    params = {"query": query}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    response = client.get(ENDPOINT, params, HTTP_ACCEPT="application/json", **extra)
    return response


def data(client, query, variables=None):
    """POST a query that must succeed; return its data."""
    status, body = post(client, query, variables)
    assert status == 200, body
    assert "errors" not in body, body["errors"]
    return body["data"]


def errors(client, query, variables=None):
    """POST a query that must fail; return its error messages."""
    _, body = post(client, query, variables)
    assert body.get("errors"), body
    return [error["message"] for error in body["errors"]]


@pytest.fixture(autouse=True)
def clear_cache():
    """Site root paths and renditions are cached: start each test from a cold cache."""
    cache.clear()
    yield
    cache.clear()
