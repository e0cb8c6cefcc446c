"""
What the API shows: the rules every resolver applies, decided once per request.

An anonymous visitor of the public site sees a page only when it is live (not a
draft, not scheduled for later, not expired) and public (no password, login or
group restriction on it or on any of its ancestors), and never the root page.
The page rows hold the published content, so the drafts of live pages stay
private as long as no field exposes revisions or draft fields (the schema
exposes none: see ``schema.prune_fields``).

Snippets with a draft state (Committee) are shown only when live. Images and
documents are shown only outside private collections, counting the children of
a private collection as private too.

A preview token (``preview.py``) unlocks exactly one page object, the one built
from the token; everything that page points to still goes through these rules.

The restrictions are read once per request (one query each, and only when
needed) and kept on the request, so that checking a page already in memory
costs no query.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
    PageViewRestriction,
)

CONTEXT_ATTRIBUTE = "_graphql_visibility"


class Visibility:
    """The visibility rules for one request."""

    def __init__(self):
        self.now = timezone.now()
        # Set when a query used a preview token: the response must not be cached.
        self.used_preview = False

    # --- Pages -------------------------------------------------------------
    @cached_property
    def restricted_page_paths(self):
        """Tree paths of the pages with a view restriction (password, login or groups)."""
        return tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))

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

    def _is_live(self, obj):
        return (
            obj.live
            and not obj.expired
            and (obj.go_live_at is None or obj.go_live_at <= self.now)
            and (obj.expire_at is None or obj.expire_at > self.now)
        )

    def page_is_visible(self, page):
        """The same rules for a page already in memory, without a query."""
        if page is None or not isinstance(page, Page) or not page.path or page.depth <= 1:
            return False
        return self._is_live(page) and not page.path.startswith(self.restricted_page_paths)

    # --- Snippets and other models -----------------------------------------
    def snippets(self, queryset):
        """Snippets with a draft state only when live; other models as they are."""
        if issubclass(queryset.model, DraftStateMixin):
            return queryset.filter(self._live_q())
        return queryset

    def snippet_is_visible(self, obj):
        if obj is None:
            return False
        return self._is_live(obj) if isinstance(obj, DraftStateMixin) else True

    # --- Images, documents and collections ---------------------------------
    @cached_property
    def private_collection_ids(self):
        """Collections with a view restriction, and all their descendants."""
        paths = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        if not paths:
            return frozenset()
        private = reduce(or_, (Q(path__startswith=path) for path in paths))
        return frozenset(Collection.objects.filter(private).values_list("pk", flat=True))

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


def get_visibility(info):
    """The request's Visibility, made on first use and kept on the request."""
    context = info.context
    if context is None:
        return Visibility()
    visibility = getattr(context, CONTEXT_ATTRIBUTE, None)
    if visibility is None:
        visibility = Visibility()
        setattr(context, CONTEXT_ATTRIBUTE, visibility)
    return visibility


def visible(queryset, info):
    """Shortcut: ``queryset`` filtered by the request's rules."""
    return get_visibility(info).filter(queryset)


class VisibilityMiddleware:
    """
    The last line of defence: whatever any resolver returns passes the rules.

    The resolvers already ask the database only for what visitors may see; this
    screens every value on its way out (pages, images, documents, collections,
    snippets, and lists of them), so that a field that forgot, including one of
    grapple's own, shows nothing private. It works on objects in memory and
    costs no query beyond the request's restriction lists.
    """

    def resolve(self, next, root, info, **kwargs):
        return screen(next(root, info, **kwargs), info)


def _guarded_model(model):
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage

    return issubclass(model, (Page, AbstractImage, AbstractDocument, Collection, DraftStateMixin))


def _guarded(value):
    return _guarded_model(type(value))


def screen(value, info):
    if value is None or isinstance(value, (str, int, float, bool, dict)):
        return value
    if isinstance(value, QuerySet):
        return get_visibility(info).filter(value) if _guarded_model(value.model) else value
    if isinstance(value, (list, tuple)):
        if any(_guarded(item) for item in value):
            visibility = get_visibility(info)
            return [item for item in value if not _guarded(item) or _visible(visibility, item)]
        return value
    if _guarded(value):
        return value if _visible(get_visibility(info), value) else None
    return value


def _visible(visibility, obj):
    if isinstance(obj, Collection):
        return obj.pk not in visibility.private_collection_ids
    return visibility.is_visible(obj)


def clean_rich_text(source, info):
    """
    Rich text in the database format, without links to pages or documents visitors
    may not see (the words stay, the link goes) and without private images.

    Wagtail expands a link to a draft page into that draft's URL; the API does not.
    """
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

    if not source or ("linktype=" not in source and "embedtype=" not in source):
        return source
    links = [(match, extract_attrs(match.group(1))) for match in FIND_A_TAG.finditer(source)]
    embeds = [(match, extract_attrs(match.group(1))) for match in FIND_EMBED_TAG.finditer(source)]
    visibility = get_visibility(info)

    def visible_ids(kind, model, tags, attribute):
        ids = {attrs.get("id") for _, attrs in tags if attrs.get(attribute) == kind and attrs.get("id", "").isdigit()}
        return {str(pk) for pk in visibility.filter(model.objects.filter(pk__in=ids)).values_list("pk", flat=True)}

    pages = visible_ids("page", Page, links, "linktype")
    documents = visible_ids("document", get_document_model(), links, "linktype")
    images = visible_ids("image", get_image_model(), embeds, "embedtype")
    allowed = {"page": pages, "document": documents}

    def link(match):
        attrs = extract_attrs(match.group(1))
        kind = attrs.get("linktype")
        if kind in allowed and attrs.get("id") not in allowed[kind]:
            return "<a>"
        return match.group(0)

    def embed(match):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") == "image" and attrs.get("id") not in images:
            return ""
        return match.group(0)

    return FIND_EMBED_TAG.sub(embed, FIND_A_TAG.sub(link, source))
