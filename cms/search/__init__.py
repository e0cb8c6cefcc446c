"""The site's search backend: Wagtail's database backend, with each language's stemming on PostgreSQL.

Wagtail's database backend keeps one index table, whatever the number of backends configured,
and on PostgreSQL parses every text with one ``SEARCH_CONFIG``: two backends ("english" and
"spanish") would overwrite each other's rows, and one config stems Spanish as English
("intercambios" would not find "intercambio"). So this backend, on PostgreSQL (postgres.py):

- indexes each object with the config of its own language (``LANGUAGE_CONFIGS``, by the
  language code of its ``locale``; objects without one, and other languages, with
  ``SEARCH_CONFIG``);
- parses a query with each of those configs and matches a text that any of them finds, so one
  query works over both languages' entries without knowing the searcher's language. Which
  language's pages a visitor sees is the caller's filter (``locale=...``: search/views.py, the
  API), as before.

On both databases a search ordered by relevance ranks at most ``SEARCH_MAX_CANDIDATES`` matches,
the most recently indexed, and counts no further (bounded.py): its cost does not grow with the
number of matches. On SQLite (development, CI) it is otherwise Wagtail's backend, ranking the
matches in one pass (sqlite.py: Wagtail's scores each match with a full-text scan of its own);
FTS5 has no Spanish stemmer.
After changing ``LANGUAGE_CONFIGS``, run ``manage.py update_index``.

    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "cms.search",
        "LANGUAGE_CONFIGS": {"en": "english", "es": "spanish"},
    }}
"""

from django.db import connection

from wagtail.search.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    """The backend for the default database: the multilingual one on PostgreSQL, else Wagtail's."""
    if connection.vendor == "postgresql":
        from .postgres import MultilingualPostgresSearchBackend

        return MultilingualPostgresSearchBackend(params)
    backend = database_backend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        # FTS5 is there: rank in one pass (sqlite.py, imported only on SQLite: its models need it).
        from .sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
