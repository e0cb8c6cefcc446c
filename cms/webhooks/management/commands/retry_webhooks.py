"""Send the webhook deliveries whose next attempt is due.

Needed where the task backend cannot run a task later (development's ImmediateBackend): there a
failed attempt leaves its delivery pending with the time of its next attempt. With the database
backend (production) retries are queued by themselves; running this as well is harmless, since
each attempt is claimed once.
"""

from django.core.management.base import BaseCommand

from cms.webhooks.tasks import queue_due


class Command(BaseCommand):
    help = "Queue the webhook deliveries whose next attempt is due."

    def handle(self, *args, **options):
        count = queue_due()
        self.stdout.write(f"{count} webhook deliveries queued.")
