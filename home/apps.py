from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared content"

    def ready(self):
        from django.core import checks

        from cms import locales, response_cache
        from cms.graphql.persisted import check_trusted_documents

        # Stored pages and API responses are dropped when what they show changes.
        response_cache.connect_signals()
        checks.register(check_trusted_documents)
        # Wagtail's locale look-ups, once per request (cms/locales.py, LocaleMemoMiddleware).
        locales.install()
