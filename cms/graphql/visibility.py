"""
The API's side of the visibility rules (``cms.visibility``): the same rules, reached from a resolver.

The rules themselves (what a visitor may see: live, public pages; media outside
private collections; published snippets; rich text without hidden links) live in
``cms/visibility.py`` and serve the website, the feeds, the sitemap and search
too. Here: the request's Visibility for a resolver (``get_visibility``, the same
object the website's ``for_request`` keeps on the request), a queryset shortcut,
and the middleware that screens every value on its way out.

A preview token (``preview.py``) unlocks exactly one page object, the one built
from the token; everything that page points to still goes through these rules.
"""

from django.db.models import QuerySet

from wagtail.models import Collection, DraftStateMixin, Page

from cms import visibility as rules
from cms.visibility import CONTEXT_ATTRIBUTE, Visibility, for_request

__all__ = [
    "CONTEXT_ATTRIBUTE",
    "Visibility",
    "VisibilityMiddleware",
    "clean_rich_text",
    "get_visibility",
    "screen",
    "visible",
]


def get_visibility(info):
    """The request's Visibility, made on first use and kept on the request: the website's too."""
    return for_request(info.context)


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
    may not see (the words stay in a bare ``<a>``, the link goes) and without private images.

    Wagtail expands a link to a draft page into that draft's URL; the API does not.
    """
    if not source or ("linktype=" not in source and "embedtype=" not in source):
        return source
    return rules.clean_rich_text(source, get_visibility(info))
