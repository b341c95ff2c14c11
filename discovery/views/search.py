"""The public search page at /search/: Chinese words, grouped by kind, filtered like the listings."""

from collections import Counter
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from exhibits.cards import prepare_cards
from exhibits.facets import FacetedListing
from exhibits.models import INDEX_PAGE_MODELS, ExhibitIndexPage
from exhibits.models.listings import place_facets

from ..search.limits import SearchTimeout
from ..search.results import all_kinds, highlight, kind_by_slug, kind_for_content_type, ranked_ids, snippet
from ..search.segmenting import MAX_QUERY_LENGTH, clean_query, query_words

PER_PAGE = 12
# How many results each kind shows on the first page before linking to all of them.
GROUP_SIZE = 4


class SearchListing(FacetedListing):
    """The listings' filters, with the search words (and kind) kept in every filter link."""

    def __init__(self, pages, facets, query, fixed):
        super().__init__(pages, facets, query)
        self.fixed = fixed

    def url_with(self, **changes):
        query = {**self.query, **changes}
        query = {key: value for key, value in query.items() if value is not None}
        return "?" + urlencode({**self.fixed, **query})


def kind_facets(kind):
    """The filters of the listing that shows this kind (place filters for places)."""
    listing_class = next((cls for cls in INDEX_PAGE_MODELS if cls.exhibit_model in kind.models), None)
    return listing_class().facets() if listing_class else place_facets()


def suggestions(request):
    """Where to go when a search finds nothing: the listings, the streets, the honour roll."""
    from exhibits.honour_roll import honour_totals
    from home.models import StreetPage

    site = Site.find_for_request(request)
    home = site.root_page if site else None
    entrances = ExhibitIndexPage.entrances(home) if home else []
    profile_index = next((e["page"] for e in entrances if e["listing"].entrance_icon == "profile"), None)
    return {
        "entrances": entrances,
        "streets": StreetPage.objects.live().public().order_by("path"),
        "honour_totals": [title for title in honour_totals() if title.people] if profile_index else [],
        "profile_index": profile_index,
    }


def load_hits(ids):
    """The specific pages for `ids`, in that order, ready to show as cards (fixed query count)."""
    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    hits = [pages[pk] for pk in ids if pk in pages]
    prepare_cards(hits)
    return hits


def decorate(hits, words):
    for hit in hits:
        hit.search_title = highlight(hit.title, words)
        hit.search_snippet = snippet(hit, words)
        hit.search_kind = kind_for_content_type(hit.content_type_id)
    return hits


def page_number(request, paginator):
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


@require_safe
def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    context = {
        "search_query": query,
        "query_truncated": len(" ".join(raw_query.split())) > MAX_QUERY_LENGTH,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if not query:
        context.update(suggestions(request))
        return render(request, "discovery/search.html", context)

    try:
        ids = ranked_ids(query)
    except SearchTimeout:
        context["timed_out"] = True
        context.update(suggestions(request))
        return render(request, "discovery/search.html", context)

    words = query_words(query)
    matched = Page.objects.filter(pk__in=ids)
    place_listing = SearchListing(matched, place_facets(), request.GET, fixed={"q": query})
    # {page id: content type} of every match the place filters leave, in one query.
    in_places = dict(place_listing.results.values_list("pk", "content_type"))
    per_kind = Counter(in_places.values())
    kind_options = []
    for kind in all_kinds():
        count = sum(per_kind.get(ct, 0) for ct in kind.content_type_ids)
        if count:
            url = "?" + urlencode({"q": query, "kind": kind.slug, **place_listing.query})
            kind_options.append({"kind": kind, "count": count, "url": url})
    total = sum(option["count"] for option in kind_options)

    kind = kind_by_slug(request.GET.get("kind", ""))
    invalid = ["类别"] if request.GET.get("kind") and kind is None else []
    if kind is not None:
        base = Page.objects.filter(pk__in=ids).type(*kind.models)
        if kind.slug != "place":
            base = kind.models[0].objects.filter(pk__in=ids)
        listing = SearchListing(base, kind_facets(kind), request.GET, fixed={"q": query, "kind": kind.slug})
        found = set(listing.results.values_list("pk", flat=True))
        ordered = [pk for pk in ids if pk in found]
        paginator = Paginator(ordered, PER_PAGE)
        page_obj = page_number(request, paginator)
        hits = decorate(load_hits(list(page_obj.object_list)), words)
        context.update(listing=listing, paginator=paginator, page_obj=page_obj, hits=hits, count=len(ordered))
    else:
        listing = place_listing
        found = in_places
        groups = []
        for group_kind in all_kinds():
            group_ids = [pk for pk in ids if found.get(pk) in group_kind.content_type_ids]
            if group_ids:
                groups.append({"kind": group_kind, "ids": group_ids, "first": ids.index(group_ids[0])})
        groups.sort(key=lambda group: group["first"])
        shown = [pk for group in groups for pk in group["ids"][:GROUP_SIZE]]
        hits = {hit.pk: hit for hit in decorate(load_hits(shown), words)}
        for group in groups:
            group["hits"] = [hits[pk] for pk in group["ids"][:GROUP_SIZE] if pk in hits]
            group["count"] = len(group["ids"])
            group["more_url"] = "?" + urlencode({"q": query, "kind": group["kind"].slug, **listing.query})
        context.update(listing=listing, groups=groups, count=len(found))

    context.update(
        kind=kind,
        kind_options=kind_options,
        total=total,
        all_url="?" + urlencode({"q": query, **place_listing.query}),
        invalid_filters=invalid + listing.invalid,
        is_filtered=listing.is_filtered,
    )
    if not context["count"]:
        context.update(suggestions(request))
        context["clear_url"] = "?" + urlencode({"q": query})
    return render(request, "discovery/search.html", context)
