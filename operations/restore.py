"""Restore an archive made by backup_site into a deployment.

The archive is checked completely first (every member against its SHA-256); nothing is changed
unless it is whole. A deployment that already holds content is refused unless the operator says
`force`, and then a backup of what is there is taken first, so a restore never loses anything.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from . import archive, databases
from .backup import create_backup, media_location, private_location
from .errors import BackupError, RestoreRefused


@dataclass
class RestoreResult:
    manifest: dict
    media_files: int = 0
    private_files: int = 0
    safety_backup: Path | None = None
    pending_migrations: list = field(default_factory=list)
    unknown_migrations: list = field(default_factory=list)
    dry_run: bool = False


def deployment_contents(using=DEFAULT_DB_ALIAS):
    """What the deployment already holds, beyond what `migrate` creates: {description: count}.

    A freshly migrated site has the root and home pages, Wagtail's default groups and workflow
    and no account; any account, any page below the home page, revision, image, document or
    uploaded file means someone has put content here.
    """
    connection = connections[using]
    tables = set(connection.introspection.table_names())

    def rows(model, **filters):
        if model._meta.db_table not in tables:
            return 0
        return model._default_manager.using(using).filter(**filters).count()

    media_root = media_location()
    contents = {
        "user accounts": rows(get_user_model()),
        "pages below the home page": rows(Page, depth__gt=2),
        "page revisions": rows(Revision),
        "images": rows(get_image_model()),
        "documents": rows(get_document_model()),
        "files in MEDIA_ROOT": _count_files(media_root) if media_root else 0,
        "files in PRIVATE_MEDIA_ROOT": _count_files(private_location()),
    }
    return {what: count for what, count in contents.items() if count}


def _count_files(root):
    return sum(1 for _ in archive.iter_files(root))


def _empty_folder(folder):
    folder = Path(folder)
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def clear_caches():
    """Cached pages, renditions and counters describe the content that is gone."""
    for alias in settings.CACHES:
        cache = caches[alias]
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")  # django-redis: only this site's keys (KEY_PREFIX), not the server's
        else:
            cache.clear()


def pending_migrations(connection):
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def restore_backup(
    path, *, force=False, skip_media=False, dry_run=False, safety_dir=None, using=DEFAULT_DB_ALIAS
):
    connection = connections[using]
    databases.check_supported(connection)
    manifest = archive.verify(path)
    result = RestoreResult(manifest=manifest, dry_run=dry_run)

    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"The archive holds a {vendor} database and this deployment uses {connection.vendor}: "
            "restore it into the same kind of database."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    result.unknown_migrations = [
        f"{app}.{name}" for app, name in manifest["database"]["migrations"] if (app, name) not in known
    ]
    restore_media = manifest["media"]["included"] and not skip_media
    media_root = media_location()
    if restore_media and media_root is None:
        raise BackupError(
            "Uploads are kept in object storage here, and the archive holds uploaded files: restore "
            "the bucket with its own tools and run with --skip-media."
        )

    contents = deployment_contents(using)
    if contents and not force:
        listing = ", ".join(f"{count} {what}" for what, count in contents.items())
        raise RestoreRefused(
            f"This deployment is not empty ({listing}). Restore into an empty one, or run again "
            "with --force to replace it (a backup of it is taken first)."
        )
    if dry_run:
        return result

    if contents:
        result.safety_backup = create_backup(
            safety_dir, include_media=media_root is not None, label="pre-restore", using=using
        ).path
        if restore_media:
            _empty_folder(media_root)
        _empty_folder(private_location())

    with archive.open_archive(path) as tar, tempfile.TemporaryDirectory(prefix="wenming-restore-") as scratch:
        dump_file = Path(scratch) / "database"
        archive.extract_member(tar, manifest["database"]["member"], dump_file)
        databases.restore(connection, dump_file)
        dump_file.unlink()
        if restore_media:
            result.media_files, _ = archive.extract_tree(
                tar,
                "media/",
                media_root,
                settings.FILE_UPLOAD_PERMISSIONS,
                settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS,
            )
        # Nomination photos: readable by the site's user alone, as PrivateStorage writes them.
        result.private_files, _ = archive.extract_tree(tar, "private/", private_location(), 0o600, 0o700)

    clear_caches()
    result.pending_migrations = pending_migrations(connection)
    return result
