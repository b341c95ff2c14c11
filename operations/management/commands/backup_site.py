from django.core.management.base import BaseCommand, CommandError

from operations.backup import backup_root, create_backup
from operations.errors import BackupError


def filesizeformat(size):
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return None


class Command(BaseCommand):
    help = (
        "Back up the database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT into one dated archive with "
        "SHA-256 checksums (BACKUP_ROOT/wenming-<date>-<time>.tar and its .sha256)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", help=f"Where to write the archive (default BACKUP_ROOT, now {backup_root()})."
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="Afterwards delete all but the newest N scheduled archives there.",
        )
        parser.add_argument(
            "--skip-media",
            action="store_true",
            help="Leave out MEDIA_ROOT (required when uploads are in object storage; back the bucket up with its own tools).",
        )

    def handle(self, *args, output_dir=None, keep=None, skip_media=False, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        try:
            result = create_backup(output_dir, include_media=not skip_media, keep=keep)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = (
            f"{result.media_files} media file(s) ({filesizeformat(result.media_bytes)})"
            if result.media_included
            else "no media (--skip-media)"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written: {result.path} ({filesizeformat(result.size)}): {result.vendor} database, "
                f"{media}, {result.private_files} private file(s) ({filesizeformat(result.private_bytes)})."
            )
        )
        self.stdout.write(f"Checksum: {result.path}.sha256")
        for path in result.pruned:
            self.stdout.write(f"Deleted old backup {path.name}")
