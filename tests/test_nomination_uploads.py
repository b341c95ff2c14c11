"""Photos from the public are hostile until proven otherwise.

Every hostile file below is refused with a Chinese message next to the photo field, and neither a
nomination nor a file is stored. Accepted photos are re-encoded without EXIF/GPS and kept in
private storage that no public URL reaches.
"""

import io
import struct
import zlib
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from PIL import ExifTags, Image

from nominations.models import Nomination, NominationPhoto

from .nominating import NominationTestCase, form_data, photo_bytes, upload


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height):
    """A PNG whose header claims `width`×`height`; its pixel data is a few bytes of nothing."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    )


def psd_header():
    """The start of a Photoshop document: '8BPS', version 1, 3 channels, 64×64, 8 bits, RGB."""
    return b"8BPS" + struct.pack(">H6sHIIHH", 1, b"\0" * 6, 3, 64, 64, 8, 3) + b"\0" * 64


def jpeg_with_comment(comment):
    """A real JPEG (Pillow opens it) carrying `comment` in a COM segment right after SOI."""
    data = photo_bytes(gps=False)
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return data[:2] + segment + data[2:]


def animated(fmt, frames=3):
    buffer = io.BytesIO()
    images = [Image.new("RGB", (32, 32), color) for color in ("red", "green", "blue")[:frames]]
    images[0].save(buffer, format=fmt, save_all=True, append_images=images[1:], duration=100, loop=0)
    return buffer.getvalue()


class HostileUploadTests(NominationTestCase):
    def refused(self, files, fragment):
        response = self.post(files=files)
        self.assert_refused(response, "photos", fragment)
        self.assertFalse(NominationPhoto.objects.exists())

    def test_six_photos(self):
        self.refused([upload(f"p{n}.jpg") for n in range(6)], "最多上传5张照片")

    def test_an_over_size_file(self):
        big = b"\xff\xd8\xff\xe0" + b"\0" * settings.NOMINATION_MAX_PHOTO_BYTES
        self.refused([upload("big.jpg", big)], "每张照片不能超过")

    def test_a_png_decompression_bomb(self):
        # 100 000 × 100 000 pixels declared in 100 bytes: Pillow refuses it before decoding.
        self.refused([upload("bomb.png", png_declaring(100_000, 100_000), "image/png")], "像素太多")

    def test_a_png_over_the_pixel_limit_is_refused_from_its_header(self):
        self.refused([upload("big.png", png_declaring(8000, 8000), "image/png")], "像素太多")

    def test_a_zero_byte_file(self):
        self.refused([upload("empty.jpg", b"")], "是空文件")

    def test_a_text_file_named_jpg(self):
        self.refused(
            [upload("notes.jpg", "这不是照片，只是一段文字。".encode() * 10)], "不是 JPG、PNG 或 WebP 照片"
        )

    def test_a_psd_named_jpg(self):
        self.refused([upload("design.jpg", psd_header())], "不是 JPG、PNG 或 WebP 照片")

    def test_an_svg(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        self.refused([upload("logo.svg", svg, "image/svg+xml")], "含有网页代码")

    def test_an_svg_named_jpg_without_script(self):
        svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
        self.refused([upload("logo.jpg", svg)], "含有网页代码")

    def test_an_html_jpeg_polyglot(self):
        polyglot = jpeg_with_comment(b"<html><body><script>alert(document.cookie)</script></body></html>")
        Image.open(io.BytesIO(polyglot)).load()  # a valid JPEG as far as Pillow is concerned
        self.refused([upload("photo.jpg", polyglot)], "含有网页代码")

    def test_html_that_starts_the_file(self):
        self.refused([upload("photo.jpg", b"<!DOCTYPE html><p>hi</p>" + photo_bytes())], "含有网页代码")

    def test_a_many_frame_gif(self):
        self.refused([upload("anim.gif", animated("GIF"), "image/gif")], "不是 JPG、PNG 或 WebP 照片")

    def test_an_animated_png(self):
        self.refused([upload("anim.png", animated("PNG"), "image/png")], "动图或多帧图片")

    def test_an_animated_webp(self):
        self.refused([upload("anim.webp", animated("WEBP"), "image/webp")], "动图或多帧图片")

    def test_a_truncated_jpeg(self):
        self.refused([upload("cut.jpg", photo_bytes(size=(400, 300))[:300])], "已损坏或不是照片")

    def test_one_bad_photo_refuses_the_whole_post(self):
        self.refused([upload("good.jpg"), upload("bad.jpg", b"")], "是空文件")

    @override_settings(NOMINATION_MAX_PHOTO_BYTES=1000)
    def test_the_size_limit_comes_from_settings(self):
        self.refused([upload("p.jpg", photo_bytes(size=(300, 300)) + b"\0" * 1000)], "每张照片不能超过")

    def test_an_oversized_request_is_refused_whole(self):
        limit = settings.NOMINATION_MAX_PHOTOS * settings.NOMINATION_MAX_PHOTO_BYTES
        response = self.client.post("/nominate/", form_data(self.world), CONTENT_LENGTH=str(limit * 2))
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "上传的内容太大", status_code=413)
        self.assertEqual(Nomination.objects.count(), 0)


class StoredPhotoTests(NominationTestCase):
    def test_photos_are_re_encoded_without_gps_into_private_storage(self):
        files = [
            upload("scene.jpg", photo_bytes("JPEG", gps=True)),
            upload("scene.png", photo_bytes("PNG", gps=True), "image/png"),
            upload("scene.webp", photo_bytes("WEBP", gps=True), "image/webp"),
        ]
        for item in files:  # the fixtures really carry GPS
            self.assertTrue(Image.open(io.BytesIO(item.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo))
            item.seek(0)
        response = self.post(files=files)
        self.assertEqual(response.status_code, 303)
        photos = list(Nomination.objects.get().photos.all())
        self.assertEqual(len(photos), 3)
        private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
        for photo, fmt in zip(photos, ("JPEG", "PNG", "WEBP"), strict=True):
            path = Path(photo.file.path).resolve()
            self.assertTrue(path.is_relative_to(private_root))
            self.assertFalse(path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()))
            self.assertNotIn("scene", path.name)  # the visitor's file name is not kept
            with Image.open(path) as image:
                self.assertEqual(image.format, fmt)
                exif = image.getexif()
                self.assertFalse(exif.get_ifd(ExifTags.IFD.GPSInfo))
                self.assertNotIn(ExifTags.Base.Make, exif)
                self.assertEqual(image.size, (64, 48))
            self.assertEqual((photo.width, photo.height), (64, 48))

    def test_a_png_named_jpg_is_stored_as_what_it_is(self):
        self.assertEqual(self.post(files=[upload("p.jpg", photo_bytes("PNG"))]).status_code, 303)
        self.assertTrue(NominationPhoto.objects.get().file.name.endswith(".png"))

    def test_private_photos_have_no_public_url(self):
        self.post(files=[upload()])
        photo = NominationPhoto.objects.get()
        with self.assertRaises(ValueError):
            photo.file.url  # noqa: B018
        # Nor do they answer under MEDIA_URL, by their name or their path.
        for path in (photo.file.name, Path(photo.file.name).name):
            self.assertEqual(self.client.get(settings.MEDIA_URL + path).status_code, 404)
        for prefix in ("/private/", "/nominations/"):
            self.assertEqual(self.client.get(prefix + photo.file.name).status_code, 404)

    def test_private_storage_is_refused_under_media_root(self):
        from nominations.checks import private_media_is_not_public

        self.assertEqual(private_media_is_not_public(None), [])
        with override_settings(PRIVATE_MEDIA_ROOT=Path(settings.MEDIA_ROOT) / "private"):
            self.assertEqual([e.id for e in private_media_is_not_public(None)], ["nominations.E001"])
