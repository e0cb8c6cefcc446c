"""
Batched loading: one query per relation for a whole list, not one per item.

GraphQL resolves a list depth first: every field of the first item, then the
second item, and so on. Each list resolver marks its items as one group
(``group``); when a relation of the first item is resolved, ``load`` fetches it
for every item of the group in one query and keeps each item's share on the
item, so that the other items find theirs already there. The objects a batch
returns form a group of their own, so that their relations batch in turn: the
stories of 100 cities, then the exchange types of all those stories, cost two
queries whatever the number of cities.

This is the DataLoader pattern without its event loop, which graphene-django's
synchronous execution does not have.
"""

from collections import defaultdict

GROUP = "_graphql_group"
LOADED = "_graphql_loaded"


def group(objects):
    """Mark objects (a list a resolver returns) as loaded together; return them as a list."""
    objects = list(objects)
    for obj in objects:
        if obj is not None and hasattr(obj, "__dict__"):
            obj.__dict__[GROUP] = objects
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
    loaded = instance.__dict__.setdefault(LOADED, {})
    if key in loaded:
        return loaded[key]
    kind = kind or type(instance)
    pending = [
        obj
        for obj in instance.__dict__.get(GROUP, ())
        if obj is not instance and isinstance(obj, kind) and key not in obj.__dict__.get(LOADED, {})
    ]
    pending.append(instance)
    # Objects may repeat in a group (the same story under two cities): fetch each once.
    unique = list({id(obj): obj for obj in pending}.values())
    values = fetch(unique)
    for obj in unique:
        obj.__dict__.setdefault(LOADED, {})[key] = values[id(obj)]
    return loaded[key]


def by_key(objects, key_of, rows, row_key, many=True):
    """
    Match fetched rows to the objects that asked for them.

    Returns ``{id(obj): [rows...]}`` (or one row or None when ``many`` is False),
    where a row belongs to an object when ``row_key(row) == key_of(obj)``.
    """
    index = defaultdict(list)
    for row in rows:
        index[row_key(row)].append(row)
    if many:
        return {id(obj): index.get(key_of(obj), []) for obj in objects}
    return {id(obj): (index.get(key_of(obj)) or [None])[0] for obj in objects}
