"""Public search: which live pages match, in what order, of which kind, with what snippet."""

import re
from dataclasses import dataclass
from functools import cache, cached_property

from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page

from .indexing import stream_texts
from .limits import time_limit
from .segmenting import query_words, title_tokens

# The most pages one search ranks; the counts and pages of results are taken from these.
MAX_RESULTS = 500
SEARCH_SECONDS = 3


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    models: tuple

    @cached_property
    def content_type_ids(self):
        return frozenset(ct.pk for ct in ContentType.objects.get_for_models(*self.models).values())


def kinds():
    """The kinds of page search finds, in the order the results page shows them."""
    from exhibits.models import (
        FamilyMottoHallPage,
        GoodPeopleWallPage,
        ProfilePage,
        StoryPage,
        VideoPage,
    )
    from home.models import PLACE_PAGE_MODELS

    return [
        Kind("profile", "人物", (ProfilePage,)),
        Kind("wall", "好人墙", (GoodPeopleWallPage,)),
        Kind("hall", "家风家训馆", (FamilyMottoHallPage,)),
        Kind("story", "故事", (StoryPage,)),
        Kind("video", "视频", (VideoPage,)),
        Kind("place", "阵地", tuple(PLACE_PAGE_MODELS)),
    ]


@cache
def all_kinds():
    """`kinds()`, computed once per process (after the apps are ready)."""
    return kinds()


def kind_by_slug(slug):
    return next((kind for kind in all_kinds() if kind.slug == slug), None)


def kind_for_content_type(content_type_id):
    return next((kind for kind in all_kinds() if content_type_id in kind.content_type_ids), None)


def searchable_models():
    return [model for kind in all_kinds() for model in kind.models]


def ranked_ids(query):
    """Ids of the live, public pages matching `query`, best first (at most MAX_RESULTS).

    The backend ranks by relevance; pages whose title holds every word of the query then move
    ahead of the rest, keeping that order, so a title match always comes first on SQLite and
    PostgreSQL alike. Raises `SearchTimeout` when the database takes too long.
    """
    words = query_words(query)
    if not words:
        return []
    pages = Page.objects.live().public().type(*searchable_models()).only("id", "title")
    with time_limit(SEARCH_SECONDS):
        hits = list(pages.search(query)[:MAX_RESULTS])

    def in_title(page):
        tokens = title_tokens(page.title)
        return all(word.found_in(tokens) for word in words)

    hits.sort(key=lambda page: not in_title(page))
    return [page.pk for page in hits]


# Snippets -------------------------------------------------------------------------------------

SNIPPET_BEFORE = 24
SNIPPET_LENGTH = 90


def snippet_text(page):
    """What a reader sees of a page, as plain text, for the snippet under its title."""
    parts = [getattr(page, "card_text", "")]
    for name in ("summary", "occupation", "location", "address"):
        parts.append(getattr(page, name, ""))
    for name in ("body", "deeds", "mottos"):
        value = getattr(page, name, None)
        if value is None:
            continue
        if hasattr(value, "raw_data"):
            parts.extend(stream_texts(value, resolve_pages=False))
        else:
            parts.append(strip_tags(str(value)))
    return " ".join(" ".join(str(part).split()) for part in parts if part)


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
    """About SNIPPET_LENGTH characters around the first query word in the page's text."""
    text = snippet_text(page)
    if not text:
        return ""
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - SNIPPET_BEFORE) if match else 0
    end = start + SNIPPET_LENGTH
    piece = text[start:end]
    result = highlight(piece, words)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{result}{suffix}")  # noqa: S308 - highlight() escaped the text
