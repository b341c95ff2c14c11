"""The kinds of page the public browses, found without naming them.

Every exhibit page model declares its kind (`page_kind = Kind("profile", "人物")`), the place
pages share one (`PLACES`), and every listing page declares the exhibit model it lists
(`exhibit_model`). Wagtail already knows every page model (`get_page_models()`), so place pages,
the home page, listings, search, the API, SEO, statistics and the feed ask this module instead of
importing the kinds: a new kind appears everywhere by being defined (see README, "Adding an
exhibit kind").
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from wagtail.models import Page, get_page_models

from .generation import memoized
from .visibility import private_q


@dataclass(frozen=True)
class Kind:
    slug: str  # the search page's `kind` filter and a CSS modifier, e.g. "profile"
    label: str  # the heading of the kind's group of search results, e.g. "人物"
    order: int = 100  # where the kind comes in lists of kinds (place pages, search, statistics)
    is_exhibit: bool = True  # False for the place pages: searchable, but not an exhibit

    def __str__(self):
        return self.label


# The place tree's pages (centre, streets, communities, points) share one kind in search.
PLACES = Kind("place", "阵地", order=1000, is_exhibit=False)


def kind_of(model):
    """The kind a page model declares, or None for pages that are not browsed by kind."""
    kind = getattr(model, "page_kind", None)
    return kind if isinstance(kind, Kind) else None


@cache
def exhibit_models():
    """Every concrete exhibit page model, in the kinds' order."""
    models = [model for model in get_page_models() if (kind := kind_of(model)) and kind.is_exhibit]
    return tuple(sorted(models, key=lambda model: (kind_of(model).order, model.__name__)))


@cache
def kinds():
    """[(kind, page models)] of every kind, exhibits first, in the kinds' order."""
    grouped = {}
    for model in get_page_models():
        if kind := kind_of(model):
            grouped.setdefault(kind, []).append(model)
    ordered = sorted(grouped.items(), key=lambda item: (item[0].order, item[0].slug))
    return tuple((kind, tuple(models)) for kind, models in ordered)


@cache
def listing_models():
    """Every concrete listing page model (a page that declares the exhibit model it lists)."""
    return tuple(model for model in get_page_models() if getattr(model, "exhibit_model", None))


def listing_pages_by_model(site):
    """{exhibit model: its live listing page} on `site`: one query per content generation."""
    if site is None:
        return {}
    return memoized(("core:listing-pages", site.pk), lambda: _listing_pages(site))


def _listing_pages(site):
    pages = (
        Page.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .type(*listing_models())
        .select_related("content_type")
    )
    return {page.specific_class.exhibit_model: page for page in pages}


def live_counts_by_model():
    """{exhibit model: number of its live, public pages}, in one query."""
    per_type = dict(
        Page.objects.live()
        .exclude(private_q())
        .type(*exhibit_models())
        .values_list("content_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    types = ContentType.objects.get_for_models(*exhibit_models())
    return {model: per_type.get(types[model].pk, 0) for model in exhibit_models()}


def listing_entrances(home):
    """The listing pages under `home`, in menu order, each with the number of exhibits it lists."""
    pages = (
        Page.objects.child_of(home)
        .live()
        .type(*listing_models())
        .select_related("content_type")
        .order_by("path")
    )
    counts = live_counts_by_model()
    return [
        {
            "page": page,
            "listing": page.specific_class,
            "kind": kind_of(page.specific_class.exhibit_model),
            "count": counts.get(page.specific_class.exhibit_model, 0),
        }
        for page in pages
    ]
