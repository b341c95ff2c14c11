"""Back up the whole site into one dated, checksummed archive (see archive.py for its layout).

The database is dumped first and the files copied after it: a file uploaded meanwhile is then at
worst an extra file no row points to, never a row whose file is missing.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import archive, databases
from .errors import BackupError

ARCHIVE_PREFIX = "wenming-"
# Archives made on schedule, which --keep rotates; labelled ones (pre-restore) are left alone.
ROTATED = re.compile(r"^wenming-(\d{8}-\d{6})(?:-(\d+))?\.tar$")


@dataclass
class BackupResult:
    path: Path
    size: int
    vendor: str
    media_included: bool
    media_files: int = 0
    media_bytes: int = 0
    private_files: int = 0
    private_bytes: int = 0
    pruned: list = field(default_factory=list)


def backup_root():
    return Path(settings.BACKUP_ROOT)


def media_location():
    """MEDIA_ROOT when uploads are files on this machine; None when they are in object storage."""
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def private_location():
    return Path(settings.PRIVATE_MEDIA_ROOT)


def check_output_dir(directory):
    """Backups hold private data: never where a web server or a later backup would pick them up."""
    resolved = Path(directory).resolve()
    served = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    for folder in served:
        if resolved.is_relative_to(folder.resolve()):
            raise BackupError(f"Backups must not be written inside {folder}: choose another BACKUP_ROOT.")


def applied_migrations(connection):
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _archive_path(directory, stamp, label):
    base = f"{ARCHIVE_PREFIX}{stamp}" + (f"-{label}" if label else "")
    candidate, counter = directory / f"{base}.tar", 1
    while candidate.exists() or archive.sidecar_path(candidate).exists():
        counter += 1
        candidate = directory / f"{base}-{counter}.tar"
    return candidate


def create_backup(output_dir=None, *, include_media=True, keep=None, label="", using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    databases.check_supported(connection)
    media_root = media_location()
    if include_media and media_root is None:
        raise BackupError(
            "Uploads are kept in object storage (AWS_STORAGE_BUCKET_NAME), which this command does "
            "not copy: back the bucket up with its own versioning or replication (see README) and "
            "run with --skip-media."
        )
    directory = Path(output_dir) if output_dir else backup_root()
    check_output_dir(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)

    now = timezone.now()
    target = _archive_path(directory, timezone.localtime(now).strftime("%Y%m%d-%H%M%S"), label)
    # Written under another name and renamed at the end: an interrupted run never looks complete.
    partial = target.with_name(target.name + ".partial")
    dump_file = target.with_name(target.name + ".db.partial")
    old_umask = os.umask(0o077)
    try:
        databases.dump(connection, dump_file)
        with archive.create(partial) as tar:
            writer = archive.ArchiveWriter(tar)
            writer.add_file(dump_file, databases.member_name(connection.vendor))
            dump_file.unlink()
            media_files = media_bytes = 0
            if include_media:
                media_files, media_bytes = writer.add_tree(media_root, "media/")
            private_files, private_bytes = writer.add_tree(private_location(), "private/")
            manifest = {
                "format": archive.FORMAT,
                "version": archive.VERSION,
                "created_at": now.isoformat(),
                "database": {
                    "vendor": connection.vendor,
                    "member": databases.member_name(connection.vendor),
                    "migrations": applied_migrations(connection),
                },
                "media": {"included": include_media, "files": media_files, "bytes": media_bytes},
                "private": {"included": True, "files": private_files, "bytes": private_bytes},
            }
            writer.add_manifest(manifest, now.timestamp())
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        partial.rename(target)
        archive.write_sidecar(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        dump_file.unlink(missing_ok=True)
        raise
    finally:
        os.umask(old_umask)

    result = BackupResult(
        path=target,
        size=target.stat().st_size,
        vendor=connection.vendor,
        media_included=include_media,
        media_files=media_files,
        media_bytes=media_bytes,
        private_files=private_files,
        private_bytes=private_bytes,
    )
    if keep is not None:
        result.pruned = prune_backups(directory, keep)
    return result


def prune_backups(directory, keep):
    """Delete all but the newest `keep` scheduled archives (and their checksum files)."""
    if keep < 1:
        raise BackupError("--keep must be at least 1.")
    archives = sorted(
        (match[1], int(match[2] or 1), path)
        for path in Path(directory).iterdir()
        if (match := ROTATED.match(path.name))
    )
    archives = [path for _stamp, _counter, path in archives]
    pruned = archives[:-keep]
    for path in pruned:
        path.unlink()
        archive.sidecar_path(path).unlink(missing_ok=True)
    return pruned
