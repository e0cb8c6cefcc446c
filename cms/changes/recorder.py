"""
Records a Change row for each change visitors can observe, from Wagtail's and Django's signals.

Every decision goes through the one visibility rule (``cms.visibility``): a change is recorded
only for an object a visitor could see before or can see after it. Where an event changes what
visitors see of a whole section (a view restriction added or removed, a page moved), the visible
pages of the section are worked out before and after the event and the difference recorded, page
by page. Rows are written in the publishing transaction (so a rolled-back publish leaves none);
``public_change`` is sent for each once that transaction commits.

Only changes made through Wagtail (publishing, unpublishing, scheduled publishing and expiry,
moves, view restrictions, deletion, snippets saved or published) are seen: an ``update()`` or a
raw ``save()`` that bypasses them is not.
"""

import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)

from cms.visibility import Visibility

from .models import Change
from .signals import public_change

logger = logging.getLogger(__name__)

# The models the API exposes with a type of their own, by "app_label.modelname"; any other
# page is a "page". Named by string: cms knows no app (tests/test_layers.py).
OBJECT_TYPES = {
    "cities.citypage": Change.ObjectType.CITY,
    "cities.storypage": Change.ObjectType.STORY,
    "cities.resourcepage": Change.ObjectType.RESOURCE,
    "cities.exchangetype": Change.ObjectType.EXCHANGE_TYPE,
    "cities.committee": Change.ObjectType.COMMITTEE,
    "cities.resourcecategory": Change.ObjectType.RESOURCE_CATEGORY,
}
SNIPPET_TYPES = {label: object_type for label, object_type in OBJECT_TYPES.items() if not label.endswith("page")}


def object_type_for_model(model):
    """The Change type of a model, or None when the change log does not follow it."""
    object_type = OBJECT_TYPES.get(model._meta.label_lower)
    if object_type is None and issubclass(model, Page):
        return Change.ObjectType.PAGE
    return object_type


def snippet_models():
    """The snippet models the log follows: {object type: model}."""
    return {object_type: apps.get_model(label) for label, object_type in SNIPPET_TYPES.items()}


def page_model_for(page):
    """A page's own class, from its content type (no query: content types are cached)."""
    return ContentType.objects.get_for_id(page.content_type_id).model_class() or Page


def _locale_codes():
    return dict(Locale.objects.values_list("pk", "language_code"))


def _full_url(page):
    """
    The page's public address, leaving the caller's page object as it was: Wagtail keeps the site
    root paths it used on the page object itself, so a page saved before its site's root changes
    (a new home page, then the site pointed at it) would otherwise keep an address of None.
    """
    cached = "_wagtail_cached_site_root_paths" in page.__dict__
    try:
        return page.get_full_url() or ""
    except Exception:  # a page outside every site has no public address
        logger.exception("No URL for page %s", page.pk)
        return ""
    finally:
        if not cached:
            page.__dict__.pop("_wagtail_cached_site_root_paths", None)


# The key of the PostgreSQL advisory lock that keeps change ids in commit order (any constant
# the project uses for nothing else).
LOG_LOCK = 0x5C17_C4A6


def hold_log_in_commit_order():
    """
    Keep ids in the order transactions commit, so that a sync token (the last id seen) never skips
    a change that commits later with a lower id.

    PostgreSQL hands out ids when rows are inserted, not when they commit: a publish that inserts
    id 10 and commits after another publish's id 11 would be missed by a partner who synced in
    between. A transaction-scoped advisory lock, taken before inserting and held until the commit,
    lets one writer at a time add to the log; publishing is rare, and only the end of a publish
    waits. SQLite has one writer at a time already.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOG_LOCK])


def record(changes):
    """Write Change rows (unsaved Change objects) and send ``public_change`` for each after the commit."""
    if not changes:
        return []
    now = timezone.now()
    for change in changes:
        change.occurred_at = now
        change.api_id = str(change.object_id)
    with transaction.atomic():
        hold_log_in_commit_order()
        rows = Change.objects.bulk_create(changes)
    if any(row.pk is None for row in rows):  # a database that returns no ids: read them back
        rows = list(Change.objects.filter(occurred_at=now).order_by("-id")[: len(rows)])[::-1]

    def send():
        for row in rows:
            for receiver, response in public_change.send_robust(sender=Change, change=row):
                if isinstance(response, Exception):
                    logger.error("public_change receiver %r failed", receiver, exc_info=response)

    transaction.on_commit(send)
    return rows


def page_change(event, page, locales, *, with_url=True):
    model = page_model_for(page) if type(page) is Page else type(page)
    return Change(
        event=event,
        object_type=object_type_for_model(model),
        object_id=page.pk,
        locale=locales.get(page.locale_id, ""),
        slug=page.slug,
        url=_full_url(page) if with_url else "",
    )


def snippet_change(event, obj, object_type, locales):
    return Change(
        event=event,
        object_type=object_type,
        object_id=obj.pk,
        locale=locales.get(getattr(obj, "locale_id", None), ""),
        slug=getattr(obj, "slug", "") or "",
    )


# --- Pages -------------------------------------------------------------------


def on_page_published(sender, instance, **kwargs):
    # An alias is a page of its own: Wagtail sends this for it too, and it is recorded like any other.
    if Visibility().page_is_visible(instance):
        record([page_change(Change.Event.PUBLISHED, instance, _locale_codes())])


def on_page_created(sender, instance, created=False, raw=False, **kwargs):
    """A page created live without a publish (an alias, such as a translation's parents): it appears."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        on_page_published(sender, instance)


def on_page_unpublished(sender, instance, **kwargs):
    # The page was live (unpublished by an editor, or expired by publish_scheduled): visitors saw
    # it unless a view restriction hid it, which unpublishing does not change.
    visibility = Visibility()
    if instance.depth > 1 and not instance.path.startswith(visibility.restricted_page_paths):
        record([page_change(Change.Event.UNPUBLISHED, instance, _locale_codes(), with_url=False)])


def _visible_section(page_path):
    """The pks of the visible pages in a section (the page at ``page_path`` and below)."""
    return set(Visibility().pages(Page.objects.filter(path__startswith=page_path)).values_list("pk", flat=True))


def _record_difference(before, after, *, moved=frozenset()):
    """Record what a change to a section did: pages that appeared, left, or (in ``moved``) changed address."""
    appeared, left = after - before, before - after
    stayed = moved & after & before
    if not (appeared or left or stayed):
        return
    locales = _locale_codes()
    changes = []
    for page in Page.objects.filter(pk__in=appeared | stayed).specific().order_by("path"):
        event = Change.Event.PUBLISHED if page.pk in appeared else Change.Event.MOVED
        changes.append(page_change(event, page, locales))
    for page in Page.objects.filter(pk__in=left).order_by("path"):
        changes.append(page_change(Change.Event.UNPUBLISHED, page, locales, with_url=False))
    record(changes)


_moves = {}  # page pk -> the visible pks of its section before the move


def on_pre_page_move(sender, instance, **kwargs):
    _moves[instance.pk] = _visible_section(instance.path)


def on_post_page_move(sender, instance, **kwargs):
    before = _moves.pop(instance.pk, set())
    after = _visible_section(instance.path)
    url_changed = kwargs.get("url_path_before") != kwargs.get("url_path_after")
    _record_difference(before, after, moved=(before & after) if url_changed else frozenset())


def on_pre_page_delete(sender, instance, **kwargs):
    # Pages are deleted with their sections; each is checked before any row goes.
    instance._public_before_delete = Visibility().page_is_visible(instance)


def on_post_page_delete(sender, instance, **kwargs):
    if getattr(instance, "_public_before_delete", False):
        record([page_change(Change.Event.DELETED, instance, _locale_codes(), with_url=False)])


# --- View restrictions ----------------------------------------------------------


def on_pre_restriction_change(sender, instance, **kwargs):
    page_id = instance.page_id
    if page_id is None:
        return
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    instance._section_before = (path, _visible_section(path)) if path else None


def on_post_restriction_change(sender, instance, **kwargs):
    saved = getattr(instance, "_section_before", None)
    instance._section_before = None
    if saved is None:
        return
    path, before = saved
    _record_difference(before, _visible_section(path))


# --- Snippets ---------------------------------------------------------------------


def _snippet_type(sender):
    return SNIPPET_TYPES.get(sender._meta.label_lower)


def on_snippet_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A snippet without a draft state is public as soon as it is saved."""
    from wagtail.models import DraftStateMixin

    object_type = _snippet_type(sender)
    if raw or object_type is None or isinstance(instance, DraftStateMixin):
        return
    record([snippet_change(Change.Event.PUBLISHED, instance, object_type, _locale_codes())])


def on_snippet_published(sender, instance, **kwargs):
    object_type = _snippet_type(sender)
    if object_type is not None and not isinstance(instance, Page) and Visibility().snippet_is_visible(instance):
        record([snippet_change(Change.Event.PUBLISHED, instance, object_type, _locale_codes())])


def on_snippet_unpublished(sender, instance, **kwargs):
    object_type = _snippet_type(sender)
    if object_type is not None and not isinstance(instance, Page):
        record([snippet_change(Change.Event.UNPUBLISHED, instance, object_type, _locale_codes())])


def on_pre_snippet_delete(sender, instance, **kwargs):
    if _snippet_type(sender) is not None:
        instance._public_before_delete = Visibility().snippet_is_visible(instance)


def on_post_snippet_delete(sender, instance, **kwargs):
    object_type = _snippet_type(sender)
    if object_type is not None and getattr(instance, "_public_before_delete", False):
        record([snippet_change(Change.Event.DELETED, instance, object_type, _locale_codes())])


def connect():
    uid = "cms.changes"
    page_published.connect(on_page_published, dispatch_uid=f"{uid}.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid=f"{uid}.page_unpublished")
    post_save.connect(on_page_created, dispatch_uid=f"{uid}.page_created")
    pre_page_move.connect(on_pre_page_move, dispatch_uid=f"{uid}.pre_page_move")
    post_page_move.connect(on_post_page_move, dispatch_uid=f"{uid}.post_page_move")
    # Every page has a row in Page's table: its signals come once per page, whatever its class.
    pre_delete.connect(on_pre_page_delete, sender=Page, dispatch_uid=f"{uid}.pre_page_delete")
    post_delete.connect(on_post_page_delete, sender=Page, dispatch_uid=f"{uid}.post_page_delete")
    for signal, handler, name in (
        (pre_save, on_pre_restriction_change, "pre_save"),
        (post_save, on_post_restriction_change, "post_save"),
        (pre_delete, on_pre_restriction_change, "pre_delete"),
        (post_delete, on_post_restriction_change, "post_delete"),
    ):
        signal.connect(handler, sender=PageViewRestriction, dispatch_uid=f"{uid}.restriction_{name}")
    for label in SNIPPET_TYPES:
        model = apps.get_model(label)
        post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"{uid}.{label}.saved")
        published.connect(on_snippet_published, sender=model, dispatch_uid=f"{uid}.{label}.published")
        unpublished.connect(on_snippet_unpublished, sender=model, dispatch_uid=f"{uid}.{label}.unpublished")
        pre_delete.connect(on_pre_snippet_delete, sender=model, dispatch_uid=f"{uid}.{label}.pre_delete")
        post_delete.connect(on_post_snippet_delete, sender=model, dispatch_uid=f"{uid}.{label}.post_delete")
