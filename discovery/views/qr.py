"""Short links (/q/<id>/), their QR codes (SVG, PNG) and printable placards (A4, A5)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page

from ..models import ScanCount
from ..qr import qr_png, qr_svg, short_url

PLACARD_SIZES = {"a4": "A4", "a5": "A5"}


def public_page(page_id):
    """The live page with this id, if anyone may see it (not private); else 404."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404("没有这个页面")
    return page


def printable_page(request, page_id):
    """A public page, or a page the signed-in editor may edit (to print placards before launch)."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None and request.user.is_authenticated:
        candidate = Page.objects.filter(pk=page_id, depth__gt=1).first()
        if candidate and candidate.permissions_for_user(request.user).can_edit():
            page = candidate
    if page is None:
        raise Http404("没有这个页面")
    return page.specific


@never_cache
@require_safe
def short_link(request, page_id):
    """Redirect to the page's current address, and count the scan (page and number only)."""
    page = public_page(page_id)
    url = page.get_url(request)
    if not url:
        raise Http404("这个页面没有公开地址")
    if request.method == "GET":
        ScanCount.record(page.pk)
    return redirect(url)


@cache_control(max_age=3600)
@require_safe
def qr_code(request, page_id, fmt):
    page = printable_page(request, page_id)
    url = short_url(request, page.pk)
    if fmt == "svg":
        response = HttpResponse(qr_svg(url, title=page.title), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(url), content_type="image/png")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="qr-{page.pk}.{fmt}"'
    return response


@require_safe
def placard(request, page_id):
    page = printable_page(request, page_id)
    size = request.GET.get("size", "a4").lower()
    if size not in PLACARD_SIZES:
        size = "a4"
    parent = page.get_parent()
    place = parent if parent and parent.depth > 2 else None
    return render(
        request,
        "discovery/placard.html",
        {
            "page": page,
            "place": place,
            "picture": placard_picture(page),
            "is_portrait": getattr(page, "card_image_shape", "") == "portrait",
            "intro": placard_intro(page),
            "size": size,
            "sizes": PLACARD_SIZES,
            "short_url": short_url(request, page.pk),
            "is_live": page.live,
        },
    )


def placard_picture(page):
    """The picture a card of the page shows (portrait, poster, cover), or its place's cover."""
    return getattr(page, "card_image", None) or getattr(page, "cover_image", None)


def placard_intro(page):
    """A short introduction for the sheet: the exhibit's intro, a place's description."""
    for field in ("intro", "description", "search_description"):
        text = (getattr(page, field, "") or "").strip()
        if text:
            return text
    return ""
