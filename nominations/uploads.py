"""Checks of photos a visitor uploads, from their bytes; then re-encoding without EXIF.

Every file is hostile until proven a still JPEG, PNG or WebP picture of sane size:

- the size in bytes (0 bytes and over NOMINATION_MAX_PHOTO_BYTES refused);
- markup anywhere near the start (HTML, SVG, script: a polyglot that a browser might sniff);
- the signature bytes must be JPEG, PNG or WebP; the name's extension is not trusted either way,
  since the photo is re-encoded and stored under the extension of what it really is;
- the pixel count is read from the header and refused above NOMINATION_MAX_PHOTO_PIXELS *before*
  anything is decoded (Pillow's own DecompressionBombError is caught as well);
- animated or many-frame pictures (APNG, animated WebP) are refused; a camera's MPO (a JPEG with
  a second, preview frame) is accepted and keeps its first frame;
- the picture must decode completely; it is then re-encoded by core.photos.strip_metadata, so
  what is stored carries no EXIF, GPS, comments or trailing bytes.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

from core.photos import strip_metadata

SNIFF_BYTES = 64 * 1024
MARKUP = (b"<script", b"<html", b"<svg", b"<!doctype", b"<body", b"<iframe", b"<?xml", b"<object")
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def signature_format(head):
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def refuse(message, code):
    raise ValidationError(message, code=code)


def read_head(uploaded):
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    return head


def check_photo(uploaded):
    """Raise ValidationError (Chinese, naming the file) unless `uploaded` is an acceptable photo."""
    name = uploaded.name or "照片"
    size = uploaded.size or 0
    if size == 0:
        refuse(f"“{name}”是空文件，请重新选择照片。", "empty")
    limit = settings.NOMINATION_MAX_PHOTO_BYTES
    if size > limit:
        refuse(
            f"“{name}”太大（{filesizeformat(size)}），每张照片不能超过 {filesizeformat(limit)}。", "too_big"
        )

    head = read_head(uploaded)
    lowered = head.lower()
    if any(marker in lowered for marker in MARKUP):
        refuse(f"“{name}”不是有效的照片（含有网页代码），请选择 JPG、PNG 或 WebP 照片。", "markup")
    if signature_format(head) is None:
        refuse(f"“{name}”不是 JPG、PNG 或 WebP 照片，请重新选择。", "not_an_image")

    max_pixels = settings.NOMINATION_MAX_PHOTO_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:  # reads the header only
                width, height = image.size
                if width * height > max_pixels:
                    refuse(
                        f"“{name}”的像素太多（{width}×{height}），请选择不超过 "
                        f"{max_pixels // 1_000_000} 百万像素的照片。",
                        "too_many_pixels",
                    )
                if image.format not in FORMATS:
                    refuse(f"“{name}”不是 JPG、PNG 或 WebP 照片，请重新选择。", "not_an_image")
                if image.format != "MPO" and getattr(image, "n_frames", 1) > 1:
                    refuse(f"“{name}”是动图或多帧图片，请选择一张静态照片。", "animated")
                image.load()  # decodes fully: truncated or corrupt data fails here
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        refuse(
            f"“{name}”的像素太多，请选择不超过 {max_pixels // 1_000_000} 百万像素的照片。", "too_many_pixels"
        )
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError):
        refuse(f"“{name}”已损坏或不是照片，请重新选择。", "corrupt")
    finally:
        uploaded.seek(0)
    return width, height


def clean_photo(uploaded):
    """Check `uploaded` and return (re-encoded upload without metadata, width, height)."""
    check_photo(uploaded)
    try:
        cleaned = strip_metadata(uploaded)
        with Image.open(io.BytesIO(cleaned.read())) as image:
            width, height = image.size
        cleaned.seek(0)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(f"“{uploaded.name}”无法处理，请换一张照片。", code="corrupt") from exc
    return cleaned, width, height
