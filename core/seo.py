"""What a page model needs to describe itself to search engines and chat apps.

A page model that has something to say defines `structured_data(request)` returning schema.org
data (a dict, or None) and may set `og_type`; `discovery` renders both into every page's <head>.
Absolute URLs are built on the host the page is served from (Django checks it against
ALLOWED_HOSTS), like the RSS feed and the QR codes.
"""

from django.utils.html import strip_tags
from django.utils.text import Truncator

SHARE_RENDITION = "fill-1200x630|format-jpeg|jpegquality-80"


def share_image(page):
    """The picture a shared link shows: portrait, poster, cover or the home page's hero image."""
    for name in ("card_image", "hero_image", "cover_image"):
        image = getattr(page, name, None)
        if image is not None and hasattr(image, "get_rendition"):
            return image
    return None


def share_rendition(page):
    # Asked for by the Open Graph tags and the JSON-LD of the same page: found once.
    if not hasattr(page, "_share_rendition"):
        image = share_image(page)
        try:
            # `get_renditions`, not `get_rendition`, which writes the rendition back to the cache
            # on every call, even when it came from there.
            renditions = image.get_renditions(SHARE_RENDITION) if image is not None else {}
            page._share_rendition = renditions.get(SHARE_RENDITION)
        except Exception:  # a missing source file must not break the page
            page._share_rendition = None
    return page._share_rendition


def absolute(request, url):
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def description(page):
    text = getattr(page, "meta_description", "") or ""
    return Truncator(" ".join(strip_tags(str(text)).split())).chars(150)


def image_url(request, page):
    rendition = share_rendition(page)
    return absolute(request, rendition.url) if rendition is not None else None


def place_data(request, place):
    """A place of the tree as a schema.org Place (None above the district centre)."""
    if place is None or place.depth <= 2:
        return None
    return {"@type": "Place", "name": place.title, "url": absolute(request, place.get_url(request))}


def base_data(request, page, schema_type, **fields):
    """schema.org data for `page`: its name, URL and description, the given fields, empty ones
    dropped."""
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": page.title,
        "url": absolute(request, page.get_url(request)),
        "description": description(page),
        **fields,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
