"""Every page type of the site: built on the base page, previewable, and reachable through the API.

The page types come from Wagtail's registry (``get_page_models()``, restricted to our apps), so a
new page type is checked without editing this file; it needs a factory in its app's
``factories.py`` and a place in the tree (``parent_page_types``).
"""

import inspect
import json

import pytest

from django.core.cache import cache

from wagtail.models import get_page_models

import cities.factories
import home.factories
from cms.graphql.preview import HeadlessPreviewable
from home.models import BasePage, SectionIndexPage
from tests.support.site import make_home

OUR_APPS = {"home", "cities"}
PAGE_MODELS = sorted(
    (model for model in get_page_models() if model._meta.app_label in OUR_APPS), key=lambda model: model.__name__
)
ENDPOINT = "/api/graphql/"


def page_factories():
    """{page model: its factory}, from the apps' factories modules."""
    found = {}
    for module in (home.factories, cities.factories):
        for _, factory_class in inspect.getmembers(module, inspect.isclass):
            model = getattr(getattr(factory_class, "_meta", None), "model", None)
            if model in PAGE_MODELS:
                found[model] = factory_class
    return found


def build_one_of_each():
    """{page model: a live page of that type}, each below a page of a type it may live under."""
    cache.clear()
    factories = page_factories()
    home_page = make_home()
    pages = {type(home_page): home_page}
    pending = [model for model in PAGE_MODELS if model not in pages]
    while pending:
        placed = False
        for model in list(pending):
            parent = next((pages[p] for p in model.allowed_parent_page_models() if p in pages), None)
            if parent is not None:
                assert model in factories, f"{model.__name__} has no factory in its app's factories.py"
                pages[model] = factories[model](parent=parent)
                pending.remove(model)
                placed = True
        assert placed, f"No place in the tree for {[model.__name__ for model in pending]}"
    return pages


def query(client, text, variables):
    response = client.post(ENDPOINT, json.dumps({"query": text, "variables": variables}), "application/json")
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def test_the_registry_holds_our_page_types():
    # Guards the derivation: an empty list would make the tests below pass on nothing.
    names = {model.__name__ for model in PAGE_MODELS}
    assert {"HomePage", "StandardPage", "CityIndexPage", "CityPage", "StoryPage", "ResourcePage"} <= names


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_is_built_on_the_base_page(model):
    assert issubclass(model, BasePage)
    assert issubclass(model, HeadlessPreviewable)
    # No mixin (RoutablePageMixin's own preview) hides the external site's preview mode.
    assert model.serve_preview is HeadlessPreviewable.serve_preview


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_a_section_index_is_built_on_the_section_base(model):
    # A section: a page under the home page that lists pages which may live only below it.
    children = model.allowed_subpage_models()
    is_section = (
        [parent.__name__ for parent in model.allowed_parent_page_models()] == ["HomePage"]
        and bool(children)
        and all(child.allowed_parent_page_models() == [model] for child in children)
    )
    assert issubclass(model, SectionIndexPage) == is_section


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_answers_by_id(client, model):
    page = build_one_of_each()[model]
    result = query(client, "query($id: ID) { page(id: $id) { __typename id title } }", {"id": str(page.pk)})
    assert result["page"] == {"__typename": model.__name__, "id": str(page.pk), "title": page.title}


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_answers_a_preview_token(client, model):
    page = model.objects.get(pk=build_one_of_each()[model].pk)
    page.title = "A draft title"
    token = page.create_page_preview().token
    result = query(client, "query($t: String) { page(token: $t) { __typename title } }", {"t": token})
    assert result["page"] == {"__typename": model.__name__, "title": "A draft title"}
