"""
The response cache: pages for anonymous visitors and GraphQL responses, answered from Django's
"default" cache (Redis in production) and dropped exactly when something they show changes.

How it knows what a response shows: while a response is made, every SQL query on the default
database is looked at (``recording``) and the tables it reads are noted. Each table belongs to
one *kind* of content: every page table (``wagtailcore_page`` and each page type's own) is the
kind ``pages``; any other table is a kind of its own (a snippet model, the image table, the
document table, a site settings model, an inline rows table, the locales, the view
restrictions). Each kind has a *generation*, a number kept in the cache; a stored response keeps
the generations of the kinds it read, as they were before it was made, and is used only while
all of them are unchanged.

A change bumps the generation of its kind (``connect_signals``, called by home/apps.py):

- any model saved or deleted, or a many-to-many relation changed: that model's kind. This covers
  a snippet, image or document edit, a translation (a new or synced page or snippet is saved),
  site settings, view restrictions, locales and inline rows;
- a page published, unpublished, deleted or moved (``post_page_move``), or a scheduled
  publication firing (the same publish): ``pages``. A page or snippet saved with only its draft
  bookkeeping (``save_revision``, locking: ``DRAFT_FIELDS``) shows visitors nothing new and bumps
  nothing;
- image renditions are made while pages render and change nothing visitors see: they bump
  nothing.

A bump happens at once and again when the transaction commits, so that a response made from the
data before the commit can never be stored under the generation after it. It also asks the CDN
(``WAGTAILFRONTENDCACHE``, when configured) to drop its copies of the API (``/api/graphql*``).

So a query that reads only exchange types stays cached when a story is published; a page that
shows any image depends on the image table, and is made again when any image changes. Responses
that read the search index (updated by background tasks, with no signal) are never stored.

Shared data (``shared``): what every page (or every page of a kind) reads and every visitor sees
alike: the locales, the restricted page paths and private collections of cms/visibility.py, the
site settings, the menu, the stories section of each language, the story index's filter options.
Each piece is kept under the generations of the kinds it names, exactly as a response is, so it
is dropped by the same bumps; it is used on a page-cache miss, and a response made with it
depends on its kinds as if it had read them (the recording is told). A piece that depends on the
clock as well (a page that goes live or expires at a set time) says until when it holds
(``Expiring``). Like the response cache, shared data is kept only when ``enabled()`` (a cache
that every process shares); without it every piece is read from the database each time. Nothing
per visitor, per request or from a preview goes in: the pieces are computed from the database
alone (published rows), never from the request's objects. A piece computed inside a transaction
of the application's own is not stored (it may read changes that are then rolled back).

Only the standard library and Django are imported at module level: apps are looked up lazily.
"""

import hashlib
import re
import threading
import time
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from cms.conf import setting_key

PAGES = "pages"
# Tables named after FROM or JOIN in the SQL Django writes (PostgreSQL and SQLite both quote them).
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)
# Responses that read these are never stored: they change without a signal (background tasks,
# raw SQL) or belong to one visitor.
UNCACHEABLE_TABLES = ("wagtailsearch_", "django_session", "wagtailcore_referenceindex", "django_tasks")
# Saving only these fields changes a draft, a lock or a counter, nothing that visitors see.
DRAFT_FIELDS = frozenset(
    {
        "comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
    }
)
# Made or read while rendering (renditions), or bookkeeping no response shows: saving one bumps nothing.
IGNORED_MODELS = (
    "wagtailimages.Rendition",
    "home.CustomRendition",
    "wagtailcore.Revision",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ReferenceIndex",
    "sessions.Session",
)
GENERATION_KEY = "response-cache:generation:{}"
ENTRY_KEY = "response-cache:{}:{}"
_state = threading.local()


def setting(name):
    """One RESPONSE_CACHE setting (cms/settings/base.py), read at call time so that tests may override it."""
    return setting_key("RESPONSE_CACHE", name)


def enabled():
    return bool(setting("ENABLED"))


# --- Kinds and generations ---------------------------------------------------------


def _table_kinds():
    """Every model's table and the kind it belongs to, worked out once."""
    kinds = getattr(_state, "table_kinds", None)
    if kinds is None:
        from wagtail.models import Page

        kinds = {}
        for model in apps.get_models(include_auto_created=True):
            if issubclass(model, Page):
                for parent in (model, *model._meta.get_parent_list()):
                    kinds[parent._meta.db_table] = PAGES
            else:
                kinds.setdefault(model._meta.db_table, model._meta.db_table)
        _state.table_kinds = kinds
    return kinds


def kind_of_table(table):
    """A table's kind; a table no model names (a search backend's own) takes its model's by prefix."""
    kinds = _table_kinds()
    if table in kinds:
        return kinds[table]
    prefixes = [known for known in kinds if table.startswith(known)]
    return kinds[max(prefixes, key=len)] if prefixes else table


def kind_of_model(model):
    return kind_of_table(model._meta.db_table)


def all_kinds():
    return set(_table_kinds().values())


def generations(kinds):
    """The current generation of each kind; one that is missing (new, or evicted) starts at a fresh value."""
    keys = {GENERATION_KEY.format(kind): kind for kind in kinds}
    found = cache.get_many(list(keys))
    for key in set(keys) - set(found):
        # A fresh value, never one an evicted key had: stored responses that kept the old one stay stale.
        cache.add(key, time.time_ns(), timeout=None)
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(cache.get_many(missing))
    return {keys[key]: value for key, value in found.items()}


def bump(*kinds):
    """Mark every response that read these kinds as stale: now, and again when the transaction commits."""
    for kind in kinds:
        _increment(kind)
    if not connection.in_atomic_block:
        purge_api_from_cdn()
        return
    # One callback per transaction: a new one once the last has run, or once Django forgot it (a rollback).
    pending = getattr(_state, "pending", None)
    if pending is None or not any(entry[1] is _after_commit for entry in connection.run_on_commit):
        _state.pending = set()
        transaction.on_commit(_after_commit, robust=True)
    _state.pending.update(kinds)


def _increment(kind):
    key = GENERATION_KEY.format(kind)
    try:
        cache.incr(key)
    except ValueError:  # missing: a fresh value makes every response that kept an old one stale
        cache.set(key, time.time_ns(), timeout=None)


def _after_commit():
    kinds, _state.pending = getattr(_state, "pending", None) or set(), None
    for kind in kinds:
        _increment(kind)
    if kinds:
        purge_api_from_cdn()


def purge_api_from_cdn():
    """Ask the CDN in front of the site to drop every copy of the API's responses (GET URLs vary without end)."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    from cms.site_address import absolute

    purge_urls_from_cache([absolute("/api/graphql*")])


# --- Signals -------------------------------------------------------------------------


def _model_label(model):
    return model._meta.label


def _ignored(model):
    return _model_label(model) in IGNORED_MODELS or model._meta.db_table.startswith(UNCACHEABLE_TABLES)


def _saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or _ignored(sender):
        return
    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
        return
    bump(kind_of_model(sender))


def _deleted(sender, instance, **kwargs):
    if not _ignored(sender):
        bump(kind_of_model(sender))


def _relation_changed(sender, instance, action, model, pk_set=None, **kwargs):
    # Django sends post_add and post_remove even when nothing was added or removed (pk_set empty).
    if action in ("post_add", "post_remove") and not pk_set:
        return
    if action.startswith("post_") and not _ignored(sender):
        bump(kind_of_model(sender), kind_of_model(type(instance)), kind_of_model(model))


def _pages_changed(sender, **kwargs):
    bump(PAGES)


def connect_signals():
    """Bump generations on every change visitors may see (home/apps.py calls this once, when apps are ready)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    post_save.connect(_saved, dispatch_uid="response_cache_saved")
    post_delete.connect(_deleted, dispatch_uid="response_cache_deleted")
    m2m_changed.connect(_relation_changed, dispatch_uid="response_cache_m2m")
    # Publishing saves the object too; these make the intent explicit (and cover a move's raw SQL).
    page_published.connect(_pages_changed, dispatch_uid="response_cache_page_published")
    page_unpublished.connect(_pages_changed, dispatch_uid="response_cache_page_unpublished")
    post_page_move.connect(_pages_changed, dispatch_uid="response_cache_page_moved")
    published.connect(_saved_object, dispatch_uid="response_cache_published")
    unpublished.connect(_saved_object, dispatch_uid="response_cache_unpublished")


def _saved_object(sender, instance, **kwargs):
    bump(kind_of_model(type(instance)))


# --- Recording what a response reads, storing and finding it ---------------------------


class Recording:
    """The tables the default database was asked to read, and the generations before the first."""

    def __init__(self):
        self.tables = set()
        # Kinds read through the shared data (``shared``) rather than by a query.
        self.kinds = set()
        self.before = generations(all_kinds())

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(TABLE.findall(sql))
        return execute(sql, params, many, context)

    def dependencies(self):
        """{kind: generation} for what was read, or None when the response must not be stored."""
        if any(table.startswith(UNCACHEABLE_TABLES) for table in self.tables):
            return None
        kinds = {kind_of_table(table) for table in self.tables} | self.kinds
        if not kinds <= set(self.before):
            return None
        return {kind: self.before[kind] for kind in kinds}


@contextmanager
def recording():
    """Note the tables read inside the block (``Recording.dependencies()`` afterwards)."""
    record = Recording()
    _state.recordings = [*getattr(_state, "recordings", ()), record]
    try:
        with connection.execute_wrapper(record):
            yield record
    finally:
        _state.recordings = [other for other in _state.recordings if other is not record]


def key(namespace, *parts):
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return ENTRY_KEY.format(namespace, digest)


def lookup(entry_key):
    """The stored value under this key, if every kind it read is still at the generation it kept; else None.

    One round trip to the cache when this process has seen the entry before: the kinds an entry
    depends on are remembered per key (they rarely change), so the entry and their generations
    are read together. When the entry turns out to depend on other kinds, their generations are
    read in a second round trip; the check itself is the same either way.
    """
    kinds = _known_kinds.get(entry_key, ())
    generation_keys = [GENERATION_KEY.format(kind) for kind in kinds]
    found = cache.get_many([entry_key, *generation_keys])
    entry = found.pop(entry_key, None)
    if not isinstance(entry, dict):
        return None
    dependencies = entry["dependencies"]
    if set(dependencies) != set(kinds):
        _remember_kinds(entry_key, tuple(dependencies))
        found = cache.get_many([GENERATION_KEY.format(kind) for kind in dependencies]) if dependencies else {}
    if any(found.get(GENERATION_KEY.format(kind)) != generation for kind, generation in dependencies.items()):
        return None
    return entry["value"]


# entry key -> the kinds its entry depended on when this process last read it (a hint only).
_known_kinds = {}
KNOWN_KINDS_LIMIT = 20_000


def _remember_kinds(entry_key, kinds):
    if len(_known_kinds) >= KNOWN_KINDS_LIMIT:
        _known_kinds.clear()  # a hint: forgetting costs one more round trip per entry, nothing else
    _known_kinds[entry_key] = kinds


def store(entry_key, record, value):
    """Keep a value with the generations its recording read; False when it must not be kept."""
    dependencies = record.dependencies()
    if dependencies is None:
        return False
    cache.set(entry_key, {"dependencies": dependencies, "value": value}, timeout=setting("TIMEOUT"))
    return True


def etag(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


# --- Shared data ------------------------------------------------------------------------


class Expiring:
    """A shared value that also holds only until a moment: ``until()`` gives it (aware, or None: no limit).

    A function, called only when the value is stored (with the cache off it is not needed).
    """

    def __init__(self, value, until):
        self.value = value
        self.until = until


def shared(name, models, compute, *parts):
    """``compute()``, kept in the cache while the kinds of ``models`` (and ``until``) are unchanged.

    ``models``: the models (or table names) whose changes change the value; ``parts``: what else
    the value is for (a site, a language). ``compute`` reads the database only, and may return an
    ``Expiring``. With the response cache off, ``compute()`` is called every time.
    """
    kinds = {model if isinstance(model, str) else kind_of_model(model) for model in models}
    for record in getattr(_state, "recordings", ()):
        record.kinds.update(kinds)
    if not enabled():
        return _unwrap(compute())
    from django.utils import timezone

    entry_key = key("shared", name, *parts)
    entry = lookup(entry_key)
    if entry is not None and (entry["until"] is None or timezone.now() < entry["until"]):
        return entry["value"]
    before = generations(kinds)
    value = compute()
    if not _in_own_transaction():
        until = value.until() if isinstance(value, Expiring) else None
        value = _unwrap(value)
        cache.set(
            entry_key,
            {"dependencies": before, "value": {"value": value, "until": until}},
            timeout=setting("TIMEOUT"),
        )
    return _unwrap(value)


def _unwrap(value):
    return value.value if isinstance(value, Expiring) else value


def _in_own_transaction():
    """In a transaction the application opened (a test case's own wrapping ones do not count)."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)
