"""What a page tells search engines and chat apps: Open Graph tags and schema.org JSON-LD.

Absolute URLs are built on the host the page is served from (Django checks it against
ALLOWED_HOSTS), like the RSS feed and the QR codes.
"""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

SHARE_RENDITION = "fill-1200x630|format-jpeg|jpegquality-80"
# The characters that could close a <script> element or open a comment, as in json_script.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def share_image(page):
    """The picture a shared link shows: portrait, poster, cover or the home page's hero image."""
    for name in ("card_image", "hero_image", "cover_image"):
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    return None


def share_rendition(page):
    image = share_image(page)
    if image is None:
        return None
    try:
        return image.get_rendition(SHARE_RENDITION)
    except Exception:  # a missing source file must not break the page
        return None


def absolute(request, url):
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def description(page):
    text = getattr(page, "meta_description", "") or ""
    return Truncator(" ".join(strip_tags(str(text)).split())).chars(150)


def open_graph(request, page):
    """[(property, content)] for the page's Open Graph and Twitter card tags."""
    from exhibits.models import ProfilePage, VideoPage

    kind = "website"
    if isinstance(page, ProfilePage):
        kind = "profile"
    elif isinstance(page, VideoPage):
        kind = "video.other"
    elif page.depth > 2:
        kind = "article"
    tags = [
        ("og:type", kind),
        ("og:title", getattr(page, "meta_title", page.title)),
        ("og:url", absolute(request, page.get_url(request))),
        ("og:locale", "zh_CN"),
    ]
    if text := description(page):
        tags.append(("og:description", text))
    rendition = share_rendition(page)
    if rendition is not None:
        tags += [
            ("og:image", absolute(request, rendition.url)),
            ("og:image:width", str(rendition.width)),
            ("og:image:height", str(rendition.height)),
            ("og:image:alt", rendition.alt or page.title),
        ]
    return tags


def json_ld(data):
    """A JSON-LD <script> element: data, not code, so the Content Security Policy allows it."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


def _image(request, page):
    rendition = share_rendition(page)
    return absolute(request, rendition.url) if rendition is not None else None


def _place(request, place):
    if place is None or place.depth <= 2:
        return None
    return {"@type": "Place", "name": place.title, "url": absolute(request, place.get_url(request))}


def _clean(data):
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def structured_data(request, page):
    """schema.org data for a page: Person, VideoObject, Place, or the WebSite on the home page."""
    from exhibits.models import FamilyMottoHallPage, GoodPeopleWallPage, ProfilePage, VideoPage
    from home.models import HomePage, PlacePage

    url = absolute(request, page.get_url(request))
    base = {
        "@context": "https://schema.org",
        "name": page.title,
        "url": url,
        "description": description(page),
    }
    if isinstance(page, ProfilePage):
        awards = [
            f"{honour.year}年 {honour.title.name}（{honour.get_category_display()}）"
            for honour in page.sorted_honours()
        ]
        return _clean(
            {
                **base,
                "@type": "Person",
                "description": Truncator(page.summary).chars(200),
                "jobTitle": page.occupation,
                "image": _image(request, page),
                "award": awards,
                "homeLocation": _place(request, page.place),
            }
        )
    if isinstance(page, VideoPage):
        media = getattr(page, "video", None) if getattr(page, "video_id", None) else None
        duration = getattr(media, "duration", None)
        return _clean(
            {
                **base,
                "@type": "VideoObject",
                "thumbnailUrl": _image(request, page),
                "uploadDate": page.first_published_at.isoformat() if page.first_published_at else None,
                "contentUrl": absolute(request, getattr(media, "url", "")) if media else None,
                "duration": f"PT{round(duration)}S" if duration else None,
                "producer": {"@type": "Organization", "name": page.producer} if page.producer else None,
                "contentLocation": _place(request, page.place),
            }
        )
    if isinstance(page, GoodPeopleWallPage | FamilyMottoHallPage):
        return _clean(
            {
                **base,
                "@type": "Place",
                "address": page.location,
                "image": _image(request, page),
                "containedInPlace": _place(request, page.place),
            }
        )
    if isinstance(page, PlacePage):
        return _clean(
            {
                **base,
                "@type": "CivicStructure",
                "address": page.address,
                "image": _image(request, page),
                "containedInPlace": _place(request, page.get_parent()),
            }
        )
    if isinstance(page, HomePage):
        search = absolute(request, "/search/") + "?q={search_term_string}"
        return _clean(
            {
                **base,
                "@type": "WebSite",
                "inLanguage": "zh-Hans",
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": search,
                    "query-input": "required name=search_term_string",
                },
            }
        )
    return None
