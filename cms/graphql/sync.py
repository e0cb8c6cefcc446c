"""
The ``sync`` query: what a partner site needs to keep its own copy of the public content.

The first call (no token) walks everything visitors may see, a page of objects at a time, in
every language (or in one with ``locale``); its token continues the walk, and once the walk is
done, follows the change log (``cms.changes``) from where the walk began. Each later call returns
what changed since its token: the objects visitors may see now, in their current published state
(each once, whatever the number of its changes), in ``items``; the objects they may no longer
see, in ``removed``. Every object is checked against the one visibility rule at the time of the
call, so an object that left public view is reported as removed even if its last recorded change
was a publish.

The token is opaque to clients: a signed (``django.core.signing``, with the site's SECRET_KEY,
so stable across restarts and releases) record of the last change seen, and of the walk's place
while it runs. A token the API did not issue, or one altered, is an error that says what is
accepted. Each call costs a fixed number of SQL queries, whatever the number of changes: one for
the log, one for the pages and one per page type among them, one per snippet type among them.
"""

import graphene
from graphql import GraphQLError

from django.core import signing

from grapple.registry import registry
from grapple.types.pages import Page as BasePageType
from wagtail.models import Page

from cms.changes.models import Change
from cms.changes.recorder import object_type_for_model, snippet_models

from . import batching
from .conf import max_page_size, page_size
from .types import Language, checked_arguments, enum_from_choices, get_locale, page_slice
from .visibility import get_visibility

SIGNING_SALT = "cms.graphql.sync"
TOKEN_VERSION = 1
# The walk's order: every page first (all page types, by id), then each snippet type.
PAGE_TYPES = frozenset(
    {
        Change.ObjectType.CITY,
        Change.ObjectType.STORY,
        Change.ObjectType.RESOURCE,
        Change.ObjectType.PAGE,
    }
)
WALK = ("pages", Change.ObjectType.EXCHANGE_TYPE, Change.ObjectType.RESOURCE_CATEGORY, Change.ObjectType.COMMITTEE)
REFUSED = (
    "token is not a sync token this API issued (it may be cut short or altered). Accepted: the `token` of a "
    "previous `sync` answer, exactly as it was returned, or no token to start a full sync."
)

SyncType = enum_from_choices("SyncType", Change.ObjectType, "The kind of object a `sync` removal is about.")


class Removal(graphene.ObjectType):
    """An object visitors may no longer see (unpublished, expired, made private or deleted): drop your copy."""

    type = graphene.Field(SyncType, required=True, description="The kind of object.")
    id = graphene.ID(required=True, description="The object's id, as the API's `id` gave it.")
    locale = graphene.Field(Language, required=True, description="The object's language.")


# --- Tokens ----------------------------------------------------------------------


def make_token(after, walk=None, locale=None):
    """A signed token: the last change id seen; while the first walk runs, its place (kind, last id)."""
    payload = {"v": TOKEN_VERSION, "after": after, "locale": locale}
    if walk is not None:
        payload["walk"] = list(walk)
    # A Signer, not signing.dumps's TimestampSigner: the same place gives the same token.
    return signing.Signer(salt=SIGNING_SALT).sign_object(payload, compress=True)


def _is_id(value):
    """A number a token may hold: a change id or a place in the walk (a whole number a database key can be)."""
    return type(value) is int and 0 <= value < 2**63


def read_token(token):
    """(after, walk, locale) from a token; a GraphQL error for anything the API did not issue."""
    try:
        payload = signing.Signer(salt=SIGNING_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise GraphQLError(REFUSED) from error
    walk = payload.get("walk") if isinstance(payload, dict) else None
    valid = (
        isinstance(payload, dict)
        and payload.get("v") == TOKEN_VERSION
        and _is_id(payload.get("after"))
        and (walk is None or (isinstance(walk, list) and len(walk) == 2 and all(_is_id(n) for n in walk)))
    )
    if not valid:
        raise GraphQLError(REFUSED)
    return payload["after"], (tuple(walk) if walk else None), payload.get("locale")


# --- Objects -------------------------------------------------------------------


def _visible_pages(info, queryset):
    return get_visibility(info).pages(queryset)


def _visible_snippets(info, object_type, queryset=None):
    model = snippet_models()[object_type]
    return get_visibility(info).snippets(queryset if queryset is not None else model.objects.all())


def _in_locale(queryset, locale):
    return queryset.filter(locale=locale) if locale is not None else queryset


def _walk(info, kind_index, last_pk, size, locale):
    """Up to ``size`` visible objects from the walk's place on; the place after them (None: done)."""
    items = []
    while kind_index < len(WALK):
        room = size - len(items)
        kind = WALK[kind_index]
        if kind == "pages":
            queryset = _visible_pages(info, Page.objects.filter(pk__gt=last_pk)).specific()
        else:
            model = snippet_models()[kind]
            queryset = _visible_snippets(info, kind, model.objects.filter(pk__gt=last_pk))
        rows = list(_in_locale(queryset, locale).order_by("pk")[: room + 1])
        items += rows[:room]
        if len(rows) > room:
            return items, (kind_index, items[-1].pk)
        kind_index, last_pk = kind_index + 1, 0
        if len(items) == size:
            break
    return items, ((kind_index, 0) if kind_index < len(WALK) else None)


def _changes(after, size, locale):
    changes = Change.objects.filter(pk__gt=after)
    if locale is not None:
        changes = changes.filter(locale=locale.language_code)
    return list(changes.order_by("pk")[: size + 1])


def _current(info, changes):
    """(items, removals) for the objects of ``changes``: each once, as it is now, in the order of its last change."""
    last = {}
    for change in changes:
        key = (change.object_type, change.object_id)
        last.pop(key, None)
        last[key] = change
    page_ids = [object_id for (object_type, object_id) in last if object_type in PAGE_TYPES]
    found = {}
    if page_ids:
        for page in _visible_pages(info, Page.objects.filter(pk__in=page_ids)).specific():
            found[(object_type_for_model(type(page)), page.pk)] = page
    for object_type in dict.fromkeys(t for (t, _) in last if t not in PAGE_TYPES):
        ids = [object_id for (t, object_id) in last if t == object_type]
        model = snippet_models()[object_type]
        for obj in _visible_snippets(info, object_type, model.objects.filter(pk__in=ids)):
            found[(object_type, obj.pk)] = obj
    items, removed = [], []
    for key, change in last.items():
        if key in found:
            items.append(found[key])
        else:
            removed.append(Removal(type=change.object_type, id=change.api_id, locale=change.locale))
    return items, removed


# --- The query --------------------------------------------------------------------


def _item_type(obj):
    if isinstance(obj, Page):
        return registry.pages.get(type(obj), BasePageType)
    return registry.snippets[type(obj)]


def sync_item_union():
    """The union of every type ``sync`` returns: every page type and every snippet type of the schema."""
    types = tuple(dict.fromkeys([BasePageType, *registry.pages.values(), *registry.snippets.values()]))
    meta = type("Meta", (), {"types": types})
    return type(
        "SyncItem",
        (graphene.Union,),
        {
            "__doc__": (
                "An object a partner site keeps a copy of: a page of any type (query the shared fields with "
                "`... on PageInterface { }`) or a snippet (`... on SnippetInterface { }`)."
            ),
            "Meta": meta,
            "resolve_type": classmethod(lambda cls, instance, info: _item_type(instance)),
        },
    )


def sync_query():
    """The root query mixin with ``sync``; built once the apps have registered their types."""
    SyncItem = sync_item_union()

    class SyncResult(graphene.ObjectType):
        """One answer of `sync`: objects to add or update, objects to remove, and the token for the next call."""

        items = graphene.List(
            graphene.NonNull(SyncItem),
            required=True,
            description=(
                "Objects visitors may see, as they are published now: add them to your copy, or replace your "
                "copy of them (an object appears once per answer, whatever the number of its changes)."
            ),
        )
        removed = graphene.List(
            graphene.NonNull(Removal),
            required=True,
            description="Objects visitors may no longer see: remove them from your copy.",
        )
        token = graphene.String(
            required=True,
            description="Pass it to the next `sync` call to continue from here. Keep it: it does not expire.",
        )
        has_more = graphene.Boolean(
            required=True, description="Whether more is waiting: call `sync` again with `token` straight away."
        )

    @checked_arguments
    class SyncQuery:
        sync = graphene.Field(
            graphene.NonNull(SyncResult),
            description=(
                "Keep a copy of the public content in sync: without a token, everything visitors may see, a page at "
                "a time; with the token of the previous answer, only what changed since (docs/graphql.md, "
                '"Keeping a copy in sync").'
            ),
            token=graphene.Argument(
                graphene.String,
                description="The `token` of the previous answer. Leave it out for the first call (a full sync).",
            ),
            per_page=graphene.Argument(
                graphene.Int,
                description=(
                    f"How many changes (or, during the full sync, objects) an answer covers, from 1 to "
                    f"{max_page_size()}. Defaults to {page_size()}."
                ),
            ),
            locale=graphene.Argument(
                Language,
                description=(
                    "Only objects in this language. Defaults to every language. A token keeps the language of the "
                    "call that made it."
                ),
            ),
        )

        def resolve_sync(self, info, token=None, per_page=None, locale=None):
            _, size = page_slice(1, per_page)  # a wrong page size is refused before any query
            code = getattr(locale, "value", locale)
            if token:
                after, walk, token_code = read_token(token)
                if code and token_code != code:
                    raise GraphQLError(
                        f"This token continues a sync of {repr(token_code) if token_code else 'every language'}: "
                        "call again with the same `locale` as the call that made it (or none), or start over "
                        "without a token."
                    )
                code = token_code
            else:
                after = Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                walk = (0, 0)
            chosen = get_locale(info, code) if code else None
            if walk is not None:
                items, place = _walk(info, *walk, size, chosen)
                has_more = place is not None or Change.objects.filter(pk__gt=after).exists()
                return SyncResult(
                    items=batching.group(items), removed=[], token=make_token(after, place, code), has_more=has_more
                )
            changes = _changes(after, size, chosen)
            has_more = len(changes) > size
            changes = changes[:size]
            items, removed = _current(info, changes)
            after = changes[-1].pk if changes else after
            return SyncResult(
                items=batching.group(items), removed=removed, token=make_token(after, None, code), has_more=has_more
            )

    return SyncQuery
