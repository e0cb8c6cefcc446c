"""Fixtures for the GraphQL API tests: real HTTP requests to /api/graphql/."""

import contextvars
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


# --- Each privacy layer on its own ------------------------------------------
# The API hides private content twice: the resolvers ask the database only for
# what visitors may see, and VisibilityMiddleware screens every value on its way
# out. Either layer alone must hide every private object, or a regression in one
# would pass unseen behind the other. These fixtures switch one layer off.

# What a resolver may ask a Visibility, and what it answers when its checks are bypassed.
_LET_THROUGH = {
    "pages": lambda self, queryset: queryset,
    "snippets": lambda self, queryset: queryset,
    "collections": lambda self, queryset: queryset,
    "media": lambda self, queryset: queryset,
    "filter": lambda self, queryset: queryset,
    "is_live": lambda self, obj: True,
    "page_is_visible": lambda self, obj: obj is not None,
    "snippet_is_visible": lambda self, obj: obj is not None,
    "media_is_visible": lambda self, obj: obj is not None,
    "is_visible": lambda self, obj: obj is not None,
    "visible": lambda self, obj: obj,
}
_NOTHING_PRIVATE = {"restricted_page_paths": (), "private_collection_ids": frozenset()}
_screening = contextvars.ContextVar("screening", default=False)


@pytest.fixture
def resolvers_alone(monkeypatch):
    """The API without VisibilityMiddleware: only the resolvers' own checks."""
    from cms.graphql.views import GraphQLAPIView

    monkeypatch.setattr(GraphQLAPIView, "get_middleware", lambda self, request: [])


@pytest.fixture
def middleware_alone(monkeypatch):
    """
    The API with every resolver's visibility check letting everything through,
    while VisibilityMiddleware keeps the real rules: the same Visibility object
    answers truly while the middleware screens a value, and "visible" otherwise.
    """
    from cms.graphql.visibility import Visibility, VisibilityMiddleware

    def dispatch(real, bypass):
        def method(self, *args, **kwargs):
            return real(self, *args, **kwargs) if _screening.get() else bypass(self, *args, **kwargs)

        return method

    for name, bypass in _LET_THROUGH.items():
        monkeypatch.setattr(Visibility, name, dispatch(getattr(Visibility, name), bypass))
    for name, empty in _NOTHING_PRIVATE.items():
        compute = Visibility.__dict__[name].func  # a cached_property: compute once per request, when screening

        def value(self, name=name, empty=empty, compute=compute):
            if not _screening.get():
                return empty
            if name not in self.__dict__:
                self.__dict__[name] = compute(self)
            return self.__dict__[name]

        monkeypatch.setattr(Visibility, name, property(value))

    screen = VisibilityMiddleware.resolve

    def resolve(self, next, root, info, **kwargs):
        def resolver(*args, **kwargs):  # the field's resolver runs with the checks bypassed
            token = _screening.set(False)
            try:
                return next(*args, **kwargs)
            finally:
                _screening.reset(token)

        token = _screening.set(True)
        try:
            return screen(self, resolver, root, info, **kwargs)
        finally:
            _screening.reset(token)

    monkeypatch.setattr(VisibilityMiddleware, "resolve", resolve)


@pytest.fixture(params=["both layers", "resolvers alone", "middleware alone"])
def privacy_layer(request):
    """Run a test three times: with both privacy layers, and with each one alone."""
    if request.param == "resolvers alone":
        request.getfixturevalue("resolvers_alone")
    elif request.param == "middleware alone":
        request.getfixturevalue("middleware_alone")
    return request.param
