"""
Types and argument checks shared by the queries: languages, pagination, orders.

Every argument a client sends is checked here, one helper per kind of value,
before it reaches the database: a value the API cannot use is a GraphQL error
that names the argument and says what it accepts, never an "Internal error.".

- ``parse_id``: ID arguments (`id`, `parent`, `ancestor`) are whole numbers.
- ``search_text``: search arguments accept any text; only its words are searched.
- ``check_text``, ``checked_resolver`` and ``checked_arguments``: no NUL character
  in any other string (PostgreSQL can neither store nor compare one), refused for
  a resolver, or for every resolver of a query class at once.
- ``pagination_arguments``, ``check_page_arguments``, ``page_slice``, ``paginate``:
  every list takes ``page`` and ``perPage``, and only those; ``search_argument``:
  every search is an argument named ``search``.
- ``check_order``, ``get_locale``: orders and languages; ``fallback_argument`` and
  ``in_language``: a list in one language, or with the default language's items
  that have no translation (docs/graphql.md, "Languages").
- ``shown``: a client's value quoted in an error message, cut short.
"""

import enum
import functools
import math
import re
import unicodedata

import graphene
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from cms.search.bounded import max_candidates

from . import batching
from .conf import max_page_size, page_size


def make_enum(name, members, description):
    """
    A GraphQL enum from ``(NAME, value, description)`` triples.

    The schema then lists what an argument accepts, and a wrong value is
    refused before any resolver runs.
    """
    python_enum = enum.Enum(name, [(member_name, value) for member_name, value, _ in members])
    for member_name, _, member_description in members:
        python_enum[member_name].description = str(member_description)
    return graphene.Enum.from_enum(python_enum, description=description)


def enum_from_choices(name, choices, description):
    """A GraphQL enum from a Django TextChoices class: RED for "red", described by its label."""
    return make_enum(name, [(choice.name, choice.value, choice.label) for choice in choices], description)


def _language_enum():
    return make_enum(
        "Language",
        [(code.upper().replace("-", "_"), code, label) for code, label in settings.WAGTAIL_CONTENT_LANGUAGES],
        "A content language of the site. Lists and single items default to the site's default language.",
    )


Language = _language_enum()


def locale_argument():
    return graphene.Argument(
        Language,
        description="The language of the content. Defaults to the site's default language.",
    )


def fallback_argument(noun="items"):
    return graphene.Argument(
        graphene.Boolean,
        default_value=False,
        description=(
            f"With a `locale` other than the default language: also the default language's {noun} that have no "
            "published version in `locale`, in their place in the order. Each item's `locale` says its language. "
            "Defaults to false: only `locale`'s."
        ),
    )


def in_language(queryset, info, locale, fallback=False):
    """
    ``queryset`` (already limited to what visitors may see) in ``locale``; with
    ``fallback``, and the default language's items that have no version in
    ``locale`` visitors may see (by translation key): one query, so that the
    caller's order and pagination apply to the whole list.
    """
    from .visibility import visible

    default = get_locale(info)
    if not fallback or locale.pk == default.pk:
        return queryset.filter(locale=locale)
    translated = visible(queryset.model.objects.filter(locale=locale), info).values("translation_key")
    return queryset.filter(Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated)))


def languages(info, locale, fallback=False):
    """The locales ``in_language`` draws from: ``locale``, and with ``fallback`` the default language."""
    return list({locale, get_locale(info)}) if fallback else [locale]


def get_locale(info, language=None):
    """The Locale for a `locale` argument (or the default language), from ``all_locales``."""
    code = getattr(language, "value", language) if language else None
    code = code or get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale = all_locales(info).get(code)
    if locale is None:
        raise GraphQLError(f"The site has no content in the language '{code}' yet.")
    return locale


def all_locales(info):
    """
    Every Locale by language code, read once per request: one query, whichever
    languages a request asks for and whichever items say their language.
    """
    cache = _request_cache(info, "locales")
    if not cache:
        cache.update((locale.language_code, locale) for locale in Locale.objects.all())
    return cache


def _request_cache(info, name):
    context = info.context
    caches = getattr(context, "_graphql_cache", None) if context is not None else None
    if caches is None:
        caches = {}
        if context is not None:
            context._graphql_cache = caches
    return caches.setdefault(name, {})


# --- Pagination --------------------------------------------------------------


class Pagination(graphene.ObjectType):
    """Where a page of results sits in the whole list."""

    total = graphene.Int(required=True, description="How many items match, on all pages together.")
    total_is_capped = graphene.Boolean(
        required=True,
        description=(
            "Whether more items match a search than it ranks: `total` is then that bound (1,000 by default), and "
            "the list holds the best matches among the most recently added ones. Add words to narrow the search. "
            "Only the site-wide `search` reports it; other lists say false."
        ),
    )
    page = graphene.Int(required=True, description="The number of this page of results, from 1.")
    per_page = graphene.Int(required=True, description="The most items a page of results holds.")
    total_pages = graphene.Int(required=True, description="How many pages of results there are (at least 1).")
    has_next_page = graphene.Boolean(required=True, description="Whether a page of results follows this one.")
    has_previous_page = graphene.Boolean(required=True, description="Whether a page of results comes before this one.")


def paginated_list(name, item_type, description):
    """An object type holding one page of items and its Pagination."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "__doc__": description,
            "items": graphene.List(
                graphene.NonNull(item_type), required=True, description="The items on this page of results, in order."
            ),
            "pagination": graphene.Field(
                Pagination, required=True, description="The page number, page size and totals of the list."
            ),
        },
    )


def pagination_arguments(noun="items"):
    """The ``page`` and ``perPage`` arguments every list of the API takes (paginated or not)."""
    return {
        "page": graphene.Argument(graphene.Int, description="Which page of the list, from 1. Defaults to 1."),
        "per_page": graphene.Argument(
            graphene.Int,
            description=f"How many {noun} a page holds, from 1 to {max_page_size()}. Defaults to {page_size()}.",
        ),
    }


def search_argument(noun="items"):
    """The ``search`` argument: the one name every search of the API takes."""
    return graphene.Argument(graphene.String, description=f"Only {noun} that match these words (full-text search).")


def check_page_arguments(page, per_page):
    page = 1 if page is None else page
    per_page = page_size() if per_page is None else per_page
    if page < 1:
        raise GraphQLError(f"page must be 1 or more; got {page}.")
    if not 1 <= per_page <= max_page_size():
        raise GraphQLError(f"perPage must be between 1 and {max_page_size()}; got {per_page}.")
    return page, per_page


class LazyPagination:
    """A Pagination's values, counting the list only when a client asks for a figure that needs the
    count (``total``, ``totalPages``, ``hasNextPage``): a first page whose pagination nobody
    selects (a "latest stories" block) costs no COUNT. ``count`` is called at most once. ``results``:
    the list, whose ``capped`` (search results, cms/search/bounded.py) says whether the count
    stopped at the search's bound."""

    def __init__(self, count, page, per_page, results=None):
        self._count = count
        self._results = results
        self.page = page
        self.per_page = per_page
        self.has_previous_page = page > 1

    @functools.cached_property
    def total(self):
        return self._count()

    @property
    def total_is_capped(self):
        self.total  # noqa: B018 - a search knows whether it is capped once it has counted
        return bool(getattr(self._results, "capped", False))

    @property
    def total_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next_page(self):
        return self.page < self.total_pages


def paginate(queryset, page=None, per_page=None, count=None, window=None):
    """One page of a queryset with its Pagination; a page past the end is an error, not an empty list.

    ``count``: a function giving the number of items, when the list has a cheaper way to count
    than ``queryset.count()``; ``window(queryset, start, stop, total)``: the page's rows, when it
    has a cheaper way to reach a deep page than an OFFSET over whole rows (the stories:
    cities.querysets.counted_stories and story_window; ``total`` is None on the first page).
    The first page is never past the end, so it is counted only if the pagination is asked for.
    """
    page, per_page = check_page_arguments(page, per_page)
    pagination = LazyPagination(count or queryset.count, page, per_page, results=queryset)
    total = None
    if page > 1:
        total = pagination.total
        if page > pagination.total_pages:
            total_pages = pagination.total_pages
            raise GraphQLError(
                f"page {page} is past the end: there {'is' if total_pages == 1 else 'are'} {total_pages} "
                f"page{'' if total_pages == 1 else 's'} of results for these arguments."
            )
    offset = (page - 1) * per_page
    if window is not None:
        items = batching.group(window(queryset, offset, offset + per_page, total))
    else:
        items = batching.group(queryset[offset : offset + per_page])
    return {"items": items, "pagination": pagination}


def page_slice(page=None, per_page=None):
    """The (offset, size) of one page of a list, after ``check_page_arguments``."""
    page, per_page = check_page_arguments(page, per_page)
    return (page - 1) * per_page, per_page


def check_order(order, accepted):
    """
    A grapple-style ``order`` string ("-first_published_at,title") checked against
    the accepted field names; returns the order_by arguments, each field once.
    """
    if not order:
        return None
    fields = {}  # field name -> "name" or "-name", the first mention of each field
    unknown = []
    for part in order.split(","):
        part = part.strip()
        name = part.removeprefix("-")
        if name in accepted:
            fields.setdefault(name, part)
        elif part:
            unknown.append(part)
    if unknown or not fields:
        more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
        raise GraphQLError(
            f"Cannot order by {', '.join(map(shown, unknown[:3])) or shown(order)}{more}. Accepted: "
            f"{', '.join(sorted(accepted))}, each optionally with a leading '-' for descending order, "
            "separated by commas."
        )
    return list(fields.values())


# --- Argument values -----------------------------------------------------------

# Arguments that take search text: any text is accepted (see ``search_text``).
SEARCH_ARGUMENTS = frozenset({"search"})
# The words of a search that count, and the characters of each word that count.
MAX_SEARCH_WORDS = 20
MAX_SEARCH_WORD_LENGTH = 50
SEARCH_WORD = re.compile(r"[^\W_]+")
WHOLE_NUMBER = re.compile(r"[0-9]{1,19}")
ID_EXAMPLE = "e.g. 12"


def shown(value, length=40):
    """A client's value quoted for an error message; a long one is cut short, never echoed whole."""
    text = str(value)
    if len(text) <= length:
        return repr(text)
    return f"{text[:length]!r}... ({len(text):,} characters)"


def parse_id(value, name="id"):
    """
    An ID argument as a number; None when it is not given. Ids are whole numbers:
    anything else ("abc", "1x", "-1", "preview-12") is an error naming the argument.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not WHOLE_NUMBER.fullmatch(text):
        too_long = text.isascii() and text.isdigit()
        raise GraphQLError(
            f"{name} must be a whole number{' of at most 19 digits' if too_long else ''}, {ID_EXAMPLE}; "
            f"got {shown(value)}."
        )
    return int(text)


def check_text(value, name):
    """
    A string argument (or a list of them): any text without NUL characters, which
    PostgreSQL can neither store nor compare.
    """
    if isinstance(value, str) and "\x00" in value:
        raise GraphQLError(f"{name} must be text without NUL characters (\\u0000); got {shown(value)}.")
    if isinstance(value, (list, tuple)):
        for item in value:
            check_text(item, name)
    return value


def checked_resolver(resolver):
    """
    A resolver that first checks its string arguments with ``check_text`` (search
    arguments take any text: ``search_text`` cleans them).
    """

    @functools.wraps(resolver)
    def resolve(root, info, **kwargs):
        for name, value in kwargs.items():
            if name not in SEARCH_ARGUMENTS:
                check_text(value, to_camel_case(name))
        return resolver(root, info, **kwargs)

    return resolve


def checked_arguments(query_class):
    """Class decorator for a query class: each of its ``resolve_*`` methods is a ``checked_resolver``."""
    for name, method in list(vars(query_class).items()):
        if name.startswith("resolve_") and callable(method):
            setattr(query_class, name, checked_resolver(method))
    return query_class


def search_text(value):
    """
    The words of a search, as the search backend can take them: any text a person
    types is accepted (quotes, operators, emoji, NUL characters, thousands of
    characters). Punctuation and symbols are left out, as the search index leaves
    them out; the first MAX_SEARCH_WORDS words count, each up to
    MAX_SEARCH_WORD_LENGTH characters. Unquoted, a quote or a NUL character would
    end the SQLite full-text query early, and a NUL is an error in PostgreSQL.
    """
    words = SEARCH_WORD.findall(unicodedata.normalize("NFC", value or ""))
    return " ".join(word[:MAX_SEARCH_WORD_LENGTH] for word in words[:MAX_SEARCH_WORDS])


def search_results(queryset_for_search, query, operator="and"):
    """
    The search backend's results for a queryset, best match first, unevaluated: one query
    ranks at most SEARCH_MAX_CANDIDATES matches with the queryset's filters (cms/search/bounded.py)
    and gives the ``count()`` (``capped`` when more matched) and every slice, which reads its
    objects in one more, so a page of results costs the same however many pages match. None
    when there is no search (no text, or only spaces); an empty list when the text has no words
    to search for.

    The backends filter only on indexed fields: give a queryset made by
    ``Visibility.pages_for_search`` (cms/visibility.py), which they accept whatever the rule.
    """
    if not (query or "").strip():
        return None
    words = search_text(query)
    if not words:
        return []
    backend = get_search_backend()
    return backend.search(words, queryset_for_search, operator=str(getattr(operator, "value", operator) or "and"))


def search_pks(queryset_for_search, query, operator="and"):
    """
    The primary keys of the objects matching a search, best match first (at most
    SEARCH_MAX_CANDIDATES, the search's bound: cms/search/bounded.py), read without the objects;
    None when there is no search, and an empty list when the text has no words to search for
    (``search_results``). For a list the caller orders otherwise or filters further with
    ``pk__in=`` these keys.
    """
    results = search_results(queryset_for_search, query, operator)
    if results is None or isinstance(results, list):  # not a search, or no words (not evaluated: no bool())
        return results
    if hasattr(results, "ranked_pks"):
        return results.ranked_pks()
    return [obj.pk for obj in results[: max_candidates()]]  # another backend


def order_by_pks(queryset, pks):
    """Order a queryset as the list of primary keys (search relevance)."""
    if not pks:
        return queryset.none()
    ranking = Case(*(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(pks)), output_field=IntegerField())
    return queryset.filter(pk__in=pks).annotate(_search_rank=ranking).order_by("_search_rank")
