"""A search ranks a bounded number of candidates: the cost of a search is the same whatever the number of matches.

A word found in most pages ("exchange", "city", "students" on this site) matches tens of
thousands of pages at scale; ranking each of them (``ts_rank`` on PostgreSQL, ``bm25`` on SQLite)
and counting them took over a second at 100,000 stories. So, for a search ordered by relevance:

1. The *candidates* are the ``SEARCH_MAX_CANDIDATES`` most recently indexed matches (the index
   entry's id, newest first; a page keeps its entry when it is edited, so this is about the order
   in which pages were added), among the objects of the caller's queryset (its filters, such as
   the visibility rule of cms/visibility.py, are a subquery). One query fetches them, one more
   than the bound so as to know whether there were more, with each one's score: the database
   walks the newest entries, checking the match as it goes and stopping at the bound, or, for a
   rare word, reads the few matches from the full-text index and sorts them (the planner picks).
2. They are ordered best match first in Python, as Wagtail's backends order them (score, then
   the newest object first on a tie), and kept on the query compiler, which the results' slices
   share: the count (``len``, at most the bound) and every page of results come from that one
   query, and each page of results reads its objects in one more query (``pk__in``).

With fewer matches than the bound, every match is a candidate: the same results, in the same
order, as Wagtail's backends give. With more, the results are the best of the newest
``SEARCH_MAX_CANDIDATES`` and ``capped`` says so (the search page says "more than ..."; the
API's ``pagination.totalIsCapped``). A search not ordered by relevance, or one the compilers do not
handle this way (``MatchAll``, ``Not``, fuzzy, a model whose primary key is not an integer) is
Wagtail's, unbounded.

The bound is read here and nowhere else (``max_candidates``), by both databases' compilers.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models


def max_candidates():
    """How many matches a search ranks at most (settings.SEARCH_MAX_CANDIDATES)."""
    return settings.SEARCH_MAX_CANDIDATES


def key_digits(model):
    """
    How many digits of an index entry's object id surely fit the model's primary key, a whole
    number (a page type's key is its link to Page: Page's); None when the key is not a number.
    """
    pk = model._meta.pk
    while pk.is_relation:
        pk = pk.target_field
    if isinstance(pk, models.BigIntegerField):
        return 18
    if isinstance(pk, models.SmallIntegerField):
        return 4
    return 9 if isinstance(pk, models.IntegerField) else None


@dataclass(frozen=True)
class Ranking:
    """The candidates of one search, best match first, with their scores."""

    pks: list
    scores: dict
    capped: bool  # more objects matched than the bound: these are the best of the newest

    @classmethod
    def of(cls, rows, best_first):
        """
        ``rows``: (pk, score) of the matches, newest first, at most one more than the bound.
        ``best_first``: the sort key of a (pk, score) row that puts the best match first.
        """
        bound = max_candidates()
        candidates = [(pk, score) for pk, score in rows if pk is not None][:bound]
        capped = len(rows) > bound
        ranked = sorted(dict(candidates).items(), key=best_first)
        return cls(pks=[pk for pk, _ in ranked], scores=dict(ranked), capped=capped)


class BoundedResultsMixin:
    """
    For a backend's results class: count and slices from one ``Ranking`` when the compiler gives one
    (its ``ranking(config, backend)``; None: the backend's own search, unbounded).
    """

    def ranking(self):
        compiler = self.query_compiler
        if not hasattr(compiler, "_ranking"):  # one query for the count and every slice of these results
            rank = getattr(compiler, "ranking", None)  # an autocomplete compiler has none: Wagtail's search
            compiler._ranking = rank(compiler.get_config(self.backend), self.backend) if rank else None
        return compiler._ranking

    @property
    def capped(self):
        """Whether more objects matched than were ranked (the count is then the bound)."""
        ranking = self.ranking()
        return ranking is not None and ranking.capped

    def ranked_pks(self):
        """The primary keys of this slice of the results, best match first, without reading the objects."""
        ranking = self.ranking()
        if ranking is None:  # the backend's own search: its first SEARCH_MAX_CANDIDATES
            return [obj.pk for obj in (self if self.stop is not None else self[: max_candidates()])]
        return ranking.pks[self.start : self.stop]

    def _do_count(self):
        ranking = self.ranking()
        return super()._do_count() if ranking is None else len(ranking.pks)

    def _do_search(self):
        ranking = self.ranking()
        if ranking is None:
            return super()._do_search()
        pks = ranking.pks[self.start : self.stop]
        if not pks:
            return []
        found = {obj.pk: obj for obj in self.query_compiler.queryset.filter(pk__in=pks)}
        results = [found[pk] for pk in pks if pk in found]
        if self._score_field is not None:
            for obj in results:
                setattr(obj, self._score_field, ranking.scores[obj.pk])
        return results
