"""
The page and snippet interfaces (grapple's PAGE_INTERFACE and SNIPPET_INTERFACE).

Every page type implements ``PageInterface``. Its tree fields (parent, children,
siblings, descendants, ancestors) and translations show only the pages visitors
may see and are loaded for a whole list of pages in one query per field (per
tree depth), with ``page`` and ``perPage`` applied per page in SQL.

A draft opened with a preview token is never mistaken for the live page by a
client's cache: its ``id`` (and the ids of its inline rows, such as gallery
images) read ``preview-<id>``, and ``isPreview`` is true (docs/graphql.md,
"Using a normalising client").
"""

from functools import partial, reduce
from operator import or_

import graphene

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, Substr

from wagtail.models import Page

from . import batching
from .types import Language, _request_cache, all_locales, check_order, page_slice, pagination_arguments
from .visibility import get_visibility

# Fields a list of pages may be ordered by ("-title" for descending).
PAGE_ORDER_FIELDS = {"title", "slug", "path", "first_published_at", "last_published_at", "id"}
STEPLEN = Page.steplen


def resolve_id(obj, info, **kwargs):
    """
    The id of a page or an inline row (schema.harden_grapple_resolvers sets it on their
    types): its primary key, or the ``preview-...`` id ``preview.mark_preview_ids`` gave it.
    """
    preview_id = getattr(obj, "_graphql_preview_id", None)
    return preview_id if preview_id is not None else obj.pk


def _specific_type_name(page):
    from grapple.registry import registry
    from grapple.types.pages import Page as BasePageType

    return registry.pages.get(type(page), BasePageType)._meta.name


def _tree_arguments(order_help):
    return {
        **pagination_arguments("pages"),
        "order": graphene.Argument(
            graphene.String,
            description=(
                f"Order by one or more of {', '.join(sorted(PAGE_ORDER_FIELDS))}, separated by commas, each "
                f"with a leading '-' for descending order. {order_help}"
            ),
        ),
        "in_menu": graphene.Argument(
            graphene.Boolean,
            description="Only pages shown in menus (true) or only pages not shown in menus (false).",
        ),
    }


def _page_list(order_help, description):
    from grapple.types.interfaces import get_page_interface

    return graphene.List(
        graphene.NonNull(get_page_interface),
        required=True,
        description=description,
        **_tree_arguments(order_help),
    )


def _order_expressions(order):
    return [F(field[1:]).desc() if field.startswith("-") else F(field).asc() for field in order]


def _tree_batch(pages, info, *, descendants, limit, offset, order, in_menu):
    """
    The visible children (or descendants) of each page, at most ``limit`` each:
    one query per tree depth among the pages, plus one per page type found.
    """
    visibility = get_visibility(info)
    result = {id(page): [] for page in pages}
    by_depth = {}
    for page in pages:
        if page.path:
            by_depth.setdefault(page.depth, []).append(page)
    found = []
    for depth, same_depth in by_depth.items():
        prefix_length = depth * STEPLEN
        # Below each page: an interval of paths (a child's, as treebeard's get_children reads it;
        # any descendant's, up to the longest path of Z's), which the path indexes find, where
        # the filter on the path's prefix alone read every page of the site. The prefix still
        # names each row's ancestor, and keeps the rows exactly those below the pages.
        below = reduce(or_, (_below(page, descendants) for page in same_depth))
        rows = visibility.pages(Page.objects.filter(below)).annotate(_graphql_ancestor=Substr("path", 1, prefix_length))
        rows = rows.filter(_graphql_ancestor__in={page.path for page in same_depth})
        rows = rows.filter(depth__gt=depth) if descendants else rows.filter(depth=depth + 1)
        if in_menu is not None:
            rows = rows.filter(show_in_menus=in_menu)
        rows = rows.annotate(
            _graphql_rank=Window(
                RowNumber(), partition_by=[F("_graphql_ancestor")], order_by=_order_expressions([*order, "path"])
            )
        ).filter(_graphql_rank__gt=offset, _graphql_rank__lte=offset + limit)
        for row in rows.order_by(*order, "path").specific():
            found.append(row)
            for page in same_depth:
                if row.path.startswith(page.path) and row.pk != page.pk:
                    result[id(page)].append(row)
    batching.group(found)
    return result


def _below(page, descendants):
    """A filter on ``path`` holding the page's children (or descendants), for an index to find."""
    if not descendants:
        return Q(path__range=Page._get_children_path_interval(page.path))
    return Q(path__gt=page.path, path__lte=page.path.ljust(Page._meta.get_field("path").max_length, "Z"))


def _by_paths(paths, info):
    """Visible specific pages whose paths are among ``paths``, by path: one query, plus one per page type."""
    if not paths:
        return {}
    rows = get_visibility(info).pages(Page.objects.filter(path__in=paths)).specific()
    return {row.path: row for row in batching.group(rows)}


def _siblings_batch(pages, info):
    """All visible children of the pages' parents, by parent path, in tree order."""
    parents = {page.path[:-STEPLEN] for page in pages if page.path and page.depth > 1}
    visibility = get_visibility(info)
    children = {}
    if parents:
        rows = (
            visibility.pages(Page.objects.all())
            .annotate(_graphql_parent=Substr("path", 1, F("depth") * STEPLEN - STEPLEN))
            .filter(_graphql_parent__in=parents)
            .order_by("path")
            .specific()
        )
        for row in batching.group(rows):
            children.setdefault(row.path[:-STEPLEN], []).append(row)
    return {id(page): children.get(page.path[:-STEPLEN], []) if page.path else [] for page in pages}


def _locale_codes(info):
    cache = _request_cache(info, "locale_codes")
    if not cache:
        cache.update((locale.pk, code) for code, locale in all_locales(info).items())
    return cache


class PageInterface(graphene.Interface):
    """A page of the site. Every page type has these fields; query the type's own with `... on CityPage { }`."""

    id = graphene.ID(
        required=True,
        description="The page's unique identifier; `preview-<id>` for a draft opened with a preview token.",
    )
    title = graphene.String(required=True, description="The page title as visitors see it.")
    slug = graphene.String(required=True, description="The last part of the page's URL, e.g. `nagoya`.")
    content_type = graphene.String(
        required=True, description="The page's model as `app.ModelName`, e.g. `cities.CityPage`."
    )
    page_type = graphene.String(description="The page's GraphQL type name, e.g. `CityPage`.")
    live = graphene.Boolean(
        required=True, description="Whether the page is published. Only a preview (with a token) shows false."
    )
    url = graphene.String(
        description="The page's URL on this site, e.g. `/en/cities/nagoya/`: a path when the site has one domain."
    )
    url_path = graphene.String(required=True, description="The page's internal path in the page tree.")
    depth = graphene.Int(description="How deep the page sits in the page tree (the home page is 2).")
    seo_title = graphene.String(required=True, description="The title for search engines: the page title if none.")
    search_description = graphene.String(description="The description for search engines and link previews.")
    show_in_menus = graphene.Boolean(required=True, description="Whether editors want the page listed in menus.")
    first_published_at = graphene.DateTime(description="When the page was first published.")
    last_published_at = graphene.DateTime(description="When the page was last published.")
    locale = graphene.Field(Language, required=True, description="The page's language.")
    translations = graphene.List(
        graphene.NonNull(lambda: PageInterface),
        required=True,
        description="The published versions of this page in the other languages, by language.",
    )
    parent = graphene.Field(
        lambda: PageInterface, description="The page above this one in the tree; null for the home page."
    )
    children = _page_list("Defaults to the tree order (path).", "The published pages directly below this one.")
    siblings = _page_list("Defaults to the tree order (path).", "The other published pages with the same parent.")
    next_siblings = _page_list(
        "Defaults to the tree order (path).", "The published pages with the same parent after this one in the tree."
    )
    previous_siblings = _page_list(
        "Defaults to the tree order (path).", "The published pages with the same parent before this one in the tree."
    )
    descendants = _page_list("Defaults to the tree order (path).", "The published pages below this one, at any depth.")
    ancestors = _page_list(
        "Defaults to the tree order (path): the home page first.",
        "The published pages above this one, from the home page down (the tree's root is never included).",
    )
    search_score = graphene.Float(description="How well the page matched a search, when it comes from one.")
    is_preview = graphene.Boolean(
        required=True,
        description=(
            "Whether this is a draft opened with a preview token. A preview's id reads `preview-<id>`: "
            "fetch previews with their own client cache, never the one for live content."
        ),
    )

    @classmethod
    def resolve_type(cls, instance, info):
        from grapple.registry import registry
        from grapple.types.pages import Page as BasePageType

        return registry.pages.get(type(instance), BasePageType)

    def resolve_content_type(self, info, **kwargs):
        return f"{self._meta.app_label}.{type(self).__name__}"

    def resolve_is_preview(self, info, **kwargs):
        return getattr(self, "_graphql_preview", False)

    def resolve_page_type(self, info, **kwargs):
        return _specific_type_name(self)

    def resolve_url(self, info, **kwargs):
        return self.get_url(request=info.context)

    def resolve_seo_title(self, info, **kwargs):
        return self.seo_title or self.title

    def resolve_locale(self, info, **kwargs):
        return _locale_codes(info).get(self.locale_id)

    def resolve_search_score(self, info, **kwargs):
        return getattr(self, "search_score", None)

    def resolve_translations(self, info, **kwargs):
        def fetch(pages):
            keys = {page.translation_key for page in pages}
            rows = get_visibility(info).pages(Page.objects.filter(translation_key__in=keys)).specific()
            rows = sorted(batching.group(rows), key=lambda row: _locale_codes(info).get(row.locale_id, ""))
            return {
                id(page): [
                    row
                    for row in rows
                    if row.translation_key == page.translation_key and row.locale_id != page.locale_id
                ]
                for page in pages
            }

        return batching.load(self, "translations", fetch, kind=Page)

    def resolve_parent(self, info, **kwargs):
        def fetch(pages):
            found = _by_paths({page.path[:-STEPLEN] for page in pages if page.path and page.depth > 2}, info)
            return {id(page): found.get(page.path[:-STEPLEN]) if page.path else None for page in pages}

        return batching.load(self, "parent", fetch, kind=Page)

    def resolve_ancestors(self, info, page=None, per_page=None, order=None, in_menu=None, **kwargs):
        offset, limit = page_slice(page, per_page)
        order = check_order(order, PAGE_ORDER_FIELDS)

        def fetch(pages):
            prefixes = {
                page.path[:length]
                for page in pages
                for length in range(STEPLEN * 2, len(page.path or ""), STEPLEN)  # the root (depth 1) is never shown
            }
            found = _by_paths(prefixes, info)
            return {
                id(page): [found[p] for p in sorted(found) if page.path.startswith(p) and p != page.path]
                if page.path
                else []
                for page in pages
            }

        pages = batching.load(self, "ancestors", fetch, kind=Page)
        return _filter_slice(pages, limit, offset, order, in_menu)

    def resolve_children(self, info, page=None, per_page=None, order=None, in_menu=None, **kwargs):
        return _tree(self, info, False, page, per_page, order, in_menu)

    def resolve_descendants(self, info, page=None, per_page=None, order=None, in_menu=None, **kwargs):
        return _tree(self, info, True, page, per_page, order, in_menu)

    def resolve_siblings(self, info, page=None, per_page=None, order=None, in_menu=None, **kwargs):
        return _siblings(self, info, lambda row: row.path != self.path, page, per_page, order, in_menu)

    def resolve_next_siblings(self, info, page=None, per_page=None, order=None, in_menu=None, **kwargs):
        return _siblings(self, info, lambda row: row.path > self.path, page, per_page, order, in_menu)

    def resolve_previous_siblings(self, info, page=None, per_page=None, order=None, in_menu=None, **kwargs):
        return _siblings(self, info, lambda row: row.path < self.path, page, per_page, order, in_menu)


def _tree(page, info, descendants, page_number, per_page, order, in_menu):
    offset, limit = page_slice(page_number, per_page)
    order = tuple(check_order(order, PAGE_ORDER_FIELDS) or ())
    key = ("descendants" if descendants else "children", limit, offset, order, in_menu)
    return batching.load(
        page,
        key,
        lambda pages: _tree_batch(
            pages, info, descendants=descendants, limit=limit, offset=offset, order=order, in_menu=in_menu
        ),
        kind=Page,
    )


def _filter_slice(pages, limit, offset, order, in_menu):
    if in_menu is not None:
        pages = [page for page in pages if page.show_in_menus == in_menu]
    # Stable sorts, least significant field first; empty values last.
    for field in reversed(order or ()):
        name = field.lstrip("-")
        pages = sorted(pages, key=partial(_sort_value, name), reverse=field.startswith("-"))
    return pages[offset : offset + limit]


def _sort_value(name, page):
    value = getattr(page, name)
    return (value is None, value)


def _siblings(page, info, keep, page_number, per_page, order, in_menu):
    offset, limit = page_slice(page_number, per_page)
    order = check_order(order, PAGE_ORDER_FIELDS)
    family = batching.load(page, "siblings", lambda pages: _siblings_batch(pages, info), kind=Page)
    return _filter_slice([row for row in family if keep(row)], limit, offset, order, in_menu)


class SnippetInterface(graphene.Interface):
    """A snippet: a small piece of content that pages point to (committee, kind of exchange, resource category)."""

    snippet_type = graphene.String(required=True, description="The snippet's model name, e.g. `Committee`.")
    content_type = graphene.String(
        required=True, description="The snippet's model as `app.ModelName`, e.g. `cities.Committee`."
    )
    locale = graphene.Field(Language, description="The snippet's language; null for a snippet that has none.")
    translations = graphene.List(
        graphene.NonNull(lambda: SnippetInterface),
        required=True,
        description="The published versions of this snippet in the other languages, by language.",
    )

    @classmethod
    def resolve_type(cls, instance, info):
        from grapple.registry import registry

        return registry.snippets[type(instance)]

    def resolve_snippet_type(self, info, **kwargs):
        return type(self).__name__

    def resolve_locale(self, info, **kwargs):
        locale_id = getattr(self, "locale_id", None)
        return _locale_codes(info).get(locale_id) if locale_id is not None else None

    def resolve_translations(self, info, **kwargs):
        if getattr(self, "translation_key", None) is None:
            return []

        def fetch(snippets):
            model = type(self)
            keys = {snippet.translation_key for snippet in snippets}
            rows = get_visibility(info).filter(model.objects.filter(translation_key__in=keys))
            rows = sorted(batching.group(rows), key=lambda row: _locale_codes(info).get(row.locale_id, ""))
            return {
                id(snippet): [
                    row
                    for row in rows
                    if row.translation_key == snippet.translation_key and row.locale_id != snippet.locale_id
                ]
                for snippet in snippets
            }

        return batching.load(self, "translations", fetch)

    def resolve_content_type(self, info, **kwargs):
        return f"{self._meta.app_label}.{type(self).__name__}"
