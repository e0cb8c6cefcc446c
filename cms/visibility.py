"""
What visitors may see: one set of rules for the website, the feeds, the sitemap, search and the API.

An anonymous visitor of the public site sees a page only when it is live (not a
draft, not scheduled for later, not expired) and public (no password, login or
group restriction on it or on any of its ancestors), and never the root page.
The page rows hold the published content, so the drafts of live pages stay
private as long as nothing shows revisions or draft fields.

Snippets with a draft state (Committee) are shown only when live. Images and
documents are shown only outside private collections, counting the children of
a private collection as private too. Rich text keeps the words of a link to a
page or document visitors may not see, but not the link, and loses its private
images.

The restrictions are read once per request (one query each, and only when
needed) and kept on the request (``for_request``), so that checking a page or an
image already in memory costs no query. They are the same for every visitor:
with the response cache on they come from its shared data (cms/response_cache.py
``shared``), dropped when a view restriction, a page or a collection changes. The API reaches the same object through
``cms.graphql.visibility.get_visibility``; this module knows nothing of GraphQL
and nothing of the apps.
"""

import re
from functools import reduce
from operator import or_

from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
    PageViewRestriction,
)

from cms import response_cache

# Where the request keeps its Visibility: the website and the API share it.
CONTEXT_ATTRIBUTE = "_visibility"


class Visibility:
    """The visibility rules for one request."""

    def __init__(self):
        self.now = timezone.now()
        # Set when a query used a preview token: the response must not be cached.
        self.used_preview = False

    def remember(self, key, compute):
        """``compute()``, worked out once for this request (a Visibility lives as long as its request).

        For what several parts of one page ask for (the stories section of the page's language:
        the page's feed links and the <head>'s), so that it costs one query, not one per part.
        """
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    # --- Pages -------------------------------------------------------------
    @cached_property
    def restricted_page_paths(self):
        """Tree paths of the pages with a view restriction (password, login or groups)."""
        return response_cache.shared("restricted page paths", [PageViewRestriction, Page], _restricted_page_paths)

    def _live_q(self):
        return (
            Q(live=True, expired=False)
            & (Q(go_live_at__isnull=True) | Q(go_live_at__lte=self.now))
            & (Q(expire_at__isnull=True) | Q(expire_at__gt=self.now))
        )

    def pages(self, queryset):
        """Filter a page queryset to what visitors may see."""
        queryset = queryset.filter(self._live_q(), depth__gt=1)
        if self.restricted_page_paths:
            queryset = queryset.exclude(reduce(or_, (Q(path__startswith=path) for path in self.restricted_page_paths)))
        return queryset

    def next_change(self, queryset):
        """The next moment (after ``now``) that one of these published pages goes live or expires by the clock, or None.

        What is visible among them holds until then: for values kept for a while (the shared data).
        One query, whatever the number of pages: each moment is the first row of its own scalar
        subquery, in the order of that field, which the database reads from the schedule's
        partial index (home/migrations/0009: only pages with a schedule are in it) and stops at
        the first; a MIN over the pages read every page.
        """
        published = queryset.filter(live=True, expired=False).order_by()

        def first(field):
            later = published.filter(**{f"{field}__gt": self.now}).order_by(field).values(field)[:1]
            return Subquery(later)

        moments = queryset.model.objects.order_by().values_list(first("go_live_at"), first("expire_at"))[:1]
        return min(filter(None, next(iter(moments), ())), default=None)

    def pages_for_search(self, queryset):
        """The same pages, filtered so that a search backend accepts it: by id, through a subquery.

        Search backends filter only on indexed fields, and ``expired``, ``go_live_at`` and
        ``expire_at`` are not among Page's; ``id`` is. Wagtail's database backends (SQLite FTS5,
        PostgreSQL) put the queryset's filters into their SQL, so the rule stays one subquery the
        database runs with the search, whatever the number of pages: no list of ids in Python.
        """
        return queryset.model.objects.filter(pk__in=self.pages(queryset).order_by().values("pk"))

    def is_live(self, obj):
        """Published, due and not expired (pages and snippets with a draft state), without a query."""
        return (
            obj.live
            and not obj.expired
            and (obj.go_live_at is None or obj.go_live_at <= self.now)
            and (obj.expire_at is None or obj.expire_at > self.now)
        )

    _is_live = is_live

    def page_is_visible(self, page):
        """The same rules for a page already in memory, without a query."""
        if page is None or not isinstance(page, Page) or not page.path or page.depth <= 1:
            return False
        return self.is_live(page) and not page.path.startswith(self.restricted_page_paths)

    # --- Snippets and other models -----------------------------------------
    def snippets(self, queryset):
        """Snippets with a draft state only when live; other models as they are."""
        if issubclass(queryset.model, DraftStateMixin):
            return queryset.filter(self._live_q())
        return queryset

    def snippet_is_visible(self, obj):
        if obj is None:
            return False
        return self.is_live(obj) if isinstance(obj, DraftStateMixin) else True

    # --- Images, documents and collections ---------------------------------
    @cached_property
    def private_collection_ids(self):
        """Collections with a view restriction, and all their descendants."""
        return response_cache.shared(
            "private collections", [CollectionViewRestriction, Collection], _private_collection_ids
        )

    def collections(self, queryset):
        return queryset.exclude(pk__in=self.private_collection_ids) if self.private_collection_ids else queryset

    def media(self, queryset):
        """Images or documents outside private collections."""
        if self.private_collection_ids:
            return queryset.exclude(collection_id__in=self.private_collection_ids)
        return queryset

    def media_is_visible(self, obj):
        return obj is not None and obj.collection_id not in self.private_collection_ids

    # --- Any object ----------------------------------------------------------
    def filter(self, queryset):
        """Apply whichever rule fits the queryset's model."""
        from wagtail.documents.models import AbstractDocument
        from wagtail.images.models import AbstractImage

        model = queryset.model
        if issubclass(model, Page):
            return self.pages(queryset)
        if issubclass(model, (AbstractImage, AbstractDocument)):
            return self.media(queryset)
        if issubclass(model, Collection):
            return self.collections(queryset)
        return self.snippets(queryset)

    def is_visible(self, obj):
        from wagtail.documents.models import AbstractDocument
        from wagtail.images.models import AbstractImage

        if obj is None:
            return False
        if getattr(obj, "_graphql_preview", False):
            return True
        if isinstance(obj, Page):
            return self.page_is_visible(obj)
        if isinstance(obj, (AbstractImage, AbstractDocument)):
            return self.media_is_visible(obj)
        return self.snippet_is_visible(obj)

    def visible(self, obj):
        """``obj`` when visitors may see it, else None: for a template's ``{% if %}``."""
        return obj if self.is_visible(obj) else None

    def clean_rich_text(self, source, drop_links=False):
        return clean_rich_text(source, self, drop_links=drop_links)


def _restricted_page_paths():
    return tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))


def _private_collection_ids():
    paths = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return frozenset()
    private = reduce(or_, (Q(path__startswith=path) for path in paths))
    return frozenset(Collection.objects.filter(private).values_list("pk", flat=True))


def view_restriction_paths():
    """Tree paths under which Wagtail's serve view applies a view restriction, or None: not known without a query.

    Wagtail's rule (``get_view_restrictions``): a page has the restrictions of the pages above it
    and its own, an alias (there or above) its source's instead of its own. So: the restricted
    pages that are not aliases, and the aliases of restricted pages. Known only from the shared
    data (with the response cache on); without it the caller's one query is cheaper.
    """
    if not response_cache.enabled():
        return None
    return response_cache.shared("view restriction paths", [PageViewRestriction, Page], _view_restriction_paths)


def _view_restriction_paths():
    restricted = list(PageViewRestriction.objects.values_list("page_id", "page__path", "page__alias_of_id"))
    if not restricted:
        return ()
    paths = {path for _, path, alias_of in restricted if alias_of is None}
    sources = {page_id for page_id, _, _ in restricted}
    paths.update(Page.objects.filter(alias_of_id__in=sources).values_list("path", flat=True))
    return tuple(sorted(paths))


def for_request(request):
    """The request's Visibility, made on first use and kept on the request (None: a new one)."""
    if request is None:
        return Visibility()
    visibility = getattr(request, CONTEXT_ATTRIBUTE, None)
    if visibility is None:
        visibility = Visibility()
        setattr(request, CONTEXT_ATTRIBUTE, visibility)
    return visibility


# An opening or closing <a> tag, as Wagtail's rewriters find them (FIND_A_TAG).
_A_TAGS = re.compile(r"<a(\b[^>]*)>|</a\s*>", re.IGNORECASE)


def clean_rich_text(source, visibility, drop_links=False):
    """
    Rich text in the database format, without links to pages or documents visitors
    may not see (the words stay, the link goes) and without private images.

    Wagtail expands a link to a draft page into that draft's URL; this does not let
    it. A hidden link becomes a bare ``<a>`` (what the API has always returned), or,
    with ``drop_links``, its words alone (what the website shows).
    """
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

    if not source or ("linktype=" not in source and "embedtype=" not in source):
        return source
    links = [extract_attrs(match.group(1)) for match in FIND_A_TAG.finditer(source)]
    embeds = [extract_attrs(match.group(1)) for match in FIND_EMBED_TAG.finditer(source)]

    def visible_ids(kind, model, tags, attribute):
        ids = {attrs.get("id") for attrs in tags if attrs.get(attribute) == kind and attrs.get("id", "").isdigit()}
        if not ids:
            return set()
        return {str(pk) for pk in visibility.filter(model.objects.filter(pk__in=ids)).values_list("pk", flat=True)}

    allowed = {
        "page": visible_ids("page", Page, links, "linktype"),
        "document": visible_ids("document", get_document_model(), links, "linktype"),
    }
    images = visible_ids("image", get_image_model(), embeds, "embedtype")
    hidden_open = False

    def link(match):
        nonlocal hidden_open
        if match.group(1) is None:  # a closing tag
            if hidden_open and drop_links:
                hidden_open = False
                return ""
            hidden_open = False
            return match.group(0)
        attrs = extract_attrs(match.group(1))
        kind = attrs.get("linktype")
        hidden_open = kind in allowed and attrs.get("id") not in allowed[kind]
        if hidden_open:
            return "" if drop_links else "<a>"
        return match.group(0)

    def embed(match):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") == "image" and attrs.get("id") not in images:
            return ""
        return match.group(0)

    return FIND_EMBED_TAG.sub(embed, _A_TAGS.sub(link, source))
