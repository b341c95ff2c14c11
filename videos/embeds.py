"""Bilibili and Tencent Video links turned into their players, without any network request.

Wagtail's default finders ask the provider's oEmbed endpoint over the network; the site makes no
outgoing request at run time, and neither platform offers oEmbed anyway. The player address of
both can be built from the video id in the link, so this finder does only that.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.utils.html import format_html
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

BILIBILI_PLAYER = "https://player.bilibili.com/player.html"
TENCENT_PLAYER = "https://v.qq.com/txp/iframe/player.html"
# frame-src of a page that shows a player of this host (see VideoPage.serve).
PLAYER_ORIGINS = {
    "bilibili": "https://player.bilibili.com",
    "tencent": "https://v.qq.com",
}

BILIBILI_HOSTS = {"bilibili.com", "www.bilibili.com", "m.bilibili.com"}
TENCENT_HOSTS = {"v.qq.com", "m.v.qq.com"}
SHORT_LINK_HOSTS = {"b23.tv", "bili2233.cn", "url.cn"}

_BV_RE = re.compile(r"^/video/(BV[0-9A-Za-z]{10})/?$")
_AV_RE = re.compile(r"^/video/av(\d{1,12})/?$", re.IGNORECASE)
_VID = r"([0-9a-z]{11})"
_TENCENT_PATHS = [
    re.compile(rf"^/x/cover/[0-9a-z]+/{_VID}\.html$"),
    re.compile(rf"^/x/page/{_VID}\.html$"),
    re.compile(r"^/x/m/play/?$"),
]

SUPPORTED_HINT = (
    "目前支持：哔哩哔哩视频页（www.bilibili.com/video/BV… 或 av…）和腾讯视频播放页"
    "（v.qq.com/x/cover/…/视频编号.html 或 v.qq.com/x/page/视频编号.html）。"
)


class UnsupportedVideoLink(EmbedNotFoundException):
    """A link that cannot be turned into a player; `message` tells the editor why, in Chinese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PlatformVideo:
    platform: str  # "bilibili" or "tencent"
    provider_name: str
    video_id: str
    player_url: str

    @property
    def origin(self):
        return PLAYER_ORIGINS[self.platform]


def _host(parts):
    return (parts.hostname or "").lower().rstrip(".")


def parse(url):
    """The platform video a link points to, or UnsupportedVideoLink with a Chinese message."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        # "www.bilibili.com/video/…" pasted without its scheme.
        parts = urlsplit(f"https://{url}")
    if parts.scheme.lower() not in {"http", "https"}:
        raise UnsupportedVideoLink("请输入以 https:// 开头的视频网页链接。")
    host = _host(parts)
    query = parse_qs(parts.query)
    if host in SHORT_LINK_HOSTS:
        raise UnsupportedVideoLink(
            "这是短链接，需要联网才能知道它指向哪个视频，本站不会替您访问外部网站。"
            "请在浏览器中打开它，再复制地址栏中的完整链接（如 https://www.bilibili.com/video/BV…）。"
        )
    if host in BILIBILI_HOSTS:
        return _bilibili(parts, query)
    if host in TENCENT_HOSTS:
        return _tencent(parts, query)
    raise UnsupportedVideoLink(f"不支持这个网站的视频链接（{host or url}）。{SUPPORTED_HINT}")


def _bilibili(parts, query):
    params = {}
    if match := _BV_RE.match(parts.path):
        params["bvid"] = match.group(1)
        video_id = match.group(1)
    elif match := _AV_RE.match(parts.path):
        params["aid"] = match.group(1)
        video_id = f"av{match.group(1)}"
    else:
        raise UnsupportedVideoLink(
            "没有在链接中找到哔哩哔哩视频编号（BV 号或 av 号）。"
            "请打开视频播放页，复制形如 https://www.bilibili.com/video/BV1xx411c7mD 的链接。"
        )
    page = query.get("p", ["1"])[0]
    params["page"] = page if page.isdigit() and int(page) > 0 else "1"
    params["autoplay"] = "0"
    return PlatformVideo(
        platform="bilibili",
        provider_name="哔哩哔哩",
        video_id=video_id,
        player_url=f"{BILIBILI_PLAYER}?{urlencode(params)}",
    )


def _tencent(parts, query):
    vid = None
    for pattern in _TENCENT_PATHS:
        if match := pattern.match(parts.path):
            vid = match.group(1) if pattern.groups else None
            break
    if vid is None:
        # Mobile play pages and some shares carry the id as ?vid=…
        candidate = query.get("vid", [""])[0]
        vid = candidate if re.fullmatch(_VID, candidate) else None
    if vid is None:
        raise UnsupportedVideoLink(
            "没有在链接中找到腾讯视频的视频编号。请打开具体某一集的播放页，"
            "复制形如 https://v.qq.com/x/cover/剧集编号/视频编号.html 或 https://v.qq.com/x/page/视频编号.html 的链接。"
        )
    return PlatformVideo(
        platform="tencent",
        provider_name="腾讯视频",
        video_id=vid,
        player_url=f"{TENCENT_PLAYER}?{urlencode({'vid': vid})}",
    )


def player_html(video, title=""):
    return format_html(
        '<iframe src="{}" title="{}" width="640" height="360" loading="lazy" '
        'allow="fullscreen; picture-in-picture" allowfullscreen '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>',
        video.player_url,
        title or f"{video.provider_name}播放器",
    )


class ChinesePlatformFinder(EmbedFinder):
    """WAGTAILEMBEDS_FINDERS entry: accepts every link, and explains in Chinese what it can't embed."""

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        video = parse(url)
        return {
            "title": "",
            "author_name": "",
            "provider_name": video.provider_name,
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": str(player_html(video)),
        }


embed_finder_class = ChinesePlatformFinder


def frame_origins(urls):
    """The player origins a page showing `urls` needs as frame-src (links that don't parse: none)."""
    origins = set()
    for url in urls:
        try:
            origins.add(parse(url).origin)
        except UnsupportedVideoLink:
            continue
    return sorted(origins)
