"""Shared helpers for the nomination tests: a world with a nomination page, photos, posts."""

import io
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from PIL import ExifTags, Image

from nominations.forms import start_token
from nominations.models import Nomination

from . import factories as f
from .moderation import build_world

STORY = (
    "王阿姨退休后每天早上在小区门口义务指挥交通，十年来风雨无阻。"
    "去年冬天她还发现独居老人李大爷摔倒在家中，及时叫来救护车，挽救了老人的生命。"
)
PHONE = "13812345678"


def nomination_world():
    world = build_world()
    world.page = f.NominationPageFactory(parent=world.home)
    return world


def photo_bytes(fmt="JPEG", size=(64, 48), gps=True, color="red"):
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "DemoCam"
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: (24.0, 53.0, 0.0),
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: (118.0, 36.0, 0.0),
            }
        )
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, exif=exif)
    return buffer.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, photo_bytes() if data is None else data, content_type)


def form_data(world, **overrides):
    data = {
        "nominee_name": "王秀英",
        "community": str(world.community_a.pk),
        "category": "helping",
        "story": STORY,
        "nominator_name": "陈明",
        "nominator_phone": "138 1234 5678",
        "nominator_email": "chenming@example.com",
        "consent_processing": "on",
        "consent_nominee_informed": "on",
        "notice_version": world.page.privacy_notice_version,
        "started": start_token(time.time() - 60),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def nomination_count():
    return Nomination.objects.count()


class NominationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = nomination_world()

    def post(self, data=None, files=None, **extra):
        payload = form_data(self.world) if data is None else data
        if files is not None:
            payload = {**payload, "photos": files}
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post("/nominate/", payload, **extra)

    def assert_refused(self, response, field, fragment):
        """A Chinese message next to `field` (or at the top for None), and nothing stored."""
        self.assertEqual(response.status_code, 200, response.content[:300])
        form = response.context["form"]
        errors = form.errors.get(field if field else "__all__", [])
        self.assertTrue(any(fragment in error for error in errors), f"{field}: {form.errors!r}")
        self.assertEqual(Nomination.objects.count(), self.count_before)
        self.assertEqual(private_files(), self.files_before)
        html = response.content.decode()
        self.assertIn(fragment, html)
        if field:
            self.assertIn(f'id="id_{field}-error"', html)

    def setUp(self):
        self.count_before = Nomination.objects.count()
        self.files_before = private_files()
