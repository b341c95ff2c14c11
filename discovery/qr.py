"""Short links and QR codes: /q/<page id>/ outlives renames and moves, so printed codes keep working."""

import io

import segno
from django.urls import reverse


def short_path(page_id):
    return reverse("discovery:short_link", args=[page_id])


def short_url(request, page_id):
    """The absolute short URL, on the host the site is being served from."""
    return request.build_absolute_uri(short_path(page_id))


def make_qr(url):
    # Level M survives a scuffed or partly dirty placard; the URL is short, so the code stays small.
    return segno.make(url, error="m", micro=False)


def qr_svg(url, title=""):
    buffer = io.BytesIO()
    make_qr(url).save(
        buffer, kind="svg", scale=8, border=4, xmldecl=False, title=title or None, dark="#000", light="#fff"
    )
    return buffer.getvalue()


def qr_png(url, scale=12):
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="png", scale=scale, border=4, dark="#000", light="#fff")
    return buffer.getvalue()
