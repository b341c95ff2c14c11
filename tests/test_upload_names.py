"""Uploads are stored under random names: nothing a draft uses can be found under /media/ by guessing.

Issue 10: an original image was served at `/media/original_images/<the editor's file name>` to
anyone, also when only a draft awaiting its subject's consent used it. Now every stored file
(originals, documents, media, posters, caption tracks) is named by 32 random hex digits, and
renditions are named after their original; the title keeps the editor's name for the file.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents.models import Document

from core.storage import RandomNameFileSystemStorage, RandomNameS3Storage, random_name
from home.models import SiteImage
from videos.models import VideoCaption

from . import factories as f

RANDOM = r"[0-9a-f]{32}"
EDITORS_NAME = "chen-xiuying-portrait"


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def superuser_client(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.com", "pw"))
    return client


def assert_random(name, folder, extension):
    assert re.fullmatch(rf"{folder}/{RANDOM}\.{extension}", name), name
    assert "chen" not in name and "xiuying" not in name


@pytest.mark.django_db
def test_an_uploaded_image_gets_a_random_name_and_keeps_its_title(superuser_client):
    response = superuser_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(f"{EDITORS_NAME}.JPG", jpeg(), "image/jpeg")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"], response.json()
    image = SiteImage.objects.get(pk=response.json()["image_id"])
    assert EDITORS_NAME in image.title
    assert_random(image.file.name, "original_images", "jpg")
    # Renditions keep Wagtail's names, made from the original's (random) one.
    rendition = image.get_rendition("fill-20x20")
    stem = image.file.name.split("/")[-1].split(".")[0]
    assert rendition.file.name.startswith(f"images/{stem}."), rendition.file.name
    assert "fill-20x20" in rendition.file.name
    # Guessing the editor's name finds nothing; the random name is what the site links to.
    assert superuser_client.get(f"/media/original_images/{EDITORS_NAME}.jpg").status_code == 404
    assert superuser_client.get(f"/media/{image.file.name}").status_code == 200


@pytest.mark.django_db
def test_two_uploads_of_the_same_name_get_different_names(superuser_client):
    for _ in range(2):
        superuser_client.post(
            "/admin/images/add/",
            {"title": "同名照片", "file": SimpleUploadedFile(f"{EDITORS_NAME}.jpg", jpeg(), "image/jpeg")},
        )
    names = set(SiteImage.objects.values_list("file", flat=True))
    assert len(names) == 2


@pytest.mark.django_db
def test_an_uploaded_document_gets_a_random_name(superuser_client):
    response = superuser_client.post(
        "/admin/documents/add/",
        {
            "title": "陈秀英知情同意书",
            "file": SimpleUploadedFile("chen-xiuying-consent.pdf", b"%PDF-1.4 signed", "application/pdf"),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.title == "陈秀英知情同意书"
    assert_random(document.file.name, "documents", "pdf")


@pytest.mark.django_db
def test_media_posters_and_captions_get_random_names(home_page):
    media = f.VideoMediaFactory(file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="chen-xiuying.MP4"))
    assert_random(media.file.name, "media", "mp4")
    caption = VideoCaption(media=media, language="zh-Hans")
    caption.file.save("chen-xiuying.vtt", ContentFile(b"WEBVTT\n"), save=False)
    assert_random(caption.file.name, "video_captions", "vtt")


def test_the_name_keeps_only_a_plain_extension():
    assert re.fullmatch(rf"documents/{RANDOM}\.pdf", random_name("documents/陈秀英.PDF"))
    assert re.fullmatch(rf"media/{RANDOM}", random_name("media/no-extension"))
    assert re.fullmatch(rf"images/{RANDOM}", random_name("images/x.<script>"))
    assert re.fullmatch(rf"{RANDOM}\.jpg", random_name("top.jpg"))


def test_the_s3_option_names_files_the_same_way(settings):
    local = RandomNameFileSystemStorage()
    bucket = RandomNameS3Storage(bucket_name="wenming-media", endpoint_url="https://oss.example.org")
    for storage in (local, bucket):
        name = storage.generate_filename("original_images/chen-xiuying.jpg")
        assert re.fullmatch(rf"original_images/{RANDOM}\.jpg", name), (storage, name)
