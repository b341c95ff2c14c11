from django.core.management.base import BaseCommand, CommandError

from operations.errors import BackupError
from operations.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_site into an empty deployment: database, MEDIA_ROOT and "
        "PRIVATE_MEDIA_ROOT. The archive is checked against its checksums before anything changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar file written by backup_site.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a deployment that already has content (a backup of it is taken first).",
        )
        parser.add_argument(
            "--skip-media",
            action="store_true",
            help="Do not restore MEDIA_ROOT (uploads in object storage are restored with the bucket's tools).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the archive and the deployment; change nothing."
        )

    def handle(self, *args, archive, force=False, skip_media=False, dry_run=False, **options):
        try:
            result = restore_backup(archive, force=force, skip_media=skip_media, dry_run=dry_run)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        made = f"made {manifest['created_at']}, {manifest['database']['vendor']} database"
        if result.unknown_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup was made by newer code: {len(result.unknown_migrations)} applied migration(s) "
                    f"are unknown here (e.g. {result.unknown_migrations[0]}). Deploy the code it was made with."
                )
            )
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"Archive is intact ({made}); it can be restored here. Nothing changed.")
            )
            return
        if result.safety_backup:
            self.stdout.write(f"The content that was here is kept in {result.safety_backup}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive} ({made}): the database, {result.media_files} media file(s), "
                f"{result.private_files} private file(s)."
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"This code has {len(result.pending_migrations)} migration(s) the backup predates: "
                    "run `manage.py migrate` now."
                )
            )
