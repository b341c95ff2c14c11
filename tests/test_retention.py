"""`purge_nominations`: contact details and private photos of old closed nominations go; the
record, its status, open or recent nominations and the photos now in an exhibit stay."""

import datetime
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from home.models import SiteImage
from nominations.models import Nomination, NominationPhoto
from nominations.retention import purge_nominations

from . import factories as f
from .moderation import build_world
from .nominating import photo_bytes, upload

DAYS = 180


def nomination(status, days_ago, with_photo=True, **fields):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    item = Nomination.objects.create(
        nominee_name=fields.pop("nominee_name", "王秀英"),
        category="helping",
        story="事迹" * 30,
        nominator_name="陈明",
        nominator_phone="13812345678",
        nominator_email="chenming@example.com",
        privacy_notice_version="2026-01",
        status=status,
        submitted_at=when,
        decided_at=when if status in Nomination.CLOSED else None,
        **fields,
    )
    if with_photo:
        photo = NominationPhoto(nomination=item)
        photo.file.save("p.jpg", upload(data=photo_bytes()), save=True)
    return item


class PurgeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        S = Nomination.Status
        cls.old_rejected = nomination(S.REJECTED, DAYS + 1, rejection_reason="无法核实")
        cls.old_duplicate = nomination(S.DUPLICATE, DAYS + 30)
        cls.old_accepted = nomination(S.ACCEPTED, DAYS + 5)
        cls.recent_rejected = nomination(S.REJECTED, DAYS - 1)
        cls.old_open = nomination(S.SUBMITTED, DAYS + 100)
        cls.old_reviewing = nomination(S.UNDER_REVIEW, DAYS + 100)
        # An accepted nomination whose photo already lives in the community's image collection.
        cls.image = f.SiteImageFactory(collection=cls.world.roles["editors_a"].image_collection)
        NominationPhoto.objects.filter(nomination=cls.old_accepted).update(image=cls.image)

    def paths(self, item):
        return [Path(p.file.path) for p in NominationPhoto.objects.filter(nomination=item).exclude(file="")]

    def test_purge_removes_what_it_should_and_nothing_else(self):
        purged = [self.old_rejected, self.old_duplicate, self.old_accepted]
        kept = [self.recent_rejected, self.old_open, self.old_reviewing]
        purged_files = [path for item in purged for path in self.paths(item)]
        kept_files = [path for item in kept for path in self.paths(item)]
        self.assertTrue(all(path.exists() for path in purged_files + kept_files))

        with self.captureOnCommitCallbacks(execute=True):
            report = purge_nominations()
        self.assertEqual((report.nominations, report.photos), (3, 3))

        for item in purged:
            item.refresh_from_db()
            self.assertEqual((item.nominator_name, item.nominator_phone, item.nominator_email), ("", "", ""))
            self.assertIsNotNone(item.contact_purged_at)
            # The record stays as it was.
            self.assertEqual(item.nominee_name, "王秀英")
            self.assertEqual(item.story, "事迹" * 30)
            self.assertIn(item.status, Nomination.CLOSED)
        self.assertEqual(Nomination.objects.get(pk=self.old_rejected.pk).rejection_reason, "无法核实")
        self.assertFalse(any(path.exists() for path in purged_files))
        # The exhibit's copy of an accepted photo is not touched; its link stays.
        self.assertTrue(SiteImage.objects.filter(pk=self.image.pk).exists())
        self.assertTrue(
            NominationPhoto.objects.filter(nomination=self.old_accepted, image=self.image).exists()
        )

        for item in kept:
            item.refresh_from_db()
            self.assertEqual(item.nominator_phone, "13812345678")
            self.assertEqual(item.nominator_email, "chenming@example.com")
            self.assertIsNone(item.contact_purged_at)
        self.assertTrue(all(path.exists() for path in kept_files))
        self.assertEqual(Nomination.objects.count(), 6)

        # Running it again finds nothing more to do.
        self.assertEqual(purge_nominations().nominations, 0)

    def test_dry_run_changes_nothing(self):
        out = StringIO()
        call_command("purge_nominations", "--dry-run", stdout=out)
        self.assertIn("Would purge contact details of 3 nomination(s) and 3 photo(s)", out.getvalue())
        self.old_rejected.refresh_from_db()
        self.assertEqual(self.old_rejected.nominator_phone, "13812345678")
        self.assertTrue(all(path.exists() for path in self.paths(self.old_rejected)))

    def test_the_command_and_its_retention_period(self):
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("purge_nominations", "--days", "0", stdout=out)
        self.assertIn("Purged contact details of 4 nomination(s)", out.getvalue())
        self.old_open.refresh_from_db()
        self.assertEqual(self.old_open.nominator_phone, "13812345678")

    def test_the_retention_period_comes_from_settings(self):
        with self.settings(NOMINATION_RETENTION_DAYS=DAYS + 10):
            self.assertEqual(purge_nominations(dry_run=True).nominations, 1)  # only the 210-day one
