from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and shared content"

    def ready(self):
        # Wagtail's locale look-ups, once per request (cms/locales.py, LocaleMemoMiddleware).
        from cms import locales

        locales.install()
