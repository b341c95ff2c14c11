"""Reading an audio or video file with PyAV (FFmpeg's libraries, shipped inside the `av` wheel).

`probe()` decodes real frames, so a file that only looks right from its header is still refused,
and reads what the editor should not have to type: duration, width, height. For a video it also
takes a poster frame from the middle of the film.
"""

import io
import logging
from dataclasses import dataclass

import av
from django.core.exceptions import ValidationError
from PIL import Image

logger = logging.getLogger(__name__)

# FFmpeg's demuxer names for the containers `sniff` lets through.
FORMAT_NAMES = {
    "mp4": {"mov", "mp4", "m4a"},
    "webm": {"matroska", "webm"},
    "mp3": {"mp3"},
}
MAX_PACKETS = 500  # packets read while looking for a first decodable frame
MAX_SEEK_FRAMES = 1500  # frames decoded after seeking, on the way to the middle
POSTER_MAX_SIZE = (1920, 1080)

UNDECODABLE = (
    "无法解码这个文件：它可能已损坏、不完整，或使用了网页不支持的编码。"
    "请用常见的剪辑或转换软件导出为 MP4（H.264）后重新上传。"
)


@dataclass
class ProbeResult:
    container: str
    has_video: bool
    has_audio: bool
    duration: float
    width: int | None = None
    height: int | None = None
    video_codec: str | None = None
    poster_jpeg: bytes | None = None


def _undecodable(reason=""):
    if reason:
        logger.info("media upload refused as undecodable: %s", reason)
    return ValidationError(UNDECODABLE, code="undecodable")


def _open(source):
    """An av container for a path, an uploaded file or a stored file."""
    if isinstance(source, str):
        return av.open(source, metadata_errors="ignore")
    path = getattr(source, "temporary_file_path", None)
    if path:
        return av.open(path(), metadata_errors="ignore")
    source.seek(0)
    return av.open(source, metadata_errors="ignore")


def _first_frame(container, stream):
    for count, packet in enumerate(container.demux(stream), start=1):
        for frame in packet.decode():
            return frame
        if count >= MAX_PACKETS:
            break
    return None


def _duration(container, stream):
    if container.duration:
        return container.duration / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return 0.0


def _middle_frame(container, stream, duration, fallback):
    """The frame at half the duration (or `fallback`, the first frame, if seeking fails)."""
    target = duration / 2
    if target <= 0 or not stream.time_base:
        return fallback
    try:
        container.seek(int(target / stream.time_base), stream=stream, backward=True)
        chosen = None
        for count, frame in enumerate(container.decode(stream)):
            chosen = frame
            if frame.time is None or frame.time >= target or count >= MAX_SEEK_FRAMES:
                break
        return chosen or fallback
    except (av.FFmpegError, ValueError) as exc:
        logger.info("seeking to the middle failed, using the first frame: %s", exc)
        return fallback


def frame_to_jpeg(frame):
    """JPEG bytes of a decoded video frame; Pillow writes no EXIF unless asked to."""
    picture = frame.to_image().convert("RGB")
    picture.thumbnail(POSTER_MAX_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def probe(source, container_name, *, want_poster=True):
    """Decode `source` (path or file) and describe it; ValidationError (Chinese) if it can't be."""
    try:
        container = _open(source)
    except (av.FFmpegError, ValueError, OSError) as exc:
        raise _undecodable(str(exc)) from exc
    try:
        format_names = set(container.format.name.split(","))
        if not format_names & FORMAT_NAMES[container_name]:
            raise _undecodable(f"sniffed {container_name}, FFmpeg says {container.format.name}")
        attached = av.stream.Disposition.attached_pic
        video = next((s for s in container.streams.video if not s.disposition & attached), None)
        audio = next(iter(container.streams.audio), None)
        stream = video or audio
        if stream is None:
            raise _undecodable("no audio or video stream")
        first = _first_frame(container, stream)
        if first is None:
            raise _undecodable("no frame could be decoded")
        result = ProbeResult(
            container=container_name,
            has_video=video is not None,
            has_audio=audio is not None,
            duration=round(max(_duration(container, stream), 0.0), 3),
        )
        if video is not None:
            result.width, result.height = first.width, first.height
            result.video_codec = video.codec_context.name
            if want_poster:
                result.poster_jpeg = frame_to_jpeg(_middle_frame(container, video, result.duration, first))
        return result
    except ValidationError:
        raise
    except Exception as exc:  # FFmpeg can fail in many ways on a broken file; none may be a 500
        raise _undecodable(repr(exc)) from exc
    finally:
        container.close()
        if hasattr(source, "seek"):
            source.seek(0)
