"""schema.graphql is the code's schema; every type and field is described; names are camelCase."""

import re
from pathlib import Path

import pytest
from graphql import GraphQLEnumType, print_schema

from cms.graphql.descriptions import undescribed
from cms.graphql.schema import schema

from .conftest import data

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_is_the_codes():
    committed = SCHEMA_FILE.read_text()
    assert committed.strip() == print_schema(schema.graphql_schema).strip(), (
        "schema.graphql differs from the code's schema: run `make schema` and commit the result."
    )


def test_everything_is_described():
    assert undescribed(schema.graphql_schema) == []


def test_names_are_camel_case():
    bad = []
    for name, graphql_type in schema.graphql_schema.type_map.items():
        if name.startswith("__"):
            continue
        if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", name):
            bad.append(name)
        if isinstance(graphql_type, GraphQLEnumType):
            bad += [f"{name}.{v}" for v in graphql_type.values if not re.fullmatch(r"[A-Z][A-Z0-9_]*", v)]
            continue
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if not re.fullmatch(r"[a-z][A-Za-z0-9]*", field_name):
                bad.append(f"{name}.{field_name}")
            bad += [
                f"{name}.{field_name}({a})"
                for a in getattr(field, "args", {})
                if not re.fullmatch(r"[a-z][A-Za-z0-9]*", a)
            ]
    assert bad == []


def test_the_content_model_is_typed():
    city = schema.graphql_schema.get_type("CityPage").fields
    for field in [
        "title",
        "slug",
        "url",
        "countryCode",
        "countryName",
        "region",
        "relationship",
        "status",
        "yearEstablished",
        "agreementDate",
        "latitude",
        "longitude",
        "population",
        "summary",
        "body",
        "heroImage",
        "committee",
        "stories",
        "resources",
        "locale",
        "translations",
    ]:
        assert field in city, field
    assert str(city["region"].type) == "Region!"
    assert str(city["agreementDate"].type) == "Date"
    assert str(city["stories"].type) == "[StoryPage!]!"
    story = schema.graphql_schema.get_type("StoryPage").fields
    for field in ["date", "intro", "body", "heroImage", "cities", "exchangeTypes", "tags", "author"]:
        assert field in story, field
    assert str(story["cities"].type) == "[CityPage!]!"
    resource = schema.graphql_schema.get_type("ResourcePage").fields
    for field in ["linkUrl", "document", "description", "category", "cities"]:
        assert field in resource, field
    for block in ("HeadingBlock", "CaptionedImageBlock", "QuoteBlock", "PageLinkBlock", "DocumentLinkBlock"):
        assert schema.graphql_schema.get_type(block) is not None, block
    query = schema.graphql_schema.query_type.fields
    for name in [
        "cities",
        "city",
        "stories",
        "story",
        "resources",
        "exchangeTypes",
        "pages",
        "page",
        "search",
        "tags",
    ]:
        assert name in query, name


def test_only_models_that_opt_in_are_exposed():
    from grapple.registry import registry

    assert all(hasattr(model, "graphql_fields") for model in registry.snippets)
    names = set(schema.graphql_schema.type_map)
    assert not {name for name in names if "Submission" in name or name in {"HomePageFeaturedCity", "StoryPageTag"}}


@pytest.mark.django_db
def test_a_page_of_wagtails_plain_class_answers_as_page(client):
    """The "Welcome" page of a new Wagtail site has no model of ours: it is a `Page`, not an error."""
    from wagtail.models import Page

    welcome = Page.objects.get(depth=2)
    assert type(welcome.specific) is Page
    listed = data(client, "{ pages { items { id title __typename } } }")["pages"]["items"]
    assert {"id": str(welcome.pk), "title": welcome.title, "__typename": "Page"} in listed
    one = data(client, "query($id: ID) { page(id: $id) { id __typename } }", {"id": welcome.pk})["page"]
    assert one == {"id": str(welcome.pk), "__typename": "Page"}
