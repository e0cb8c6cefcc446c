"""
The API's schema: grapple's types, hardened and described, with our root queries.

GRAPHENE["SCHEMA"] points here. grapple.schema is never imported: it builds
grapple's unhardened root queries and switches off one of graphql-core's
standard validation rules (NoUnusedFragments) for the whole process.

``make schema`` writes ``schema.graphql`` from this module; a test fails when
the two differ.
"""

import json
from importlib import import_module
from importlib.util import find_spec

import graphene

from django.core.serializers.json import DjangoJSONEncoder

from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.collections import CollectionObjectType
from grapple.types.documents import DocumentObjectType
from grapple.types.images import ImageObjectType, ImageRenditionObjectType
from grapple.types.pages import Page as BasePageType
from grapple.types.rich_text import RichText as RichTextType
from grapple.types.streamfield import StreamFieldInterface
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from . import images, queries
from .descriptions import describe
from .interfaces import PageInterface, SnippetInterface, resolve_id
from .visibility import clean_rich_text, get_visibility

# Fields kept on grapple's own types; everything else the model has is left out
# (file hashes, uploaders, draft titles, revisions, lock owners...).
IMAGE_FIELDS = [
    "id",
    "title",
    "width",
    "height",
    "url",
    "rendition",
    "src_set",
    "aspect_ratio",
    "sizes",
    "is_svg",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
    "collection",
    "tags",
    "created_at",
]
RENDITION_FIELDS = ["id", "url", "width", "height", "alt", "filter_spec", "background_position_style"]
DOCUMENT_FIELDS = ["id", "title", "url", "file_size", "created_at", "collection", "tags"]
COLLECTION_FIELDS = ["id", "name", "descendants", "ancestors"]


def import_app_schemas():
    """Import ``<app>.schema`` for each app in GRAPPLE["APPS"]: their query mixins register themselves."""
    for app in grapple_settings.APPS:
        if find_spec(f"{app}.schema") is not None:
            import_module(f"{app}.schema")


def _graphql_field_names(model):
    """The names in a model's (or block's) graphql_fields, in the declared order."""
    names = []
    for field in getattr(model, "graphql_fields", ()):
        field = field() if callable(field) else field
        field = field[0] if isinstance(field, tuple) else field
        field = field() if callable(field) else field
        names.append(field.field_name)
    return names


def _keep_only(graphene_type, *name_lists):
    """Keep only the named fields, in the order given, with a non-null id first."""
    fields = graphene_type._meta.fields
    kept = {}
    if "id" in fields:
        kept["id"] = graphene.Field(graphene.NonNull(graphene.ID), description=fields["id"].description)
    for names in name_lists:
        for name in names:
            if name in fields and name not in kept:
                kept[name] = fields[name]
    fields.clear()  # the Options object is frozen: change its dict in place
    fields.update(kept)


def prune_fields():
    """Each type shows its interface's fields, then its graphql_fields: no model field slips in by default."""
    page_fields = list(PageInterface._meta.fields)
    snippet_fields = list(SnippetInterface._meta.fields)
    _keep_only(BasePageType, page_fields)
    for model, graphene_type in registry.pages.items():
        if graphene_type is not BasePageType:
            _keep_only(graphene_type, page_fields, _graphql_field_names(model))
    for model, graphene_type in registry.snippets.items():
        _keep_only(graphene_type, snippet_fields, _graphql_field_names(model))
    for model, graphene_type in registry.django_models.items():
        _keep_only(graphene_type, _graphql_field_names(model))
    for model, graphene_type in registry.images.items():
        if issubclass(graphene_type, ImageRenditionObjectType):
            _keep_only(graphene_type, RENDITION_FIELDS, _graphql_field_names(model))
        else:  # the alt text, credit and licence right after the title
            _keep_only(graphene_type, IMAGE_FIELDS[:2], _graphql_field_names(model), IMAGE_FIELDS)
    _keep_only(ImageObjectType, IMAGE_FIELDS)
    _keep_only(ImageRenditionObjectType, RENDITION_FIELDS)
    _keep_only(DocumentObjectType, DOCUMENT_FIELDS)
    for graphene_type in registry.documents.values():
        _keep_only(graphene_type, DOCUMENT_FIELDS)
    _keep_only(CollectionObjectType, COLLECTION_FIELDS)


def resolve_block_raw_value(value, info, **kwargs):
    if isinstance(value, blocks.StructValue):  # a StructBlock inside another block
        raw = value.block.get_prep_value(value)
    else:  # a stream child or a list item: (block, value)
        raw = value.block.get_prep_value(value.value)
    return raw if isinstance(raw, str) else json.dumps(raw, cls=DjangoJSONEncoder)


def resolve_rich_text_block(value, info, **kwargs):
    return RichTextType.serialize(clean_rich_text(value.value.source, info))


def _chooser_value(value, info, **kwargs):
    return value.value if hasattr(value, "value") else value


def harden_grapple_resolvers():
    """Route grapple's own resolvers that would show private content, or resize images at will, through ours."""
    visibility = get_visibility

    for image_type in {ImageObjectType, *registry.images.values()}:
        if issubclass(image_type, ImageRenditionObjectType):
            image_type.resolve_url = images.resolve_rendition_url
        else:
            image_type.resolve_rendition = images.resolve_rendition
            image_type.resolve_src_set = images.resolve_src_set
    ImageRenditionObjectType.resolve_url = images.resolve_rendition_url
    # A preview's page and inline rows read `preview-<id>`, never the live object's id.
    for graphene_type in {BasePageType, *registry.pages.values(), *registry.django_models.values()}:
        graphene_type.resolve_id = resolve_id
    CollectionObjectType.resolve_descendants = queries.resolve_collection_descendants
    CollectionObjectType.resolve_ancestors = queries.resolve_collection_ancestors

    def chooser_page(value, info, **kwargs):
        page = _chooser_value(value, info)
        return page.specific_deferred if visibility(info).page_is_visible(page) else None

    def chooser_media(value, info, **kwargs):
        item = _chooser_value(value, info)
        return item if visibility(info).media_is_visible(item) else None

    def chooser_snippet(value, info, **kwargs):
        item = _chooser_value(value, info)
        return item if visibility(info).snippet_is_visible(item) else None

    # Rich text: no links to private pages or documents, no private images.
    registry.streamfield_blocks[blocks.RichTextBlock].resolve_value = resolve_rich_text_block
    # rawValue: the block's stored JSON (ids), not grapple's serialisation of the chosen objects.
    StreamFieldInterface.resolve_raw_value = resolve_block_raw_value

    blocks_types = registry.streamfield_blocks
    blocks_types[blocks.PageChooserBlock].resolve_page = chooser_page
    blocks_types[DocumentChooserBlock].resolve_document = chooser_media
    blocks_types[ImageChooserBlock].resolve_image = chooser_media
    blocks_types[ImageBlock].resolve_image = chooser_media
    blocks_types[SnippetChooserBlock].resolve_snippet = chooser_snippet


def opt_in_only():
    """
    Only models that declare graphql_fields are in the API. grapple registers every
    snippet of GRAPPLE["APPS"]: a snippet added for the editors (visitors' resource
    suggestions, with their email addresses) must not get a type in the schema.
    """
    for model in list(registry.snippets):
        if not hasattr(model, "graphql_fields"):
            del registry.snippets[model]


def build_schema():
    opt_in_only()
    import_app_schemas()
    harden_grapple_resolvers()
    prune_fields()

    class Query(*queries.root_query_mixins(), *registry.schema, graphene.ObjectType):
        """The read-only API of the Sister Cities of Los Angeles. Only published, public content is shown."""

    types = [
        # A page of Wagtail's plain Page class (the "Welcome" page of a new site, or a page whose
        # model was removed) answers as `Page`: grapple registers that type under the wrong key.
        BasePageType,
        *registry.pages.values(),
        *registry.snippets.values(),
        *(t for key, t in registry.streamfield_blocks.items() if key != "generic-block"),
        registry.streamfield_blocks["generic-block"],
        *registry.images.values(),
    ]
    schema = graphene.Schema(query=Query, types=list(dict.fromkeys(types)), auto_camelcase=True)
    describe(schema.graphql_schema)
    return schema


schema = build_schema()
