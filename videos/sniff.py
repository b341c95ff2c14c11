"""What kind of file an upload really is, from its first bytes, whatever its name says."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

HEADER_SIZE = 4096

# ISO base media (MP4) major brands of audio-only files.
AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
QUICKTIME_BRANDS = {b"qt  "}


@dataclass(frozen=True)
class Container:
    name: str  # "mp4", "webm" or "mp3"
    audio_only: bool = False  # known from the header alone (an M4A brand, an MP3)


def _mp3_frame_header(head):
    """An MPEG audio Layer III frame header at the start (MP3 without an ID3 tag)."""
    if len(head) < 4 or head[0] != 0xFF or (head[1] & 0xE0) != 0xE0:
        return False
    version = (head[1] >> 3) & 0b11
    layer = (head[1] >> 1) & 0b11
    bitrate = head[2] >> 4
    sample_rate = (head[2] >> 2) & 0b11
    return version != 0b01 and layer == 0b01 and bitrate not in (0, 0b1111) and sample_rate != 0b11


def sniff(head):
    """The container of a file starting with `head` (bytes), or ValidationError in Chinese."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in QUICKTIME_BRANDS:
            raise ValidationError(
                "这是 QuickTime（MOV）文件，网页无法在所有手机上播放。请先转换为 MP4（H.264）后再上传。",
                code="quicktime",
            )
        return Container("mp4", audio_only=brand in AUDIO_BRANDS)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # EBML: WebM or Matroska; the DocType element says which.
        if b"webm" in head[:64]:
            return Container("webm")
        raise ValidationError(
            "这是 MKV（Matroska）文件，网页无法直接播放。请先转换为 MP4（H.264）或 WebM 后再上传。",
            code="matroska",
        )
    if head.startswith(b"ID3") or _mp3_frame_header(head):
        return Container("mp3", audio_only=True)
    raise ValidationError(
        "无法识别的文件：只能上传 MP4、WebM 视频或 MP3、M4A 音频。"
        "请确认文件本身是音视频，而不只是改了扩展名。",
        code="not_media",
    )
