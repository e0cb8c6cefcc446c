"""
Descriptions for every type, field, argument and enum value of the schema.

Our own types carry theirs in the code. The rest comes from, in order: the
interface a field implements, the tables below (grapple's built-in types have
none), and the Django model field's help text (written for editors, which
reads well for API users too). A test fails when anything is left undescribed.
"""

from graphene.utils.str_converters import to_snake_case
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

from django.core.exceptions import FieldDoesNotExist

from grapple.registry import registry

_BUILT_IN_BLOCKS = {
    "CharBlock": "a line of text",
    "TextBlock": "plain text of several lines",
    "EmailBlock": "an email address",
    "IntegerBlock": "a whole number",
    "FloatBlock": "a number",
    "DecimalBlock": "a decimal number",
    "RegexBlock": "text matching a pattern",
    "URLBlock": "a web address",
    "BooleanBlock": "a yes/no choice",
    "DateBlock": "a date",
    "TimeBlock": "a time of day",
    "DateTimeBlock": "a date and time",
    "RichTextBlock": "formatted text, as HTML",
    "RawHTMLBlock": "raw HTML",
    "BlockQuoteBlock": "a quotation",
    "ChoiceBlock": "one choice from a list",
    "StreamBlock": "a sequence of blocks",
    "StructBlock": "a group of named blocks",
    "StaticBlock": "a block with no content of its own",
    "ListBlock": "a list of blocks of one kind",
    "EmbedBlock": "an embedded video or other media, by URL",
    "PageChooserBlock": "a link to a page",
    "DocumentChooserBlock": "a document",
    "ImageChooserBlock": "an image",
    "ImageBlock": "an image with its alt text",
    "SnippetChooserBlock": "a snippet",
    "StreamFieldBlock": "of a kind without a type of its own",
}

TYPE_DESCRIPTIONS = {
    **{name: f"A StreamField block: {what}." for name, what in _BUILT_IN_BLOCKS.items()},
    "StreamFieldInterface": (
        "A block of a StreamField (a page's body): query its kind's fields with `... on QuoteBlock { }`."
    ),
    "ChoiceOption": "One of the choices of a ChoiceBlock.",
    "CustomImage": "An image from the image library, with its alt text, credit and licence.",
    "CustomRendition": "A resized copy of an image, made with one of the allowed filters.",
    "DocumentObjectType": "A document (such as a PDF) from the document library.",
    "CollectionObjectType": "A public collection of images and documents.",
    "TagObjectType": "A keyword attached to pages (stories), images or documents.",
    "Page": "A page of Wagtail's plain page class, with no fields of its own (such as a new site's welcome page).",
    "CityGalleryImage": "A picture in a city's gallery, with its caption.",
    "CitySource": "A public source for the facts about a city.",
    "Date": "A calendar date, as YYYY-MM-DD (ISO 8601).",
    "DateTime": "A date and time with its time zone, as ISO 8601.",
    "JSONString": "A JSON value, serialised as a string.",
}

FIELD_DESCRIPTIONS = {
    "id": "The unique identifier.",
    ("StreamFieldInterface", "id"): "The block's unique identifier within its StreamField.",
    ("StreamFieldInterface", "blockType"): "The block's kind, e.g. `QuoteBlock`.",
    ("StreamFieldInterface", "field"): "The block's name in its StreamField, e.g. `quote`.",
    ("StreamFieldInterface", "rawValue"): "The block's stored value, unprocessed.",
    "value": "The block's value.",
    "blocks": "The blocks inside this one, in order.",
    "items": "The blocks of the list, in order.",
    "choices": "All the choices the block offers.",
    "key": "The stored value of the choice.",
    "url": "The absolute URL of the file.",
    "embed": "The embed's HTML, from its provider.",
    "rawEmbed": "The embed's details from its provider: title, type, thumbnail URL, size and HTML.",
    "page": "The page, if visitors may see it; null otherwise.",
    "document": "The document, unless it is in a private collection.",
    "image": "The image, unless it is in a private collection.",
    "snippet": "The snippet, if it is published.",
    "decorative": "Whether the image is decorative (then it has no alt text).",
    "altText": "The text that describes the image to people who cannot see it.",
    "title": "The title.",
    ("CustomImage", "width"): "The original's width, in pixels.",
    ("CustomImage", "height"): "The original's height, in pixels.",
    ("CustomImage", "url"): "The absolute URL of the original file. Prefer a rendition: originals can be large.",
    ("CustomImage", "rendition"): (
        "A resized copy of the image, made on first request. Only the filters in the API's allow-list "
        'are accepted (see docs/graphql.md); format: "webp" gives WebP.'
    ),
    ("CustomImage", "srcSet"): (
        "A `srcset` attribute value with one rendition per width in `sizes` (allowed widths only), "
        'in WebP with format: "webp".'
    ),
    "aspectRatio": "Width divided by height.",
    "sizes": "A `sizes` attribute value for the original width.",
    "isSvg": "Whether the image is an SVG file.",
    "focalPointX": "The horizontal centre of the focal point, in pixels, if an editor set one.",
    "focalPointY": "The vertical centre of the focal point, in pixels, if an editor set one.",
    "focalPointWidth": "The width of the focal point, in pixels, if an editor set one.",
    "focalPointHeight": "The height of the focal point, in pixels, if an editor set one.",
    "collection": "The collection it belongs to.",
    "tags": "Its keywords.",
    "createdAt": "When it was uploaded.",
    ("CustomRendition", "url"): "The absolute URL of the resized file.",
    ("CustomRendition", "width"): "The width of the resized file, in pixels.",
    ("CustomRendition", "height"): "The height of the resized file, in pixels.",
    ("CustomRendition", "alt"): "The image's alt text.",
    ("CustomRendition", "filterSpec"): "The filter it was made with, e.g. `fill-640x360|format-webp`.",
    ("CustomRendition", "backgroundPositionStyle"): "A CSS background-position declaration centred on the focal point.",
    ("DocumentObjectType", "url"): "The absolute URL to download the document.",
    "fileSize": "The file's size, in bytes.",
    "name": "The name.",
    ("CollectionObjectType", "descendants"): "The public collections inside this one.",
    ("CollectionObjectType", "ancestors"): "The public collections this one is inside.",
}

ARGUMENT_DESCRIPTIONS = {
    "max": "Fit within this box, e.g. `800x600` (see the allowed filters).",
    "min": "Cover at least this box, e.g. `800x600` (see the allowed filters).",
    "width": "Resize to this width in pixels (see the allowed filters).",
    "height": "Resize to this height in pixels (see the allowed filters).",
    "fill": "Crop to exactly this size around the focal point, e.g. `640x360` (see the allowed filters).",
    "format": "`webp` for WebP, the only format accepted; leave it out for the original's format.",
    "bgcolor": "A background colour for transparent images, e.g. `ffffff` (see the allowed filters).",
    "jpegquality": "JPEG quality, 1 to 100 (see the allowed filters).",
    "webpquality": "WebP quality, 1 to 100 (see the allowed filters).",
    "preserveSvg": "Leave SVG images unchanged by raster operations (default true).",
    ("CustomImage", "srcSet", "sizes"): "The widths to include, among the allowed ones.",
    "format_": "The file format.",
}

ENUM_VALUE_DESCRIPTIONS = {}


def _models_by_type_name():
    models = {}
    for model, graphene_type in registry.class_models.items():
        if isinstance(model, type):
            models[graphene_type._meta.name] = model
    return models


def _blocks_by_type_name():
    return {
        graphene_type._meta.name: block
        for block, graphene_type in registry.streamfield_blocks.items()
        if isinstance(block, type) and hasattr(block, "graphql_fields")
    }


def _block_help_text(block_class, field_name):
    if block_class is None:
        return None
    child = block_class().child_blocks.get(to_snake_case(field_name))
    if child is None:
        return None
    # Field blocks keep their help text on their form field, the others on their meta.
    text = getattr(getattr(child, "field", None), "help_text", None) or getattr(child.meta, "help_text", None)
    return str(text) if text else None


def _model_help_text(model, field_name):
    if model is None:
        return None
    try:
        field = model._meta.get_field(to_snake_case(field_name))
    except FieldDoesNotExist:
        return None
    text = str(getattr(field, "help_text", "") or "")
    return text or None


def describe(schema):
    models = _models_by_type_name()
    block_classes = _blocks_by_type_name()
    # Interfaces first, so that the types implementing them inherit their descriptions.
    ordered = sorted(schema.type_map.items(), key=lambda item: not isinstance(item[1], GraphQLInterfaceType))
    for name, graphql_type in ordered:
        if name.startswith("__"):
            continue
        model = models.get(name)
        if name in TYPE_DESCRIPTIONS:  # ours, over a library's docstring
            graphql_type.description = TYPE_DESCRIPTIONS[name]
        elif not graphql_type.description:
            doc = model.__doc__ if model is not None else None
            if doc and not doc.startswith(f"{model.__name__}(" if model else "\0"):
                graphql_type.description = " ".join(doc.split())
        if isinstance(graphql_type, GraphQLEnumType):
            for value_name, value in graphql_type.values.items():
                if not value.description:
                    value.description = ENUM_VALUE_DESCRIPTIONS.get((name, value_name))
            continue
        if not isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType, GraphQLInputObjectType)):
            continue
        interfaces = getattr(graphql_type, "interfaces", ())
        for field_name, field in graphql_type.fields.items():
            if not field.description:
                inherited = next(
                    (
                        interface.fields[field_name].description
                        for interface in interfaces
                        if field_name in interface.fields and interface.fields[field_name].description
                    ),
                    None,
                )
                field.description = (
                    inherited
                    or FIELD_DESCRIPTIONS.get((name, field_name))
                    or FIELD_DESCRIPTIONS.get(field_name)
                    or _model_help_text(model, field_name)
                    or _block_help_text(block_classes.get(name), field_name)
                )
            for argument_name, argument in getattr(field, "args", {}).items():
                if not argument.description:
                    argument.description = ARGUMENT_DESCRIPTIONS.get(
                        (name, field_name, argument_name)
                    ) or ARGUMENT_DESCRIPTIONS.get(argument_name)


def undescribed(schema):
    """Everything in the schema without a description, as readable paths (for the test)."""
    missing = []
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__") or name in {"String", "Boolean", "Int", "Float", "ID"}:
            continue
        if not graphql_type.description:
            missing.append(name)
        if isinstance(graphql_type, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in graphql_type.values.items() if not value.description]
            continue
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            missing += [
                f"{name}.{field_name}({a})"
                for a, argument in getattr(field, "args", {}).items()
                if not argument.description
            ]
    return missing
