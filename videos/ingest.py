"""Checking an uploaded audio or video file and filling in what is read from it.

Shared by the admin form (`videos.forms`) and the demo loader, so a demo clip goes through exactly
the checks an editor's upload does.
"""

import io
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from wagtail.images import get_image_model

from .probe import ProbeResult, probe
from .sniff import HEADER_SIZE, sniff

DEFAULT_MAX_UPLOAD_SIZE = 1024 * 1024 * 1024

# (container, has video) → the extension the stored file gets, so its Content-Type is right.
EXTENSIONS = {
    ("mp4", True): "mp4",
    ("webm", True): "webm",
    ("mp4", False): "m4a",
    ("mp3", False): "mp3",
}


@dataclass
class Inspected:
    media_type: str  # "video" or "audio": what the file really is
    filename: str  # the name to store it under, with the extension its content calls for
    probe: ProbeResult


def max_upload_size():
    return getattr(settings, "VIDEOS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def check_size(uploaded):
    limit = max_upload_size()
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            "文件过大（%(size)s），不能超过 %(limit)s。请压缩或剪短后再上传。",
            code="file_too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )


def inspect_upload(uploaded, media_type, *, want_poster=True):
    """Size, real container (from the bytes) and a full decode; ValidationError in Chinese.

    `media_type` is what the editor chose to add: "video", "audio", or anything else for either.
    """
    check_size(uploaded)
    uploaded.seek(0)
    head = uploaded.read(HEADER_SIZE)
    uploaded.seek(0)
    if not head:
        raise ValidationError("文件是空的，请重新选择文件。", code="empty")
    container = sniff(head)
    if media_type == "video" and container.audio_only:
        raise _audio_not_video()
    result = probe(uploaded, container.name, want_poster=want_poster)
    if media_type == "video" and not result.has_video:
        raise _audio_not_video()
    if media_type == "audio" and result.has_video:
        raise ValidationError("这是视频文件（有画面），请在“添加视频”中上传。", code="video_not_audio")
    extension = EXTENSIONS.get((container.name, result.has_video))
    if extension is None:
        raise ValidationError("音频请上传 MP3 或 M4A 文件。", code="audio_format")
    stem = os.path.splitext(os.path.basename(uploaded.name or ""))[0] or "media"
    return Inspected(
        media_type="video" if result.has_video else "audio",
        filename=f"{stem}.{extension}",
        probe=result,
    )


def _audio_not_video():
    return ValidationError(
        "这是音频文件（没有画面），请在“添加音频”中上传，或选择含有画面的视频文件。",
        code="audio_not_video",
    )


def apply_probe(media, probed):
    media.duration = probed.duration
    media.width = probed.width
    media.height = probed.height


def poster_image(media, jpeg):
    """A new site image holding a frame of `media` (no EXIF: Pillow wrote it from pixels)."""
    Image = get_image_model()
    image = Image(
        title=f"{media.title}（视频封面帧）",
        description=f"视频“{media.title}”中的画面",
        collection_id=media.collection_id,
        uploaded_by_user=media.uploaded_by_user,
    )
    name = slugify(media.title, allow_unicode=False) or "video"
    image.file = ImageFile(io.BytesIO(jpeg), name=f"{name}-poster.jpg")
    image._set_image_file_metadata()
    image.save()
    return image
