"""Public search: which live pages match, in what order, of which kind, with what snippet, and
the results page's state (`SearchResults`: the query, the filters, the groups, the paging).

The kinds come from the page models themselves (see `core.kinds`); the filters are the listings'
own (`ExhibitIndexPage.facets()`), so a kind's results filter exactly like its listing.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core import generation
from core.cards import prepare_cards
from core.kinds import kinds, listing_models
from core.models import SearchTitle
from core.search.indexing import stream_texts
from core.search.segmenting import MAX_QUERY_LENGTH, clean_query, cut_query, query_words, title_tokens
from core.visibility import public
from exhibits.facets import FacetedListing
from exhibits.models.listings import place_facets

from .backend import best_ids, words_query
from .limits import time_limit

# The most pages one search ranks; the counts and pages of results are taken from these.
MAX_RESULTS = 500
SEARCH_SECONDS = 3
PER_PAGE = 12
# How many results each kind shows on the first page before linking to all of them.
GROUP_SIZE = 4


@dataclass(frozen=True)
class SearchKind:
    """A kind as the results page groups and filters it."""

    slug: str
    label: str
    models: tuple

    @cached_property
    def content_type_ids(self):
        return frozenset(ct.pk for ct in ContentType.objects.get_for_models(*self.models).values())

    def facets(self):
        """The filters of the listing that shows this kind (place filters for places)."""
        listing = next((cls for cls in listing_models() if cls.exhibit_model in self.models), None)
        return listing().facets() if listing else place_facets()

    def queryset(self, ids):
        if len(self.models) == 1:
            return self.models[0].objects.filter(pk__in=ids)
        return Page.objects.filter(pk__in=ids).type(*self.models)


@cache
def search_kinds():
    return [SearchKind(kind.slug, kind.label, models) for kind, models in kinds()]


def kind_by_slug(slug):
    return next((kind for kind in search_kinds() if kind.slug == slug), None)


def kind_for_content_type(content_type_id):
    return next((kind for kind in search_kinds() if content_type_id in kind.content_type_ids), None)


def searchable_models():
    return [model for kind in search_kinds() for model in kind.models]


def ranked_ids(query):
    """Ids of the live, public pages matching `query`, best first (at most MAX_RESULTS).

    `query` is what a reader typed, or its words as `query_words` cut them. The backend ranks by
    relevance; pages whose title holds every word of the query then move ahead of the rest,
    keeping that order, so a title match always comes first on SQLite and PostgreSQL alike.
    Raises `SearchTimeout` when the database takes too long.
    """
    words = query_words(query) if isinstance(query, str) else list(query)
    if not words:
        return []
    # A common word matches most of the site, and ranking thousands of pages is what takes the
    # time (about 250 ms for 社区 on PostgreSQL at 10,000 exhibits); the most common queries are
    # also the most repeated. The ranking changes only with content: kept for the generation.
    key = "search:" + "\n".join(word.text for word in words)
    return generation.shared(key, lambda: _rank(words), getattr(settings, "SEARCH_CACHE_SECONDS", 0))


def _rank(words):
    pages = public(Page.objects.live()).type(*searchable_models())
    with time_limit(SEARCH_SECONDS):
        ids = best_ids(pages, words_query(words), MAX_RESULTS)
    # Title tokens were stored when each page was indexed (core.models.SearchTitle); a page
    # indexed before they were is cut here, once.
    stored = SearchTitle.objects.filter(page_id__in=ids).values_list("page_id", "tokens")
    tokens = {pk: set(text.split()) for pk, text in stored}
    missing = [pk for pk in ids if pk not in tokens]
    if missing:
        for pk, title in Page.objects.filter(pk__in=missing).values_list("pk", "title"):
            tokens[pk] = title_tokens(title)

    def in_title(pk):
        return all(word.found_in(tokens.get(pk, ())) for word in words)

    return sorted(ids, key=lambda pk: not in_title(pk))


class SearchListing(FacetedListing):
    """The listings' filters, with the search words (and kind) kept in every filter link."""

    def __init__(self, pages, facets, query, fixed):
        super().__init__(pages, facets, query)
        self.fixed = fixed

    def url_with(self, **changes):
        query = {key: value for key, value in {**self.query, **changes}.items() if value is not None}
        return "?" + urlencode({**self.fixed, **query})


class SearchResults:
    """One search as the results page shows it (built from the request's GET parameters).

    Without a `kind`, the matches come grouped by kind, a few of each, groups in the order of
    their best match; with a `kind`, that kind's matches come one page at a time, filtered by its
    listing's facets. The place filters apply to both.
    """

    def __init__(self, params):
        raw = params.get("q", "")
        self.params = params
        self.query = clean_query(raw)
        self.truncated = len(" ".join(raw.split())) > MAX_QUERY_LENGTH
        self.words = cut_query(self.query)
        self.kind = kind_by_slug(params.get("kind", ""))
        self.invalid_kind = bool(params.get("kind")) and self.kind is None

    def url(self, **params):
        """A link to these results with other parameters (kind, filters); None drops one."""
        merged = {"q": self.query, **params}
        return "?" + urlencode({key: value for key, value in merged.items() if value is not None})

    def run(self):
        """Search and fill in what the page shows; raises `SearchTimeout`."""
        self.ids = ranked_ids(self.words)
        matched = Page.objects.filter(pk__in=self.ids)
        self.place_listing = SearchListing(matched, place_facets(), self.params, fixed={"q": self.query})
        # {page id: content type} of every match the place filters leave, in one query.
        self.in_places = dict(self.place_listing.results.values_list("pk", "content_type"))
        per_type = Counter(self.in_places.values())
        self.kind_options = []
        for kind in search_kinds():
            count = sum(per_type.get(ct, 0) for ct in kind.content_type_ids)
            if count:
                url = self.url(kind=kind.slug, **self.place_listing.query)
                self.kind_options.append({"kind": kind, "count": count, "url": url})
        self.total = sum(option["count"] for option in self.kind_options)
        if self.kind is not None:
            self._one_kind()
        else:
            self._grouped()
        return self

    def _one_kind(self):
        kind = self.kind
        self.listing = SearchListing(
            kind.queryset(self.ids), kind.facets(), self.params, fixed={"q": self.query, "kind": kind.slug}
        )
        found = set(self.listing.results.values_list("pk", flat=True))
        ordered = [pk for pk in self.ids if pk in found]
        self.paginator = Paginator(ordered, PER_PAGE)
        self.page_obj = self.paginator.get_page(self.params.get("page"))
        self.hits = self.decorate(load_hits(list(self.page_obj.object_list)))
        self.count = len(ordered)
        self.groups = []

    def _grouped(self):
        self.listing = self.place_listing
        groups = []
        for kind in search_kinds():
            ids = [pk for pk in self.ids if self.in_places.get(pk) in kind.content_type_ids]
            if ids:
                groups.append({"kind": kind, "ids": ids, "first": self.ids.index(ids[0])})
        groups.sort(key=lambda group: group["first"])
        shown = [pk for group in groups for pk in group["ids"][:GROUP_SIZE]]
        hits = {hit.pk: hit for hit in self.decorate(load_hits(shown))}
        for group in groups:
            group["hits"] = [hits[pk] for pk in group["ids"][:GROUP_SIZE] if pk in hits]
            group["count"] = len(group["ids"])
            group["more_url"] = self.url(kind=group["kind"].slug, **self.listing.query)
        self.groups = groups
        self.count = len(self.in_places)
        self.hits = []

    def decorate(self, hits):
        for hit in hits:
            hit.search_title = highlight(hit.title, self.words)
            hit.search_snippet = snippet(hit, self.words)
            hit.search_kind = kind_for_content_type(hit.content_type_id)
        return hits

    @property
    def invalid_filters(self):
        return (["类别"] if self.invalid_kind else []) + self.listing.invalid

    def context(self):
        """What the template shows of these results."""
        context = {
            "kind": self.kind,
            "kind_options": self.kind_options,
            "total": self.total,
            "all_url": self.url(**self.place_listing.query),
            "listing": self.listing,
            "invalid_filters": self.invalid_filters,
            "is_filtered": self.listing.is_filtered,
            "groups": self.groups,
            "hits": self.hits,
            "count": self.count,
            "clear_url": self.url(),
        }
        if self.kind is not None:
            context.update(paginator=self.paginator, page_obj=self.page_obj)
        return context


def load_hits(ids):
    """The specific pages for `ids`, in that order, ready to show as cards (fixed query count)."""
    pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
    hits = [pages[pk] for pk in ids if pk in pages]
    prepare_cards(hits)
    return hits


# Snippets -------------------------------------------------------------------------------------

SNIPPET_BEFORE = 24
SNIPPET_LENGTH = 90


# Fields that name a place or a role rather than tell a story: shown with their label, never run
# into the text around them ("…身边好人。 源淮社区 丰泽区…" was what joining them gave).
LABELLED_FIELDS = {"occupation": "身份", "location": "所在位置", "address": "地址"}


def snippet_parts(page):
    """What a reader sees of a page, as plain-text parts: (label or "", text), in reading order."""
    parts = [("", getattr(page, "card_text", "")), ("", getattr(page, "summary", ""))]
    for name in ("body", "deeds", "mottos"):
        value = getattr(page, name, None)
        if value is None:
            continue
        if hasattr(value, "raw_data"):
            parts.extend(("", text) for text in stream_texts(value, resolve_pages=False))
        else:
            parts.append(("", strip_tags(str(value))))
    parts += [(label, getattr(page, name, "")) for name, label in LABELLED_FIELDS.items()]
    return [(label, " ".join(str(text).split())) for label, text in parts if text and str(text).strip()]


def _pattern(words):
    needles = sorted(
        {needle for word in words for needle in word.highlights if needle}, key=len, reverse=True
    )
    if not needles:
        return None
    return re.compile("|".join(re.escape(needle) for needle in needles), re.IGNORECASE)


def highlight(text, words):
    """`text`, escaped, with every query word (or its character pairs) in <mark>."""
    pattern = _pattern(words)
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def snippet(page, words):
    """About SNIPPET_LENGTH characters around the first query word, from the one part of the
    page's text that holds it (the first part when none does); a labelled field keeps its label."""
    parts = snippet_parts(page)
    if not parts:
        return ""
    pattern = _pattern(words)
    label, text = parts[0]
    match = None
    if pattern:
        for part_label, part_text in parts:
            match = pattern.search(part_text)
            if match:
                label, text = part_label, part_text
                break
    start = max(0, match.start() - SNIPPET_BEFORE) if match else 0
    end = start + SNIPPET_LENGTH
    result = highlight(text[start:end], words)
    prefix = f"{escape(label)}：" if label else ""
    prefix += "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{result}{suffix}")  # noqa: S308 - highlight() and escape() escaped the text
