"""Wagtail's PostgreSQL search backend, indexing each object in its own language's text search config.

See the package's docstring (cms/search/__init__.py) for why, and the settings it reads. A search
ordered by relevance ranks a bounded number of candidates (bounded.py; ``ranking`` below).
"""

import copy
import operator
from collections import defaultdict
from functools import reduce

from django.db import models
from django.db.models import Case, F, When
from django.db.models.functions import Cast

from wagtail.models import Locale
from wagtail.search.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.query import Fuzzy, MatchAll, Not
from wagtail.search.utils import get_descendants_content_types_pks

from .bounded import BoundedResultsMixin, Ranking, key_digits, max_candidates


class MultilingualIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each language's objects with its config: one batch per config, on a copy of the backend."""
        batches = defaultdict(list)
        for obj in objs:
            batches[self.backend.config_for(obj)].append(obj)
        for config, batch in batches.items():
            backend = copy.copy(self.backend)
            backend.config = config
            PostgresIndex(backend).add_items(model, batch)


class MultilingualQueryCompiler(PostgresSearchQueryCompiler):
    """Parses the query with every language's config: a text matches when one of them finds it."""

    configs = ()

    def search(self, config, start, stop, score_field=None, backend=None):
        self.configs = backend.query_configs() if backend is not None else (config,)
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def build_tsquery(self, query, config=None):
        configs = self.configs or (config,)
        queries = [self.build_tsquery_content(query, config=each) for each in configs]
        queries = [each for each in queries if each is not None]  # None: nothing to search for
        return reduce(operator.or_, queries) if queries else None

    def ranking(self, config, backend):
        """
        The ``Ranking`` of this search's candidates (bounded.py), or None for Wagtail's own search.

        One query, from the index entries' side: the entries of the queryset's types whose
        ``title || body`` match (the GIN index of home/migrations/0006) and whose object id, as
        the model's integer key, is in the queryset (a subquery: the caller's filters, such as the
        visibility rule, checked by primary key), newest entry first, one more than the bound,
        each with Wagtail's score (``ts_rank`` of title and body, the title's weighted by its
        ``title_norm``). Wagtail's own query joins each page to its entry through every page
        type's content type (an index probe per type and page) and ranks every match before
        sorting; here the database either walks the entries' primary key backwards, checking the
        match and the page's visibility by primary key and stopping at the bound (a common word),
        or reads the matches from the GIN index and sorts the few it finds (a rare word).
        """
        digits = key_digits(self.queryset.model)
        if (
            not self.order_by_relevance
            or self.fields is not None
            or digits is None
            or isinstance(self.query, (MatchAll, Not, Fuzzy))
        ):
            return None
        self.configs = backend.query_configs()
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return None
        key_type = models.BigIntegerField() if digits > 9 else models.IntegerField()
        vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]  # get_index_vectors, from the entry's side
        object_pk = Case(
            # Only an object id that is a whole number is cast (another model's key may be text).
            When(object_id__regex=rf"^[0-9]{{1,{digits}}}$", then=Cast("object_id", key_type)),
            default=None,
        )
        rows = (
            IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(_vector_=F("title")._combine(F("body"), "||", False), _object_pk=object_pk)
            .filter(_vector_=search_query, _object_pk__in=self.queryset.order_by().values("pk"))
            .annotate(_score=self._build_rank_expression(vectors, config))
            .order_by("-pk")
            .values_list("_object_pk", "_score")[: max_candidates() + 1]
        )
        # Wagtail's order: the highest score first, then the newest object (the highest key).
        return Ranking.of(list(rows), best_first=lambda row: (-row[1], -row[0]))


class BoundedPostgresSearchResults(BoundedResultsMixin, PostgresSearchResults):
    pass


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = MultilingualQueryCompiler
    index_class = MultilingualIndex
    results_class = BoundedPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS", {}))
        self._languages = {}

    def language_of(self, obj):
        """The language code of an object's locale (looked up once per locale), else None."""
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return None
        if locale_id not in self._languages:
            self._languages[locale_id] = (
                Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
            )
        return self._languages[locale_id]

    def config_for(self, obj):
        """The text search config an object is indexed with: its language's, else SEARCH_CONFIG."""
        return self.language_configs.get(self.language_of(obj), self.config)

    def query_configs(self):
        """Every config an indexed text may have been parsed with, each once."""
        return tuple(dict.fromkeys([*self.language_configs.values(), self.config]))
