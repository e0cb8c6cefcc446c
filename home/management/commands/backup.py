"""`manage.py backup --output DIR`: the database, the media and a manifest, in one folder."""

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or a SQLite copy) and every media file "
        "into a new folder, with a manifest of hashes and row counts that `restore` checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="A new or empty folder to write the backup into.")

    def handle(self, *args, output, **options):
        try:
            manifest = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["content"]["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up to {output}: {manifest['database']['vendor']} database "
                f"({manifest['database']['bytes']:,} bytes), {len(manifest['media']['files'])} media files, "
                f"{counts.get('wagtailcore.page', 0)} pages, {counts.get('wagtailcore.revision', 0)} revisions. "
                f"Content hash {manifest['content']['sha256'][:12]}."
            )
        )
