"""Wagtail's SQLite (FTS5) search backend, ranking a bounded number of matches in one pass over the full-text index.

Wagtail's SQLite backend orders results by relevance with a correlated subquery: for every
matching row it runs the full-text match again to find that row's score, so a word that matches
thousands of pages costs thousands of full-text scans (the search page took 22 s at 10,000
stories). This backend scores the matches where they are found, in one query over the full-text
index joined to the caller's queryset by id (its filters, such as the visibility rule of
cms/visibility.py, are a subquery there), and applies the same bound as on PostgreSQL
(bounded.py): the ``SEARCH_MAX_CANDIDATES`` most recently indexed matches (the full-text table's
rowid, which is the index entry's id, newest first), each with its ``bm25`` score, ranked in
Python (the lowest score first, as Wagtail orders them, then the newest object). The count and
every page of results come from that query; each page reads its objects in one more. Without
relevance (a negated query, ``order_by_relevance=False``) it is Wagtail's backend unchanged.
"""

from django.db import models
from django.db.models.functions import Cast

from wagtail.search.backends.database.sqlite.query import MatchExpression, normalize
from wagtail.search.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from wagtail.search.query import MatchAll, Not
from wagtail.search.utils import get_descendants_content_types_pks

from .bounded import BoundedResultsMixin, Ranking, key_digits, max_candidates


class RankedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def ranking(self, config, backend):
        """The ``Ranking`` of this search's candidates (bounded.py), or None for Wagtail's own search."""
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)) or key_digits(self.queryset.model) is None:
            return None
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        rows = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                index_entry__object_id__in=self.queryset.order_by().values("pk"),
            )
            .annotate(
                score=self._build_rank_expression(self.get_search_vectors(), config),
                found_id=Cast("index_entry__object_id", output_field=models.IntegerField()),
            )
            .order_by("-index_entry_id")  # the newest entries first: the rowid of the full-text table
            .values_list("found_id", "score")[: max_candidates() + 1]
        )
        # Wagtail's order on SQLite: the lowest score (bm25) first, then the newest object.
        return Ranking.of(list(rows), best_first=lambda row: (row[1], -row[0]))


class RankedSQLiteSearchResults(BoundedResultsMixin, SQLiteSearchResults):
    pass


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteQueryCompiler
    results_class = RankedSQLiteSearchResults
