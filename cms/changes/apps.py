from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "cms.changes"
    label = "changes"
    verbose_name = "Public changes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the recorders to Wagtail's and Django's signals.
        from . import recorder

        recorder.connect()
