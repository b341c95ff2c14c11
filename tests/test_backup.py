"""backup_site / restore_site: the whole site in one checksummed archive, and back.

The round trip runs on whichever database the suite runs on: SQLite (the online backup API) in
the first run of `make test`, PostgreSQL (pg_dump / pg_restore) in the second.
"""

import hashlib
import io
import json
import re
import tarfile
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase, override_settings
from wagtail.models import Page, Revision

from exhibits.models import HonouredFamily, ProfilePage, VideoPage
from home.models import CommunityPage, SiteImage
from nominations.models import Nomination, NominationPhoto
from operations import archive
from operations.restore import deployment_contents

from . import factories as f
from .nominating import photo_bytes

IN_MEMORY_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def tree_checksums(root):
    root = Path(root)
    return {path.relative_to(root).as_posix(): archive.file_sha256(path) for path in archive.iter_files(root)}


def database_rows():
    """Every row of every table the project's models and their many-to-many tables use."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            rows[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return rows


def snapshot():
    return {
        "rows": database_rows(),
        "media": tree_checksums(settings.MEDIA_ROOT),
        "private": tree_checksums(settings.PRIVATE_MEDIA_ROOT),
    }


def wipe_deployment():
    """What a new, empty server looks like: no rows, no uploaded files. (Neither post_migrate nor
    a sequence reset: the rows serialized_rollback puts back after the test keep their ids, and
    the next rows must not be given those ids again.)"""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        for path in archive.iter_files(root):
            path.unlink()


def backup(*args):
    out = StringIO()
    call_command("backup_site", *args, stdout=out)
    return Path(re.search(r"Backup written: (\S+\.tar)", out.getvalue())[1]), out.getvalue()


def restore(path, *args):
    out = StringIO()
    call_command("restore_site", str(path), *args, stdout=out)
    return out.getvalue()


def add_nominations():
    """The demo has no public nominations: two, one with photos in private storage."""
    community = CommunityPage.objects.order_by("path").first()
    for index, photos in enumerate((2, 0)):
        nomination = Nomination.objects.create(
            nominee_name=f"王秀英{index}",
            community=community,
            category="helping",
            story="每天义务指挥交通，" * 10,
            nominator_name="陈明",
            nominator_phone="13812345678",
            privacy_notice_version="2026-01",
            consent_processing=True,
            consent_nominee_informed=True,
        )
        for order in range(photos):
            photo = NominationPhoto(nomination=nomination, width=64, height=48, sort_order=order)
            photo.file.save("photo.jpg", ContentFile(photo_bytes(gps=False, color="blue")), save=False)
            photo.save()


def add_draft_revision():
    """A live page with a newer draft: restoring must keep both versions."""
    profile = ProfilePage.objects.live().order_by("path").first().specific
    profile.summary = "草稿：尚未发布的修改。"
    profile.save_revision()
    return profile


class DemoSiteRoundTripTests(TransactionTestCase):
    """The demo site is built once (it takes a while) and goes through every step in order."""

    serialized_rollback = True

    def test_backup_wipe_restore_gives_back_the_same_site(self):
        call_command("load_demo", stdout=StringIO())
        photos_before = NominationPhoto.objects.count()
        add_nominations()
        draft = add_draft_revision()
        before = snapshot()

        # What the comparison covers is really there.
        self.assertGreater(Page.objects.filter(depth__gt=3).count(), 50)
        self.assertGreater(Revision.objects.filter(object_id=str(draft.pk)).count(), 1)
        self.assertGreater(SiteImage.objects.count(), 10)
        self.assertTrue(ProfilePage.objects.exclude(consent_form=None).exists())
        self.assertTrue(HonouredFamily.objects.exclude(consent_form=None).exists())
        self.assertTrue(VideoPage.objects.exclude(video=None).exists())
        self.assertEqual(NominationPhoto.objects.count(), photos_before + 2)
        self.assertGreaterEqual(len(before["private"]), 2)
        self.assertTrue(any(name.startswith("documents/") for name in before["media"]))
        self.assertTrue(any(name.startswith("original_images/") for name in before["media"]))

        path, _out = backup()
        wipe_deployment()
        self.assertEqual(deployment_contents(), {})
        self.assertNotEqual(snapshot(), before)

        out = restore(path)
        self.assertIn("Restored", out)
        after = snapshot()
        self.assertEqual(after["media"], before["media"])  # images, renditions, documents, videos
        self.assertEqual(after["private"], before["private"])  # nomination photos
        self.assertEqual(after["rows"].keys(), before["rows"].keys())
        for label, rows in before["rows"].items():
            self.assertEqual(after["rows"][label], rows, label)

        # Read back through the models, as the site will: the files the rows name are there.
        for image in SiteImage.objects.all():
            with image.file.open("rb") as handle:
                self.assertEqual(hashlib.sha256(handle.read()).hexdigest(), before["media"][image.file.name])
        for photo in NominationPhoto.objects.all():
            with photo.file.open("rb") as handle:
                self.assertEqual(
                    hashlib.sha256(handle.read()).hexdigest(), before["private"][photo.file.name]
                )
        self.assertEqual(
            Page.objects.get(pk=draft.pk).get_latest_revision().content["summary"], "草稿：尚未发布的修改。"
        )
        self.assertEqual(self.client.get(draft.url).status_code, 200)

        # Restoring over a site with content: refused, then done with --force after keeping a
        # backup of what was there.
        with self.assertRaisesMessage(CommandError, "not empty"):
            restore(path)
        out = restore(path, "--force")
        safety = Path(re.search(r"kept in (\S+\.tar)", out)[1])
        self.assertIn("pre-restore", safety.name)
        self.assertEqual(archive.verify(safety)["database"]["vendor"], connection.vendor)
        self.assertEqual(snapshot(), before)


class RestoreRefusalTests(TransactionTestCase):
    """Refused restores change nothing."""

    serialized_rollback = True

    def setUp(self):
        self.user = get_user_model().objects.create_user("operator", password="x")
        self.image = f.SiteImageFactory()
        self.archive, _out = backup()

    def test_a_site_with_content_is_refused_and_left_alone(self):
        get_user_model().objects.create_user("after-backup")
        before = snapshot()
        with self.assertRaisesMessage(CommandError, "This deployment is not empty (2 user accounts"):
            restore(self.archive)
        self.assertEqual(snapshot(), before)

    def test_dry_run_checks_and_changes_nothing(self):
        wipe_deployment()
        before = snapshot()
        out = restore(self.archive, "--dry-run")
        self.assertIn("Archive is intact", out)
        self.assertEqual(snapshot(), before)

    def damage(self, name):
        data = bytearray(self.archive.read_bytes())
        with tarfile.open(self.archive) as tar:
            member = tar.getmember(name)
        data[member.offset_data] ^= 0xFF
        self.archive.write_bytes(bytes(data))

    def test_a_damaged_archive_is_refused_before_anything_changes(self):
        wipe_deployment()
        self.damage(f"media/{self.image.file.name}")
        before = snapshot()
        with self.assertRaisesMessage(CommandError, "does not match its checksum"):
            restore(self.archive)
        self.assertEqual(snapshot(), before)
        # Without the .sha256 next to it the manifest's checksums still catch the damage.
        archive.sidecar_path(self.archive).unlink()
        with self.assertRaisesMessage(CommandError, f"media/{self.image.file.name} does not match"):
            restore(self.archive)
        self.assertEqual(snapshot(), before)

    def test_a_truncated_archive_is_refused(self):
        wipe_deployment()
        archive.sidecar_path(self.archive).unlink()
        data = self.archive.read_bytes()
        self.archive.write_bytes(data[: len(data) // 2])
        with self.assertRaises(CommandError):
            restore(self.archive)
        self.assertEqual(deployment_contents(), {})

    def test_an_archive_of_another_kind_of_database_is_refused(self):
        wipe_deployment()
        other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
        forged = self.archive.with_name("forged.tar")
        with tarfile.open(self.archive) as source, archive.create(forged) as target:
            for member in source.getmembers():
                data = source.extractfile(member).read()
                if member.name == archive.MANIFEST:
                    manifest = json.loads(data)
                    manifest["database"]["vendor"] = other
                    data = json.dumps(manifest).encode()
                    member.size = len(data)
                target.addfile(member, io.BytesIO(data))
        with self.assertRaisesMessage(CommandError, f"holds a {other} database"):
            restore(forged)
        self.assertEqual(deployment_contents(), {})


class BackupArchiveTests(TransactionTestCase):
    # Backups run outside transactions (a command of their own in production).
    serialized_rollback = True

    def setUp(self):
        photo = NominationPhoto(
            nomination=Nomination.objects.create(nominee_name="甲", category="helping", story="事迹"),
        )
        photo.file.save("p.jpg", ContentFile(b"private bytes"), save=True)
        f.SiteImageFactory()

    def test_archive_is_dated_checksummed_and_readable_by_its_owner_only(self):
        path, out = backup()
        self.assertRegex(path.name, r"^wenming-\d{8}-\d{6}(-\d+)?\.tar$")
        self.assertEqual(path.stat().st_mode & 0o777, 0o600)
        self.assertIn("private file(s)", out)
        sidecar = archive.sidecar_path(path).read_text()
        self.assertEqual(sidecar, f"{archive.file_sha256(path)}  {path.name}\n")  # `sha256sum -c` format
        manifest = archive.verify(path)
        members = manifest["members"]
        self.assertIn(
            f"database/{'db.sqlite3.gz' if connection.vendor == 'sqlite' else 'postgresql.dump'}", members
        )
        self.assertTrue(any(name.startswith("media/original_images/") for name in members))
        private = [name for name in members if name.startswith("private/")]
        self.assertEqual(len(private), len(tree_checksums(settings.PRIVATE_MEDIA_ROOT)))
        for name in private:
            relative = name.removeprefix("private/")
            self.assertEqual(members[name]["sha256"], tree_checksums(settings.PRIVATE_MEDIA_ROOT)[relative])
        self.assertNotIn(settings.DATABASES["default"].get("PASSWORD") or "no-password", json.dumps(manifest))

    def test_keep_rotates_scheduled_archives_and_leaves_pre_restore_ones(self):
        directory = Path(settings.BACKUP_ROOT) / "rotation"
        directory.mkdir(parents=True, exist_ok=True)
        old = ["wenming-20200101-010101.tar", "wenming-20200102-010101.tar", "wenming-20200102-010101-2.tar"]
        for name in [*old, "wenming-20200101-000000-pre-restore.tar", "notes.txt"]:
            (directory / name).write_bytes(b"x")
            (directory / f"{name}.sha256").write_text("x")
        path, out = backup("--output-dir", str(directory), "--keep", "2")
        remaining = sorted(p.name for p in directory.iterdir() if p.suffix == ".tar")
        self.assertEqual(
            remaining,
            sorted([path.name, "wenming-20200102-010101-2.tar", "wenming-20200101-000000-pre-restore.tar"]),
        )
        self.assertFalse((directory / "wenming-20200101-010101.tar.sha256").exists())
        self.assertTrue((directory / "notes.txt").exists())
        self.assertIn("Deleted old backup wenming-20200101-010101.tar", out)

    def test_backups_are_never_written_where_they_would_be_served(self):
        for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
            with self.assertRaisesMessage(CommandError, "must not be written inside"):
                backup("--output-dir", str(Path(folder) / "backups"))

    @override_settings(STORAGES=IN_MEMORY_STORAGE)
    def test_uploads_in_object_storage_are_left_to_the_bucket_and_said_so(self):
        with self.assertRaisesMessage(CommandError, "object storage"):
            backup()
        path, out = backup("--skip-media")
        self.assertIn("no media (--skip-media)", out)
        manifest = archive.verify(path)
        self.assertFalse(manifest["media"]["included"])
        self.assertFalse(any(name.startswith("media/") for name in manifest["members"]))
        self.assertTrue(any(name.startswith("private/") for name in manifest["members"]))
