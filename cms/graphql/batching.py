"""
Batched loading: one query per relation for a whole list, not one per item.

GraphQL resolves a list depth first: every field of the first item, then the
second item, and so on. Each list resolver marks its items as one group
(``group``); when a relation of the first item is resolved, ``load`` fetches it
for every item of the group in one query and keeps each item's share, so that
the other items find theirs already there. The objects a batch returns form a
group of their own, so that their relations batch in turn: the stories of 100
cities, then the exchange types of all those stories, cost two queries whatever
the number of cities.

This is the DataLoader pattern without its event loop, which graphene-django's
synchronous execution does not have.

The groups and loaded values belong to the request, not to the objects: the
endpoint opens a ``scope`` around each execution, which keeps them on the
request (``request._graphql_batches``, found through a context variable, so
that resolvers need not pass ``info`` along) and drops them when the execution
ends. Nothing is written on model instances: an object that Wagtail caches (a
rendition and its image) or that outlives the request carries none of it.
Outside a scope (a resolver called on its own), nothing is batched or kept.
"""

from contextlib import contextmanager
from contextvars import ContextVar

REQUEST_ATTRIBUTE = "_graphql_batches"


class Batches:
    """
    The groups and loaded relations of one request, by the objects' ``id()``.

    Model instances compare by primary key, so they cannot be dictionary keys
    here (a page and its specific page, or two copies of one row, would share an
    entry); ``id()`` is unique while the object lives, and each entry keeps its
    object alive until the request ends.
    """

    def __init__(self):
        self._objects = {}  # id(obj) -> obj, so that no id is reused during the request
        self._groups = {}  # id(obj) -> the list the object was last returned in
        self._loaded = {}  # id(obj) -> {key: value}

    def group(self, objects):
        for obj in objects:
            self._objects[id(obj)] = obj
            self._groups[id(obj)] = objects

    def members(self, obj):
        return self._groups.get(id(obj), ())

    def loaded(self, obj):
        self._objects[id(obj)] = obj
        return self._loaded.setdefault(id(obj), {})

    def has(self, obj, key):
        return key in self._loaded.get(id(obj), ())


_current = ContextVar("graphql_batches", default=None)


@contextmanager
def scope(request):
    """Batch within one GraphQL execution for ``request``; forget everything at its end."""
    batches = Batches()
    token = _current.set(batches)
    setattr(request, REQUEST_ATTRIBUTE, batches)
    try:
        yield batches
    finally:
        _current.reset(token)
        vars(request).pop(REQUEST_ATTRIBUTE, None)


def group(objects):
    """Mark objects (a list a resolver returns) as loaded together; return them as a list."""
    objects = list(objects)
    batches = _current.get()
    if batches is not None:
        batches.group(objects)
    return objects


def group_nested(lists):
    """Group the objects of several lists (each item's share of a batch) as one."""
    group([obj for objects in lists for obj in objects])
    return lists


def load(instance, key, fetch, kind=None):
    """
    The value of relation ``key`` for ``instance``, fetched for its whole group at once.

    ``fetch(objects)`` receives the group's objects that have not loaded ``key``
    yet (those of ``kind``, by default of the instance's class) and returns a
    dict from each object's ``id()`` to its value.
    """
    batches = _current.get()
    if batches is None:
        return fetch([instance])[id(instance)]
    loaded = batches.loaded(instance)
    if key in loaded:
        return loaded[key]
    kind = kind or type(instance)
    pending = [
        obj
        for obj in batches.members(instance)
        if obj is not instance and isinstance(obj, kind) and not batches.has(obj, key)
    ]
    pending.append(instance)
    # Objects may repeat in a group (the same story under two cities): fetch each once.
    unique = list({id(obj): obj for obj in pending}.values())
    values = fetch(unique)
    for obj in unique:
        batches.loaded(obj)[key] = values[id(obj)]
    return loaded[key]
