"""Short demo clips for the seed's films, drawn with Pillow and encoded with PyAV on the spot.

Nothing is downloaded: each clip is a few seconds of abstract frames (a path of footprints walking
towards a rising sun, in the film's own colours), H.264 in MP4 so every browser plays it, with
Chinese WebVTT captions and a transcript. The same title always gives the same clip.
"""

import hashlib
import math
import os
import tempfile

import av
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from videos.ingest import apply_probe, inspect_upload, poster_image
from videos.models import CaptionLanguage, VideoCaption, VideoMedia

SIZE = (320, 180)
FPS = 12
SECONDS = 5

PALETTES = [
    ((139, 29, 24), (242, 193, 78), (253, 240, 238)),
    ((30, 95, 140), (242, 193, 78), (238, 245, 251)),
    ((47, 107, 58), (246, 215, 122), (239, 247, 239)),
    ((122, 62, 157), (242, 193, 78), (246, 238, 251)),
    ((163, 74, 0), (255, 213, 79), (255, 243, 230)),
]


SERIES_TITLE = "党史学习教育专题片"
SERIES_DESCRIPTION = "丰泽区“唱支红歌给党听”活动中拍摄的3部专题片（演示数据按分集排列）。"

# slug → (caption lines, transcript). The clips are demo animations; the words say so.
FILM_TEXT = {
    "zouguo-de-lu": (
        ["《走过的路》", "回望丰泽一路走来的足迹", "（演示片段，画面为示意动画）"],
        "（演示文字稿）《走过的路》是丰泽区拍摄的党史学习教育专题片。\n"
        "丰泽区举办“唱支红歌给党听”活动，拍摄《走过的路》《百年脚印》《百年薪火》等3部专题片，"
        "并在抖音、视频号等平台上展播。\n本片段为演示数据，画面为示意动画。",
    ),
    "bainian-jiaoyin": (
        ["《百年脚印》", "一步一个脚印，百年初心不改", "（演示片段，画面为示意动画）"],
        "（演示文字稿）《百年脚印》是丰泽区拍摄的党史学习教育专题片。\n"
        "影片以脚印为线索，串起百年党史中的一个个瞬间。\n本片段为演示数据，画面为示意动画。",
    ),
    "bainian-xinhuo": (
        ["《百年薪火》", "薪火相传，文明实践代代接续", "（演示片段，画面为示意动画）"],
        "（演示文字稿）《百年薪火》是丰泽区拍摄的党史学习教育专题片。\n"
        "影片讲述新时代文明实践志愿者接过前辈的火炬，在社区里传递温暖。\n本片段为演示数据，画面为示意动画。",
    ),
    "wo-xiang-dui-dang-shuo": (
        ["我想对党说", "说出心里话，祝福伟大的党", "（演示片段，画面为示意动画）"],
        "（演示文字稿）“我想对党说”主题微视频，曾在抖音、视频号等平台展播。\n"
        "社区居民、志愿者和青少年对着镜头说出心里话。\n本片段为演示数据，画面为示意动画。",
    ),
    "bainian-xin-xiang-dang": (
        ["百年心向党", "启航新征程", "（演示片段，画面为示意动画）"],
        "（演示文字稿）“百年心向党 启航新征程”主题微视频，曾在抖音、视频号等平台展播。\n"
        "本片段为演示数据，画面为示意动画。",
    ),
}
DEFAULT_TEXT = (
    ["丰泽区新时代文明实践中心", "身边故事 共同铭记", "（演示片段，画面为示意动画）"],
    "（演示文字稿）本片段为演示数据，画面为示意动画。",
)


def film_text(slug):
    return FILM_TEXT.get(slug, DEFAULT_TEXT)


def _seed(title):
    return int(hashlib.sha256(title.encode("utf-8")).hexdigest()[:8], 16)


def _frame(title, index, total):
    dark, accent, light = PALETTES[_seed(title) % len(PALETTES)]
    width, height = SIZE
    t = index / max(total - 1, 1)
    image = Image.new("RGB", SIZE, light)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / height
        colour = tuple(int(d * mix * 0.35 + lc * (1 - mix * 0.35)) for d, lc in zip(dark, light, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    # The sun rises as the film goes on.
    sun_y = int(height * (0.75 - 0.45 * t))
    draw.ellipse([width * 0.62, sun_y - 22, width * 0.62 + 44, sun_y + 22], fill=accent)
    horizon = int(height * 0.72)
    draw.rectangle([0, horizon, width, height], fill=dark)
    # Footprints appear one by one along a winding path.
    steps = 12
    shown = int(t * steps) + 1
    for step in range(shown):
        x = 18 + step * (width - 60) / steps
        y = horizon + 14 + 10 * math.sin(step * 0.9 + _seed(title) % 7)
        offset = 6 if step % 2 else -6
        draw.ellipse([x, y + offset, x + 12, y + offset + 7], fill=light)
    # A progress line, so seeking visibly changes the picture.
    draw.rectangle([0, height - 4, int(width * t), height], fill=accent)
    return image


def clip(title, seconds=SECONDS, fps=FPS):
    """(MP4 bytes, "mp4") of a `seconds`-long clip for `title`; WebM/VP9 if H.264 is unavailable."""
    codec, container_format, extension = "libx264", "mp4", "mp4"
    if codec not in av.codecs_available:
        codec, container_format, extension = "libvpx-vp9", "webm", "webm"
    total = seconds * fps
    handle, path = tempfile.mkstemp(suffix=f".{extension}")
    os.close(handle)
    try:
        options = {"movflags": "+faststart"} if container_format == "mp4" else {}
        with av.open(path, "w", format=container_format, options=options) as output:
            stream = output.add_stream(codec, rate=fps)
            stream.width, stream.height = SIZE
            stream.pix_fmt = "yuv420p"
            # A keyframe every second, so the player can seek anywhere quickly.
            stream.options = {"crf": "30", "g": str(fps)}
            if codec == "libx264":
                stream.options |= {"preset": "veryfast", "profile": "main"}
            for index in range(total):
                frame = av.VideoFrame.from_image(_frame(title, index, total))
                for packet in stream.encode(frame):
                    output.mux(packet)
            for packet in stream.encode():
                output.mux(packet)
        with open(path, "rb") as result:
            return result.read(), extension
    finally:
        os.unlink(path)


def captions(title, lines):
    """Chinese WebVTT captions: `lines` shown one after another over the clip."""
    step = SECONDS / len(lines)
    cues = []
    for number, line in enumerate(lines):
        start, end = number * step, (number + 1) * step
        cues.append(f"{number + 1}\n{_timestamp(start)} --> {_timestamp(end)}\n{line}")
    return "WEBVTT - " + title + "\n\n" + "\n\n".join(cues) + "\n"


def _timestamp(seconds):
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def demo_media(slug, title, collection, series=None, episode=None):
    """(media file with clip, poster frame, captions and transcript, created?) for a demo film.

    The clip goes through the same checks and probe as an editor's upload (`videos.ingest`).
    """
    media_title = f"{title}（演示片段）"
    existing = VideoMedia.objects.filter(title=media_title).first()
    if existing:
        return existing, False
    lines, transcript = film_text(slug)
    data, extension = clip(title)
    upload = ContentFile(data, name=f"{slug}.{extension}")
    inspected = inspect_upload(upload, "video")
    media = VideoMedia(
        title=media_title,
        type=inspected.media_type,
        collection=collection,
        transcript=transcript,
        series=series,
        episode=episode,
    )
    apply_probe(media, inspected.probe)
    media.file = ContentFile(data, name=inspected.filename)
    media.poster = poster_image(media, inspected.probe.poster_jpeg)
    media.save()
    VideoCaption.objects.create(
        media=media,
        language=CaptionLanguage.ZH_HANS,
        label="中文",
        file=ContentFile(captions(title, lines).encode("utf-8"), name=f"{slug}.zh-Hans.vtt"),
    )
    return media, True
