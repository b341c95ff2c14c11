"""Photos uploaded through the admin keep their pixels and lose their EXIF, GPS above all."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from core.photos import strip_metadata
from home.models import SiteImage


def photo_with_gps(fmt="JPEG", size=(64, 32), orientation=1):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DemoCam"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (24.0, 53.0, 0.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (118.0, 36.0, 0.0),
        }
    )
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format=fmt, exif=exif)
    return buffer.getvalue()


def read_back(data):
    image = Image.open(io.BytesIO(data))
    return image, image.getexif()


def test_the_photo_fixture_really_carries_gps():
    _, exif = read_back(photo_with_gps())
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "p.jpg"), ("PNG", "p.png"), ("WEBP", "p.webp")])
def test_strip_metadata_removes_exif_and_keeps_format(fmt, name):
    cleaned = strip_metadata(SimpleUploadedFile(name, photo_with_gps(fmt)))
    image, exif = read_back(cleaned.read())
    assert image.format == fmt
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Make not in exif
    assert image.size == (64, 32)


def test_camera_rotation_is_applied_before_the_tag_is_dropped():
    # Orientation 6: the camera was turned; the picture must come out upright (portrait).
    cleaned = strip_metadata(SimpleUploadedFile("p.jpg", photo_with_gps(orientation=6)))
    image, exif = read_back(cleaned.read())
    assert image.size == (32, 64)
    assert ExifTags.Base.Orientation not in exif


@pytest.mark.django_db
def test_admin_upload_stores_no_gps(client, home_page):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.post(
        "/admin/images/add/",
        {"title": "现场照片", "file": SimpleUploadedFile("scene.jpg", photo_with_gps(), "image/jpeg")},
    )
    assert response.status_code == 302, response.content[:500]
    stored = SiteImage.objects.get(title="现场照片")
    with stored.open_file() as handle:
        _, exif = read_back(handle.read())
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Make not in exif
    assert (stored.width, stored.height) == (64, 32)
    assert stored.file_size == stored.file.size


@pytest.mark.django_db
def test_admin_multiple_upload_stores_no_gps(client, home_page):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("batch.jpg", photo_with_gps(), "image/jpeg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    stored = SiteImage.objects.get(pk=response.json()["image_id"])
    with stored.open_file() as handle:
        _, exif = read_back(handle.read())
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
