"""Wagtail's SQLite (FTS5) search backend, ranking the matches in one pass over the full-text index.

Wagtail's SQLite backend orders results by relevance with a correlated subquery: for every
matching row it runs the full-text match again to find that row's score, so a word that matches
thousands of pages costs thousands of full-text scans (the search page took 22 s at 10,000
stories). This backend scores the matches where they are found, in one query over the full-text
index joined to the caller's queryset by id (its filters, such as the visibility rule of
cms/visibility.py, are a subquery there), reads the ids and scores of the one page of results
asked for, then that page's objects: two queries a page, and the count one more, whatever the
number of matches. Without relevance (a negated query, ``order_by_relevance=False``) it is
Wagtail's backend unchanged.
"""

from django.db.models import Case, FloatField, IntegerField, Value, When
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


class RankedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return super().search(config, start, stop, score_field=score_field)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        object_id = Cast("index_entry__object_id", output_field=IntegerField())
        hits = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
                index_entry__object_id__in=self.queryset.order_by().values("pk"),
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config), found_id=object_id)
            .order_by("score", "-found_id")
            .values_list("found_id", "score")
        )
        scores = dict(hits[start:stop])
        if not scores:
            return self.queryset.none()
        rank = Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(scores)), output_field=IntegerField())
        queryset = self.queryset.filter(pk__in=list(scores)).annotate(_rank=rank).order_by("_rank")
        if score_field is not None:
            score = Case(*(When(pk=pk, then=Value(s)) for pk, s in scores.items()), output_field=FloatField())
            queryset = queryset.annotate(**{score_field: score})
        return queryset


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self):
        """The number of matches, without scoring them (Wagtail's query, less its ordering)."""
        compiler = self.query_compiler
        relevance, compiler.order_by_relevance = compiler.order_by_relevance, False
        try:
            return compiler.search(compiler.get_config(self.backend), None, None).order_by().count()
        finally:
            compiler.order_by_relevance = relevance


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteQueryCompiler
    results_class = RankedSQLiteSearchResults
