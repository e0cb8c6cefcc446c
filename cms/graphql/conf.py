"""The API's settings (GRAPHQL_API in the Django settings), with safe defaults."""

from django.conf import settings

DEFAULTS = {
    "MAX_QUERY_LENGTH": 10_000,
    "MAX_TOKENS": 1_000,
    "MAX_DEPTH": 10,
    "MAX_ALIASES": 15,
    "MAX_COST": 25_000,
    # Fields and fragment spreads written in one query document: graphql-core compares
    # same-named ones pairwise, so its validation time grows with the square of this.
    "MAX_SELECTIONS": 200,
    # Lists that take no size argument (a story's cities, a page's translations)
    # count as this many items in the cost.
    "ASSUMED_LIST_SIZE": 10,
    "FIELD_SUGGESTIONS": False,
    "GRAPHIQL": False,
    "CACHE_MAX_AGE": 60,
    "PREVIEW_TOKEN_MAX_AGE": 60 * 60,
    # Search results considered before filtering and paginating them.
    "MAX_SEARCH_RESULTS": 1_000,
    # Bytes in a POST body (larger ones get a 413): room for a query of MAX_QUERY_LENGTH
    # characters, escaped in JSON, and its variables.
    "MAX_BODY_BYTES": 100_000,
}


def api_setting(name):
    """One GRAPHQL_API setting, read at call time so that tests may override it."""
    return {**DEFAULTS, **getattr(settings, "GRAPHQL_API", {})}[name]


def page_size():
    return settings.GRAPPLE.get("PAGE_SIZE", 10)


def max_page_size():
    return settings.GRAPPLE.get("MAX_PAGE_SIZE", 100)
