"""`manage.py restore DIR`: put a backup made by `manage.py backup` back, and prove nothing was lost."""

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a folder written by `manage.py backup` into the configured database and media storage, "
        "then check the restored content against the backup's manifest. The database must be empty "
        "(a fresh `createdb`) unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (the one holding manifest.json).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database and the media storage already hold. Destroys the current content.",
        )

    def handle(self, *args, folder, force, **options):
        try:
            manifest, media_count = restore(folder, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {folder} (made {manifest['created_at']}): {media_count} media files; "
                f"row counts and content hash {manifest['content']['sha256'][:12]} match the backup."
            )
        )
