"""The public search page at /search/: Chinese words, grouped by kind, filtered like the listings."""

from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Site

from core.kinds import listing_entrances, listing_pages_by_model
from core.search.segmenting import MAX_QUERY_LENGTH
from exhibits.models import ProfilePage, honour_totals
from home.models import StreetPage

from ..search.limits import SearchTimeout
from ..search.results import SearchResults


def suggestions(request):
    """Where to go when a search finds nothing: the listings, the streets, the honour roll."""
    site = Site.find_for_request(request)
    profile_index = listing_pages_by_model(site).get(ProfilePage)
    return {
        "entrances": listing_entrances(site.root_page) if site else [],
        "streets": StreetPage.objects.live().public().order_by("path"),
        "honour_totals": [title for title in honour_totals() if title.people] if profile_index else [],
        "profile_index": profile_index,
    }


@require_safe
def search(request):
    results = SearchResults(request.GET)
    context = {
        "search_query": results.query,
        "query_truncated": results.truncated,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if results.query:
        try:
            context.update(results.run().context())
        except SearchTimeout:
            context["timed_out"] = True
    if not results.query or context.get("timed_out") or not context.get("count"):
        context.update(suggestions(request))
    return render(request, "discovery/search.html", context)
