from django import template
from django.conf import settings
from django.urls import reverse
from wagtail.models import Page

from core.fragments import kept
from core.seo import absolute

from .. import seo

register = template.Library()


@register.inclusion_tag("discovery/includes/head.html", takes_context=True)
def discovery_head(context):
    """Feed link, canonical URL, Open Graph tags and JSON-LD for the page being shown."""
    request = context.get("request")
    page = context.get("page")
    result = {"site_name": settings.WAGTAIL_SITE_NAME, "feed_url": reverse("discovery:feed")}
    if request is None or not isinstance(page, Page) or not getattr(request, "resolver_match", True):
        return result
    # Built from the page and its place, honours and pictures: kept for the content generation.
    return kept(
        request,
        "discovery-head",
        [page.pk],
        lambda: {
            **result,
            "canonical": absolute(request, page.get_url(request)),
            "open_graph": seo.open_graph(request, page),
            "json_ld": seo.json_ld(seo.structured_data(request, page)),
        },
    )


@register.inclusion_tag("discovery/includes/elder_toggle.html", takes_context=True)
def elder_toggle(context):
    """A plain link that turns elder mode on or off and comes back to this page."""
    request = context.get("request")
    if request is None:
        return {}
    on = getattr(request, "elder_mode", False)
    url = reverse("discovery:elder_mode", args=["off" if on else "on"])
    return {"elder_mode": on, "toggle_url": url, "next": request.get_full_path()}
