"""Give every committee its group and collection, and set up the program office's review of their work."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cities.committees import setup_committee_review, sync_committee
from cities.models import Committee


class Command(BaseCommand):
    help = (
        "Make or update each committee's group (its members' access) and collection, the 'Program office' "
        "group and the 'Committee review' workflow on the cities and stories sections. Safe to run again."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        committees = list(Committee.objects.order_by("pk"))
        for committee in committees:
            sync_committee(committee)
        office, workflow = setup_committee_review()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(committees)} committees have their group and collection; "
                f"'{workflow.name}' is reviewed by the '{office.name}' group."
            )
        )
