"""
Image renditions: only the allowed filters, made or found in one query per list.

Every rendition the API hands out is one of GRAPPLE["ALLOWED_IMAGE_FILTERS"]
(each size also as WebP, with ``format: "webp"``): an arbitrary size would make
the server resize images on demand, a door for denial of service. ``rendition``
and ``srcSet`` both check it, and say what is accepted when they refuse; a
``format`` that no allowed filter has is refused by name first.
"""

import json

from graphql import GraphQLError

from django.conf import settings
from django.db.models import prefetch_related_objects

from wagtail.images.utils import to_svg_safe_spec

from cms.site_address import absolute

from . import batching

# The order of grapple's rendition arguments, which is the order of the filter spec.
RENDITION_ARGUMENTS = ("max", "min", "width", "height", "fill", "format", "bgcolor", "jpegquality", "webpquality")


def allowed_filters():
    return list(settings.GRAPPLE.get("ALLOWED_IMAGE_FILTERS") or [])


def allowed_widths():
    return list(settings.GRAPHQL_IMAGE_WIDTHS)


def accepted_formats():
    """The ``format`` values the allowed filters have (``webp``); without one, the original's format."""
    return sorted(
        {
            part.removeprefix("format-")
            for spec in allowed_filters()
            for part in spec.split("|")
            if part.startswith("format-")
        }
    )


def check_format(format):
    if format is not None and format not in accepted_formats():
        accepted = " or ".join(map(json.dumps, accepted_formats())) or "none"
        raise GraphQLError(
            f"format: {json.dumps(format)} is not accepted. Accepted: {accepted}; "
            "leave format out for the original's format."
        )


def _with_renditions(image):
    """Load the renditions of every image in the image's group at once (one query)."""

    def fetch(images):
        prefetch_related_objects([image for image in images if image.pk], "renditions")
        return dict.fromkeys(map(id, images))

    batching.load(image, "renditions", fetch)
    return image


def _rendition(image, spec, preserve_svg=True):
    if spec not in allowed_filters():
        raise GraphQLError(
            f"The image filter {spec!r} is not allowed. Accepted: {', '.join(allowed_filters())} "
            '(as rendition arguments, e.g. fill: "640x360", format: "webp").'
        )
    if image.is_svg() and preserve_svg:
        spec = to_svg_safe_spec(spec) or "original"
    return _with_renditions(image).get_rendition(spec)


def resolve_rendition(image, info, preserve_svg=True, **kwargs):
    check_format(kwargs.get("format"))
    spec = "|".join(f"{name}-{kwargs[name]}" for name in RENDITION_ARGUMENTS if kwargs.get(name) is not None)
    return _rendition(image, spec, preserve_svg)


def resolve_src_set(image, info, sizes, format=None, preserve_svg=True, **kwargs):
    check_format(format)
    widths = allowed_widths()
    refused = [size for size in sizes or () if size not in widths]
    if refused or not sizes:
        raise GraphQLError(
            f"srcSet sizes must be among {', '.join(map(str, widths))}; got {', '.join(map(str, refused or sizes))}."
        )
    suffix = f"|format-{format}" if format else ""
    renditions = [_rendition(image, f"width-{size}{suffix}", preserve_svg) for size in sizes]
    return ", ".join(f"{absolute(rendition.url)} {rendition.width}w" for rendition in renditions)


def resolve_rendition_url(rendition, info, **kwargs):
    return absolute(rendition.url)
