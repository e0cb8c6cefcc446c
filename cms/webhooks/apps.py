from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every public change (sent after its transaction commits) queues a delivery per endpoint that wants it.
        from cms.changes.signals import public_change

        from .tasks import queue_deliveries

        public_change.connect(queue_deliveries, dispatch_uid="webhooks.queue_deliveries")
