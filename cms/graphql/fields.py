"""
Field declarations for ``graphql_fields``: relations that go through the hardening.

Grapple's own GraphQLForeignKey, GraphQLImage, GraphQLDocument, GraphQLSnippet,
GraphQLPage, GraphQLCollection or GraphQLTag resolve a relation item by item and
show whatever it points to: drafts, private pages, images in private collections.
The declarations here resolve the same fields through ``visibility`` (only what
visitors may see) and ``batching`` (one query per relation for a whole list).
Import the module, never its names, so that a safe field always reads ``api.``
and never looks like grapple's unsafe helper of the same name; grapple's scalar
helpers (GraphQLString, GraphQLInt, GraphQLStreamfield...) sit beside them::

    from cms.graphql import fields as api

    graphql_fields = [
        GraphQLString("summary", required=True),
        api.Image("hero_image"),
        api.ForeignKey("committee", "cities.Committee"),
        api.RelatedPages("stories", "cities.StoryPage", reverse="cities", paginated=True, order=NEWEST_FIRST),
    ]

Which one to use:

- a plain value: grapple's GraphQLString, GraphQLInt, GraphQLFloat, GraphQLBoolean,
  GraphQLStreamfield, or GraphQLField with a scalar or enum type;
- a computed value: ``Field``;
- a foreign key: ``Image``, ``Document``, ``Page`` or ``ForeignKey`` (a snippet or
  any other model); the first three also serve the chooser children of a StructBlock;
- many related objects: ``RelatedPages``, ``RelatedSnippets``, ``Tags``, ``ChildObjects``.

tests/api/test_field_helpers.py fails when a model or block uses one of grapple's
relation helpers directly.

Relations follow the owner's language: a Spanish story's cities (or exchange
types, committee, category) are the Spanish versions of the ones it links to,
wherever a visitor may see one (the linked item otherwise, which says its own
``locale``), and a Spanish city's stories are the Spanish stories linked to any
version of the city (``_localized``; copying a page for translation keeps its
links to the original language's items). Both cost no extra query.

Each returns what grapple expects of a ``graphql_fields`` entry: a callable
giving a GraphQLField and a function that wraps its type in a graphene Field,
here one that carries its own resolver.
"""

import graphene

from django.apps import apps
from django.conf import settings
from django.db import connections, models
from django.db.models import Exists, F, Func, Lookup, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber

from grapple.models import GraphQLField
from grapple.registry import registry
from taggit.models import Tag
from wagtail.models import TranslatableMixin

from . import batching
from .types import page_slice, pagination_arguments
from .visibility import get_visibility, visible


def _model(label_or_model):
    return apps.get_model(label_or_model) if isinstance(label_or_model, str) else label_or_model


def _model_type(label_or_model):
    return lambda: registry.models[_model(label_or_model)]


def _declare(name, field_type, resolver, *, required=False, many=False, description=None, args=None):
    """A graphql_fields entry: the field's name and type, wrapped in a Field with our resolver."""

    def wrap(resolved_type):
        if many:
            resolved_type = graphene.NonNull(graphene.List(graphene.NonNull(resolved_type)))
        elif required:
            resolved_type = graphene.NonNull(resolved_type)
        return graphene.Field(resolved_type, args=args or {}, resolver=resolver, description=description)

    def mixin():
        return GraphQLField(name, field_type), wrap

    return mixin


def Field(name, field_type, *, resolver=None, source=None, required=False, description=None, args=None):
    """A computed field: ``resolver(obj, info, **args)``, or the attribute ``source``."""
    attribute = source or name
    return _declare(
        name,
        field_type,
        resolver or (lambda obj, info, **kwargs: getattr(obj, attribute)),
        required=required,
        description=description,
        args=args,
    )


# --- Languages -----------------------------------------------------------------


def _translatable(model):
    return issubclass(model, TranslatableMixin)


def _owner_locales(objects):
    return {obj.locale_id for obj in objects if getattr(obj, "locale_id", None) is not None}


def _with_translations(targets, ids, locales):
    """``targets`` with these ids, and their translations in ``locales``: one query (a subquery)."""
    keys = targets.model.objects.filter(pk__in=ids).values("translation_key")
    return targets.filter(Q(pk__in=ids) | Q(translation_key__in=keys, locale_id__in=locales))


def _localized(owner, target, by_key):
    """The version of ``target`` in ``owner``'s language, when ``by_key`` holds one; else ``target``."""
    locale_id = getattr(owner, "locale_id", None)
    if locale_id is None or getattr(target, "locale_id", locale_id) == locale_id:
        return target
    return by_key.get((target.translation_key, locale_id), target)


def _by_key(rows):
    return {(row.translation_key, row.locale_id): row for row in rows if hasattr(row, "translation_key")}


# --- Foreign keys ------------------------------------------------------------


def _foreign_key_resolver(model, source):
    attname = f"{source}_id"

    def resolve(obj, info, **kwargs):
        def fetch(objects):
            ids = {getattr(obj, attname) for obj in objects} - {None}
            target_model = _model(model)
            rows = visible(target_model.objects.filter(pk__in=ids), info)
            locales = _owner_locales(objects)
            if _translatable(target_model) and locales:
                rows = _with_translations(visible(target_model.objects.all(), info), ids, locales)
            rows = batching.group(rows) if ids else []
            by_pk, by_key = {row.pk: row for row in rows}, _by_key(rows)
            found = {id(obj): by_pk.get(getattr(obj, attname)) for obj in objects}
            return {id(obj): found[id(obj)] and _localized(obj, found[id(obj)], by_key) for obj in objects}

        return batching.load(obj, ("fk", source), fetch)

    return resolve


def ForeignKey(name, model, *, source=None, required=False, description=None):
    """
    A foreign key to a snippet or another model, when visitors may see its target:
    a snippet with a draft state reads null until it is published.
    """
    return _declare(
        name,
        _model_type(model),
        _foreign_key_resolver(model, source or name),
        required=required,
        description=description,
    )


# Models import this module while Django is still loading them: types and
# models are looked up only when the schema is built.
def _image_type():
    from grapple.types.images import get_image_type

    return get_image_type()


def _document_type():
    from grapple.types.documents import get_document_type

    return get_document_type()


def _page_interface():
    from grapple.types.interfaces import get_page_interface

    return get_page_interface()


def _image_model_label():
    return getattr(settings, "WAGTAILIMAGES_IMAGE_MODEL", "wagtailimages.Image")


def _document_model_label():
    return getattr(settings, "WAGTAILDOCS_DOCUMENT_MODEL", "wagtaildocs.Document")


def _chooser(model_label, field_type, is_visible, *, name, source, required, description, shown=None):
    """
    A foreign key on a model (batched for a list), or a chooser child of a
    StructBlock (already loaded with the block): null unless ``is_visible``.
    """
    batched = _foreign_key_resolver(model_label, source or name)

    def resolve(obj, info, **kwargs):
        if isinstance(obj, models.Model):
            target = batched(obj, info, **kwargs)
        else:
            target = _block_value(obj, source or name)
            if target is not None and not is_visible(get_visibility(info), target):
                target = None
        return shown(target) if shown and target is not None else target

    return _declare(name, field_type, resolve, required=required, description=description)


def Image(name, *, source=None, required=False, description=None):
    """An image: null when it is in a private collection. A foreign key, or an ImageChooserBlock child."""
    return _chooser(
        _image_model_label(),
        _image_type,
        lambda visibility, image: visibility.media_is_visible(image),
        name=name,
        source=source,
        required=required,
        description=description,
    )


def Document(name, *, source=None, description=None):
    """A document: null when it is in a private collection. A foreign key, or a DocumentChooserBlock child."""
    return _chooser(
        _document_model_label(),
        _document_type,
        lambda visibility, document: visibility.media_is_visible(document),
        name=name,
        source=source,
        required=False,
        description=description,
    )


def Page(name, *, source=None, description=None):
    """A page: null unless visitors may see it. A foreign key, or a PageChooserBlock child."""
    return _chooser(
        "wagtailcore.Page",
        _page_interface,
        lambda visibility, page: visibility.page_is_visible(page),
        name=name,
        source=source,
        required=False,
        description=description,
        # The specific class without a query; its own fields load only if asked for.
        shown=lambda page: page.specific_deferred,
    )


# --- Many-to-many and ordered relations ---------------------------------------


class _Through:
    """A relation seen as rows of (owner, target) in one table, and how to read it in memory."""

    def __init__(self, table, owner_fk, target_fk, order=(), in_memory=None, reverse=False):
        self.table = table
        self.owner_fk = owner_fk
        self.target_fk = target_fk
        self.order = order
        self.in_memory = in_memory  # obj -> target ids, for previews (not saved, relations in memory)
        self.reverse = reverse  # declared on the target: linked to any version of the owner (see pairs)

    @classmethod
    def forward(cls, owner_model, field_name):
        """A ParentalManyToManyField (or taggit manager) declared on the owner."""
        field = owner_model._meta.get_field(field_name)
        if hasattr(field, "m2m_field_name"):
            return cls(
                field.remote_field.through,
                field.m2m_field_name(),
                field.m2m_reverse_field_name(),
                in_memory=lambda obj: [target.pk for target in getattr(obj, field_name).all()],
            )
        # A ClusterTaggableManager: rows in its through model, keyed by content_object.
        return cls(
            field.through,
            "content_object",
            "tag",
            in_memory=lambda obj: [tag.pk for tag in getattr(obj, field_name).all() if tag.pk],
        )

    @classmethod
    def reverse(cls, source_model, field_name):
        """A ParentalManyToManyField declared on another model, pointing at the owner."""
        field = source_model._meta.get_field(field_name)
        return cls(field.remote_field.through, field.m2m_reverse_field_name(), field.m2m_field_name(), reverse=True)

    @classmethod
    def child(cls, owner_model, relation_name, target_fk):
        """An inline (Orderable) child model with a foreign key to the target."""
        relation = owner_model._meta.get_field(relation_name)
        return cls(
            relation.related_model,
            relation.field.name,
            target_fk,
            order=("sort_order",),
            in_memory=lambda obj: [getattr(row, f"{target_fk}_id") for row in getattr(obj, relation_name).all()],
        )

    def pairs(self, owners, targets, order, limit=None, offset=0, *, by_translation=False):
        """
        (owner key, target id) rows, at most ``limit`` per owner after ``offset`` (a window
        function), in order. The owner key is the owner's id; ``by_translation`` (a reverse
        relation between translatable models): (translation key, language), the targets in the
        owner's language linked to any version of the owner.

        A limited relation in its targets' order (the stories of 100 cities, newest first) does
        not rank every link of every owner, which costs the number of links (at 100,000 stories a
        city has thousands): it ranks the links of the first few hundred targets visitors may see,
        in that order (an index walk: cities' story_newest_first), the *candidates*
        (``_candidates``), whoever their owner. They are a prefix of every owner's list, so an
        owner that finds ``offset + limit`` rows among them has its true rows. When the
        candidates are not every target, the owners that found fewer (owners with few links,
        cheap to read whatever their number) are ranked again over all their links, in a second
        query. The cost is the candidates', the same at 100 stories and at 100,000.
        """
        if limit is None or self.order:  # every row; or in the through rows' own order (an inline list)
            rows, keys = self._owner_rows(owners, by_translation)
            rows = rows.filter(**{f"{self.target_fk}__in": targets})
            ordering = [*self.order, *(self._through_order(o) for o in order)]
            if limit is not None:
                rows = self._ranked(
                    self._one_per_translation(rows) if by_translation else rows, keys, ordering, limit, offset
                )
            yield from self._keyed(rows, keys, ordering)
            return
        order = _with_tiebreak(order)
        ordering = [self._through_order(o) for o in order]
        wanted = {self._key(owner, by_translation) for owner in owners}
        size = _candidates(len(wanted), offset + limit)
        candidates = targets.filter(locale__in=_owner_locales(owners)) if by_translation else targets
        candidates = candidates.order_by(*order).values("pk")[:size]
        # How many candidates there are (fewer than ``size``: every target), in the same query.
        held = (
            candidates.model.objects.filter(pk__in=candidates)
            .order_by()
            .annotate(_graphql_held=Func(F("pk"), function="COUNT"))
            .values("_graphql_held")
        )
        # Every link of the candidates, not only the owners': the database then starts from the
        # candidates (from the owners, it would read all their links to find them).
        keys = self._keys(by_translation)
        rows = _among(self.table.objects.all(), f"{self.target_fk}_id", candidates)
        if by_translation:
            rows = self._one_per_translation(rows)
        ranked = (
            self._ranked(rows, keys, ordering, limit, offset)
            .annotate(_graphql_held=Subquery(held))
            .order_by(*ordering)
            .values_list(*keys, f"{self.target_fk}_id", "_graphql_held")
        )
        found, every_target = {}, False
        for row in ranked:
            key = row[0] if len(keys) == 1 else row[:2]
            if key in wanted:
                found.setdefault(key, []).append(row[-2])
            every_target = row[-1] < size
        short = [] if every_target else [o for o in owners if len(found.get(self._key(o, by_translation), ())) < limit]
        short_keys = {self._key(owner, by_translation) for owner in short}
        for key, target_ids in found.items():
            if key not in short_keys:
                for target_id in target_ids:
                    yield key, target_id
        if short:
            yield from self.pairs_ranked(short, targets, order, limit, offset, by_translation=by_translation)

    def pairs_ranked(self, owners, targets, order, limit, offset=0, *, by_translation=False):
        """``pairs`` ranking every link of these owners: for the owners the candidates leave short."""
        rows, keys = self._owner_rows(owners, by_translation)
        wanted = {self._key(owner, by_translation) for owner in owners}
        ordering = [*self.order, *(self._through_order(o) for o in order)]
        rows = rows.filter(**{f"{self.target_fk}__in": targets})
        rows = self._ranked(self._one_per_translation(rows) if by_translation else rows, keys, ordering, limit, offset)
        for key, target_id in self._keyed(rows, keys, ordering):
            if key in wanted:  # by translation: not the same owners' other languages
                yield key, target_id

    def _keys(self, by_translation):
        """The through row's columns that make its owner key."""
        if by_translation:
            return [f"{self.owner_fk}__translation_key", f"{self.target_fk}__locale"]
        return [f"{self.owner_fk}_id"]

    def _owner_rows(self, owners, by_translation):
        """The through rows of these owners (by translation: of any of their versions, in their languages)."""
        if by_translation:
            rows = self.table.objects.filter(
                **{
                    f"{self.owner_fk}__translation_key__in": {owner.translation_key for owner in owners},
                    f"{self.target_fk}__locale__in": _owner_locales(owners),
                }
            )
        else:
            rows = self.table.objects.filter(**{f"{self.owner_fk}__in": [owner.pk for owner in owners]})
        return rows, self._keys(by_translation)

    def _one_per_translation(self, rows):
        """One row per (owner's translation key, target): a target linked to two versions of an owner counts once."""
        earlier = self.table.objects.filter(
            **{
                self.target_fk: OuterRef(f"{self.target_fk}_id"),
                f"{self.owner_fk}__translation_key": OuterRef(f"{self.owner_fk}__translation_key"),
                "pk__lt": OuterRef("pk"),
            }
        )
        return rows.exclude(Exists(earlier))

    def _through_order(self, field):
        """A target's order field as seen from the through table."""
        return f"{'-' if field.startswith('-') else ''}{self.target_fk}__{field.lstrip('-')}"

    @staticmethod
    def _key(owner, by_translation):
        return (owner.translation_key, owner.locale_id) if by_translation else owner.pk

    def _ranked(self, rows, keys, ordering, limit, offset):
        """These rows ranked per owner key: those from ``offset`` to ``offset + limit``."""
        expressions = [F(o.lstrip("-")).desc() if o.startswith("-") else F(o).asc() for o in ordering]
        return rows.annotate(
            _graphql_rank=Window(RowNumber(), partition_by=[F(key) for key in keys], order_by=expressions)
        ).filter(_graphql_rank__gt=offset, _graphql_rank__lte=offset + limit)

    def _keyed(self, rows, keys, ordering):
        for row in rows.order_by(*ordering).values_list(*keys, f"{self.target_fk}_id"):
            yield (row[0] if len(keys) == 1 else row[:2]), row[-1]


# How many targets a limited relation ranks first (``_Through.pairs``): five times what the owners
# ask for together, so that an owner with a fifth of an even share of the targets still finds its
# rows among them, and never fewer than 200. The query's cost follows this number (at 100,000
# stories the city directory's 28 cities x 3 stories: 420 candidates, about 6 ms on PostgreSQL);
# an owner with fewer links is read in the second query, at the cost of its own links.
CANDIDATES_PER_ROW = 5
MIN_CANDIDATES = 200


def _candidates(owners, rows_each):
    return max(MIN_CANDIDATES, CANDIDATES_PER_ROW * owners * rows_each)


def _among(rows, field, subquery):
    """``rows`` whose ``field`` is one of the values ``subquery`` selects (a few hundred at most).

    On PostgreSQL ``field = ANY(ARRAY(subquery))``: the subquery is run once and its values looked
    up in ``field``'s index, where ``field IN (subquery)`` let the planner hash every row of the
    table against them (it cannot count what a LIMIT in a subquery leaves). Elsewhere ``IN``,
    with the same rows.
    """
    if connections[rows.db].vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery

        return rows.filter(_AnyOf(F(field), ArraySubquery(subquery)))
    return rows.filter(**{f"{field}__in": subquery})


class _AnyOf(Lookup):
    """``lhs = ANY(rhs)``, ``rhs`` an array (PostgreSQL): for ``_among``."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _with_tiebreak(order):
    """``order`` ending with the primary key, so that it is one order (a prefix of it is well defined)."""
    order = tuple(order)
    if order and order[-1].lstrip("-") in ("pk", "id"):
        return order
    return (*order, "pk")


def _through_resolver(target_model, make_through, order, *, limited=False):
    through_for = {}

    def resolve(obj, info, page=None, per_page=None, **kwargs):
        offset, limit = page_slice(page, per_page) if limited else (0, None)
        owner_model = type(obj)
        if owner_model not in through_for:
            through_for[owner_model] = make_through(owner_model)
        through = through_for[owner_model]
        model = _model(target_model)

        def fetch(objects):
            visibility = get_visibility(info)
            targets = visibility.filter(model.objects.all())
            saved = [obj for obj in objects if not getattr(obj, "_graphql_preview", False)]
            locales = _owner_locales(objects) if _translatable(model) else set()
            by_translation = through.reverse and bool(locales) and all(hasattr(obj, "translation_key") for obj in saved)
            wanted = {}  # id(obj) -> target ids in order
            if saved:
                pairs = through.pairs(
                    saved, targets, order, limit if limited else None, offset or 0, by_translation=by_translation
                )
                per_owner = {}
                for owner_key, target_id in pairs:
                    per_owner.setdefault(owner_key, []).append(target_id)
                wanted.update(
                    {
                        id(obj): list(
                            dict.fromkeys(
                                per_owner.get((obj.translation_key, obj.locale_id) if by_translation else obj.pk, [])
                            )
                        )
                        for obj in saved
                    }
                )
            previews = [obj for obj in objects if id(obj) not in wanted]
            for obj in previews:  # not saved: the relation lives in memory
                wanted[id(obj)] = through.in_memory(obj) if through.in_memory else []
            all_ids = {pk for ids in wanted.values() for pk in ids}
            rows = targets.filter(pk__in=all_ids)
            if locales and not through.reverse:  # and their versions in the owners' languages
                rows = _with_translations(targets, all_ids, locales)
            found = rows.order_by(*order).in_bulk() if all_ids else {}
            batching.group(found.values())
            by_key = _by_key(found.values()) if locales else {}
            position = {pk: index for index, pk in enumerate(found)}
            preview_ids = {id(obj) for obj in previews}
            values = {}
            for obj in objects:
                linked = [found[pk] for pk in wanted[id(obj)] if pk in found]
                items = list({item.pk: item for item in (_localized(obj, row, by_key) for row in linked)}.values())
                if not through.order and (id(obj) in preview_ids or items != linked):
                    items.sort(key=lambda item: position[item.pk])  # in the target order, as the saved rows are
                if id(obj) in preview_ids and limited:
                    items = items[offset or 0 : (offset or 0) + limit]
                values[id(obj)] = items
            return values

        return batching.load(obj, ("through", id(through), limit, offset), fetch)

    return resolve


def RelatedPages(
    name,
    model,
    *,
    through=None,
    reverse=None,
    child=None,
    target=None,
    order=("title",),
    paginated=False,
    description=None,
):
    """
    Pages related to this object, only those visitors may see, in ``order``.

    ``through``: a ParentalManyToManyField on this model. ``reverse``: the name of
    a ParentalManyToManyField on ``model`` pointing at this model. ``child`` and
    ``target``: an inline child relation and its foreign key to the page.
    ``paginated``: take ``page`` and ``perPage`` arguments (applied per object, in SQL).
    """
    if through:

        def make(owner):
            return _Through.forward(owner, through)
    elif reverse:

        def make(owner):
            return _Through.reverse(_model(model), reverse)
    else:

        def make(owner):
            return _Through.child(owner, child, target)

    return _declare(
        name,
        _model_type(model),
        _through_resolver(model, make, order, limited=paginated),
        many=True,
        description=description,
        args=pagination_arguments("pages") if paginated else None,
    )


def RelatedSnippets(name, model, *, through, order=(), description=None):
    """Snippets in a ParentalManyToManyField of this model, live ones only."""
    return _declare(
        name,
        _model_type(model),
        _through_resolver(model, lambda owner: _Through.forward(owner, through), order),
        many=True,
        description=description,
    )


def Tags(name, *, description=None):
    """The tags of a ClusterTaggableManager, by name."""

    def tag_type():
        from grapple.types.tags import TagObjectType

        return TagObjectType

    return _declare(
        name,
        tag_type,
        _through_resolver(Tag, lambda owner: _Through.forward(owner, name), ("name",)),
        many=True,
        description=description,
    )


def ChildObjects(name, model, *, hide_private_media=None, description=None):
    """
    The rows of an inline (Orderable) child relation, in the editor's order.

    ``hide_private_media``: the name of a required image or document foreign key;
    rows whose image or document is in a private collection are left out.
    """

    def resolve(obj, info, **kwargs):
        def fetch(objects):
            relation = type(objects[0])._meta.get_field(name)
            fk = relation.field.name
            rows_of = {}
            saved = [obj for obj in objects if not getattr(obj, "_graphql_preview", False)]
            private = get_visibility(info).private_collection_ids if hide_private_media else frozenset()
            if saved:
                rows = relation.related_model.objects.filter(**{f"{fk}__in": [obj.pk for obj in saved]})
                if private:
                    rows = rows.exclude(**{f"{hide_private_media}__collection_id__in": private})
                for row in rows.order_by("sort_order", "pk"):
                    rows_of.setdefault(getattr(row, f"{fk}_id"), []).append(row)
            values = {}
            for obj in objects:
                if getattr(obj, "_graphql_preview", False):  # a draft: its rows live in memory
                    values[id(obj)] = [
                        row
                        for row in getattr(obj, name).all()
                        if not private or getattr(row, hide_private_media).collection_id not in private
                    ]
                else:
                    values[id(obj)] = rows_of.get(obj.pk, [])
            batching.group_nested(values.values())
            return values

        return batching.load(obj, ("children", name), fetch)

    return _declare(name, _model_type(model), resolve, many=True, description=description)


# --- StreamField blocks ------------------------------------------------------


def _block_value(value, name):
    from grapple.actions import get_field_value  # not at import time: models import this module

    return get_field_value(value, name)
