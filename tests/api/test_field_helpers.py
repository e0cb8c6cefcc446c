"""
Every relation in the API goes through the hardening (cms.graphql.fields).

Grapple's own relation helpers (GraphQLImage, GraphQLForeignKey, GraphQLPage...)
resolve item by item and show drafts, private pages and images in private
collections. This walks grapple's registry, every model and every StructBlock
the schema is built from, and fails on any ``graphql_fields`` entry that is not
one of ours (``api.Image(...)``) or one of grapple's scalar helpers.
"""

import graphene
import pytest

from django.utils.module_loading import import_string

from grapple import models as grapple_models
from grapple.models import GraphQLField
from grapple.registry import registry
from wagtail import blocks

from cms.graphql import fields as api

# Grapple's helpers for plain values: nothing to hide, nothing to batch.
# GraphQLRichText and GraphQLEmbed are left out: grapple's rich text expands links
# to private pages, and neither goes through the hardening.
SCALAR_HELPERS = {"GraphQLString", "GraphQLInt", "GraphQLFloat", "GraphQLBoolean", "GraphQLStreamfield"}
# Grapple's relation helpers, the ones the check must refuse.
RELATION_HELPERS = {
    "image": lambda: grapple_models.GraphQLImage("hero_image"),
    "document": lambda: grapple_models.GraphQLDocument("document"),
    "foreign key": lambda: grapple_models.GraphQLForeignKey("committee", "cities.Committee"),
    "snippet": lambda: grapple_models.GraphQLSnippet("committee", "cities.Committee"),
    "page": lambda: grapple_models.GraphQLPage("page"),
    "tag": lambda: grapple_models.GraphQLTag("tags"),
    "collection": lambda: grapple_models.GraphQLCollection(
        grapple_models.GraphQLForeignKey, "cities", "cities.CityPage"
    ),
    "rich text": lambda: grapple_models.GraphQLRichText("body"),
    "field of a model type": lambda: GraphQLField("committee", "cities.Committee"),
    "field of a page type": lambda: GraphQLField("page", lambda: registry.pages),
}


def _plain_type(field_type):
    """The named type of a GraphQLField's type: strings imported, lazy types called, wrappers removed."""
    while True:
        if isinstance(field_type, str):
            try:
                field_type = import_string(field_type)
            except ImportError:  # an "app.Model" label: a model type, never a scalar
                return field_type
        elif isinstance(field_type, (graphene.NonNull, graphene.List)):
            field_type = field_type.of_type
        elif callable(field_type) and not isinstance(field_type, type):
            field_type = field_type()
        else:
            return field_type


def unsafe_helper(entry):
    """What is wrong with a graphql_fields entry, or None when it goes through the hardening."""
    if isinstance(entry, GraphQLField):
        field_type = _plain_type(entry.field_type)
        if isinstance(field_type, type) and issubclass(field_type, (graphene.Scalar, graphene.Enum)):
            return None
        return f"GraphQLField of {field_type!r}: use cms.graphql.fields"
    module = getattr(entry, "__module__", None)
    if module == api.__name__:
        return None
    helper = getattr(entry, "__qualname__", repr(entry)).split(".")[0]
    if module == grapple_models.__name__ and helper in SCALAR_HELPERS:
        return None
    return f"{helper} from {module}: use its safe twin in cms.graphql.fields (api.Image, api.ForeignKey...)"


def _field_name(entry):
    made = entry if isinstance(entry, GraphQLField) else entry()
    made = made[0] if isinstance(made, tuple) else made
    return getattr(made, "field_name", "?")


def declared_fields():
    """(owner, field name, entry) for every graphql_fields entry grapple builds the schema from."""
    import cms.graphql.schema  # noqa: F401 - builds the schema: the registry is complete

    owners = [
        *registry.pages,
        *registry.snippets,
        *registry.django_models,
        *registry.images,
        *(
            block
            for block in registry.streamfield_blocks
            if isinstance(block, type) and issubclass(block, blocks.StructBlock)
        ),
    ]
    return [
        (owner.__name__, _field_name(entry), entry)
        for owner in dict.fromkeys(owners)
        for entry in getattr(owner, "graphql_fields", ())
    ]


def test_every_relation_goes_through_the_hardening():
    found = declared_fields()
    owners = {owner for owner, _, _ in found}
    # The walk reaches pages, snippets, inline rows, images and blocks.
    assert {"CityPage", "StoryPage", "Committee", "CityGalleryImage", "CustomImage", "CaptionedImageBlock"} <= owners
    assert ("CityPage", "hero_image") in {(owner, name) for owner, name, _ in found}
    unsafe = [f"{owner}.{name}: {problem}" for owner, name, entry in found if (problem := unsafe_helper(entry))]
    assert unsafe == []


@pytest.mark.parametrize("kind", sorted(RELATION_HELPERS))
def test_the_check_refuses_grapples_relation_helpers(kind):
    assert unsafe_helper(RELATION_HELPERS[kind]()) is not None


def test_the_check_accepts_scalars_enums_and_the_safe_layer():
    for entry in (
        grapple_models.GraphQLString("title"),
        grapple_models.GraphQLStreamfield("body"),
        GraphQLField("date", graphene.Date, required=True),
        GraphQLField("region", "cities.schema.RegionEnum", required=True),
        api.Image("hero_image"),
        api.RelatedPages("cities", "cities.CityPage", through="cities"),
    ):
        assert unsafe_helper(entry) is None
