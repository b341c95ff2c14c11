"""The honour roll in numbers at /stats/, computed from live, public content and cached.

The cache is dropped whenever a page is published, unpublished, moved or deleted, or an honour
title changes (see `signal_handlers`), so the numbers always equal what the site shows.
"""

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import Substr

from core.kinds import exhibit_models
from core.search.segmenting import place_names
from core.visibility import private_q
from exhibits.choices import DeedCategory, HonourLevel
from exhibits.models import ProfileHonour, ProfilePage
from home.models import DistrictCentrePage, StreetPage

STATS_CACHE_KEY = "discovery:stats"
STATS_TIMEOUT = 60 * 60


def invalidate():
    cache.delete(STATS_CACHE_KEY)


def get_stats():
    stats = cache.get(STATS_CACHE_KEY)
    if stats is None:
        stats = compute()
        cache.set(STATS_CACHE_KEY, stats, STATS_TIMEOUT)
    return stats


def short_name(title):
    """浔美社区新时代文明实践站 → 浔美社区: the name a chart has room for."""
    names = place_names(title)
    return names[1] if len(names) > 1 else title


def _rows(pairs, labels=None, order=None):
    """[(key, label, value)] in `order` (or as given), with labels looked up in `labels`."""
    counts = dict(pairs)
    keys = order if order is not None else list(counts)
    return [
        {"key": key, "label": (labels or {}).get(key, str(key)), "value": counts.get(key, 0)} for key in keys
    ]


def compute():
    private = private_q()
    profiles = ProfilePage.objects.live().exclude(private)
    honours = ProfileHonour.objects.filter(profile__in=profiles.values("pk"))

    by_level = _rows(
        honours.values_list("title__level").annotate(n=Count("pk")).order_by(),
        dict(HonourLevel.choices),
        list(HonourLevel.values),
    )
    by_category = _rows(
        honours.values_list("category").annotate(n=Count("pk")).order_by(),
        dict(DeedCategory.choices),
        list(DeedCategory.values),
    )
    by_year = [
        {"key": year, "label": f"{year}年", "value": n}
        for year, n in honours.values_list("year").annotate(n=Count("pk")).order_by("year")
    ]

    streets = list(StreetPage.objects.live().exclude(private).order_by("path").only("id", "title", "path"))
    centre = DistrictCentrePage.objects.live().first()
    path_lengths = {len(street.path) for street in streets}
    by_street_path = {street.path: street for street in streets}

    def per_street(queryset, path_field="path"):
        counts = {}
        for length in path_lengths:
            rows = (
                queryset.annotate(prefix=Substr(path_field, 1, length))
                .values_list("prefix")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for prefix, n in rows:
                if prefix in by_street_path:
                    counts[prefix] = counts.get(prefix, 0) + n
        return counts

    honours_per_street = per_street(honours, "profile__path")
    street_rows = [
        {"key": street.pk, "label": short_name(street.title), "value": honours_per_street.get(street.path, 0)}
        for street in streets
    ]

    kinds = []
    exhibit_counts = {street.path: {} for street in streets}
    totals = {}
    centre_counts = {}
    for model in exhibit_models():
        live = model.objects.live().exclude(private)
        label = model._meta.verbose_name
        kinds.append(label)
        totals[label] = live.count()
        for path, n in per_street(live).items():
            exhibit_counts[path][label] = n
        in_streets = sum(exhibit_counts[street.path].get(label, 0) for street in streets)
        centre_counts[label] = totals[label] - in_streets
    exhibit_rows = [
        {
            "key": street.pk,
            "label": short_name(street.title),
            "url": street.url,
            "counts": [exhibit_counts[street.path].get(kind, 0) for kind in kinds],
            "value": sum(exhibit_counts[street.path].values()),
        }
        for street in streets
    ]
    if any(centre_counts.values()):
        exhibit_rows.append(
            {
                "key": centre.pk if centre else 0,
                "label": "区中心直属",
                "url": centre.url if centre else "",
                "counts": [centre_counts[kind] for kind in kinds],
                "value": sum(centre_counts.values()),
            }
        )

    return {
        "people": profiles.filter(honours__isnull=False).distinct().count(),
        "honours": honours.count(),
        "exhibits": sum(totals.values()),
        "by_level": by_level,
        "by_category": by_category,
        "by_year": by_year,
        "by_street": street_rows,
        "exhibit_kinds": kinds,
        "exhibit_totals": [totals[kind] for kind in kinds],
        "exhibits_by_street": exhibit_rows,
    }
