"""Open Graph tags and schema.org JSON-LD in every public page's <head>.

The data comes from the page itself (`structured_data(request)` and `og_type`, helpers in
`core.seo`); this module only renders it.
"""

import json

from django.utils.safestring import mark_safe

from core.seo import absolute, description, share_rendition

# The characters that could close a <script> element or open a comment, as in json_script.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def open_graph(request, page):
    """[(property, content)] for the page's Open Graph and Twitter card tags."""
    kind = getattr(page, "og_type", None) or ("article" if page.depth > 2 else "website")
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


def structured_data(request, page):
    """The page's schema.org data, if its model describes itself (see `core.seo`)."""
    describe = getattr(page, "structured_data", None)
    return describe(request) if callable(describe) else None


def json_ld(data):
    """A JSON-LD <script> element: data, not code, so the Content Security Policy allows it."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
