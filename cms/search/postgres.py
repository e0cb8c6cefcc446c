"""Wagtail's PostgreSQL search backend, indexing each object in its own language's text search config.

See the package's docstring (cms/search/__init__.py) for why, and the settings it reads.
"""

import copy
import operator
from collections import defaultdict
from functools import reduce

from wagtail.models import Locale
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)


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


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = MultilingualQueryCompiler
    index_class = MultilingualIndex

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
