"""
The ``possibleTypes`` a normalising client needs, from the schema itself.

Apollo Client's InMemoryCache (and other caches that match fragments without the
whole schema) must be told which object types belong to each interface and
union, or ``... on CityPage { }`` on a ``PageInterface`` field matches nothing.
This is that mapping, ``{"PageInterface": ["CityIndexPage", "CityPage", ...], ...}``,
for every interface and union of the schema, built once per process:

- ``GET /api/graphql/possible-types.json`` serves it, cacheable by shared caches
  and revalidated by its ETag (it changes only when the code does);
- ``make possible-types`` writes the same JSON to a file
  (``python -m cms.graphql.possible_types FILE``), for a site that builds
  without the CMS running.
"""

import hashlib
import json
import sys
from functools import cache

from graphql import GraphQLInterfaceType, GraphQLUnionType

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe

from .conf import api_setting


def possible_types(graphql_schema):
    """Every interface and union of the schema, with the names of its object types, sorted."""
    return {
        name: sorted(member.name for member in graphql_schema.get_possible_types(abstract))
        for name, abstract in sorted(graphql_schema.type_map.items())
        if isinstance(abstract, (GraphQLInterfaceType, GraphQLUnionType)) and not name.startswith("__")
    }


@cache
def possible_types_json():
    """The API's mapping as JSON bytes (the schema is built once, so is this)."""
    from .schema import schema

    return json.dumps(possible_types(schema.graphql_schema), indent=2).encode() + b"\n"


@require_safe
def possible_types_view(request):
    """GET /api/graphql/possible-types.json: cacheable; If-None-Match gets a 304."""
    body = possible_types_json()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=api_setting("CACHE_MAX_AGE"))
    patch_vary_headers(response, ("Origin",))
    return get_conditional_response(request, etag=etag, response=response)


def main(argv):
    """``python -m cms.graphql.possible_types FILE``: write the mapping to FILE (``-`` for standard output)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    target = argv[1] if len(argv) > 1 else "-"
    if target == "-":
        sys.stdout.buffer.write(possible_types_json())
    else:
        with open(target, "wb") as file:
            file.write(possible_types_json())


if __name__ == "__main__":
    main(sys.argv)
