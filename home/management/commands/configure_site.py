"""Give Wagtail's default Site record the site's address (SITE_URL): run in every release step."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from cms import site_address


class Command(BaseCommand):
    help = (
        "Set the default site's host name and port from SITE_URL (Wagtail then says https for port 443), "
        "so that the admin's links and the site's own URLs name the same address. Safe to run again."
    )

    def handle(self, *args, **options):
        try:
            address = site_address.parse(settings.SITE_URL)
        except ValueError as error:
            raise CommandError(str(error)) from None
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site: run `manage.py migrate` first (Wagtail makes one).")
        taken = Site.objects.filter(hostname=address.hostname, port=address.port).exclude(pk=site.pk).first()
        if taken is not None:
            raise CommandError(
                f"Another site ({taken.site_name or taken.pk}) already has {address.hostname}:{address.port}; "
                "change or delete it in the admin (Settings > Sites) first."
            )
        if (site.hostname, site.port) == (address.hostname, address.port):
            self.stdout.write(f"The site is already at {site.root_url}.")
            return
        site.hostname, site.port = address.hostname, address.port
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(self.style.SUCCESS(f"The site is now at {site.root_url}."))
