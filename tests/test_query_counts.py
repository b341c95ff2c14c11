"""SQL queries per page: bounded, and the same whether the site holds N or 10×N exhibits.

Renditions are created on a page's first view and cached after, and the site, its settings and
navigation are kept in memory for the content generation (core.generation), so each page is viewed
twice to warm up and counted on the third view, as a visitor after the first would see it. The page
cache is off here: these are the queries of rendering a page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import generation
from exhibits.models import HonouredFamily, ProfilePage
from home.models import HomeFeaturedExhibit, PracticePointPage

from . import factories as f
from .sites import add_exhibits, build_tree

# The most queries each page may make (issue 12: at most 12). Routing takes two (the chain of
# pages named by the URL, then the page's own fields); a listing takes one per filter.
BOUNDS = {
    "home": 12,
    "centre": 12,
    "street": 12,
    "community": 12,
    "profile": 12,
    "wall": 12,
    "hall": 12,
    "story": 12,
    "video": 12,
    "profile-listing": 12,
    "wall-listing": 12,
    "hall-listing": 12,
    "video-listing": 12,
    "story-listing": 12,
    "point": 12,
    "feed": 12,  # the newest 30, one query per kind among them
    "stats": 12,
    "sitemap": 20,  # Wagtail makes every page specific: one query per page type (also page-cached)
    # A page of 20 profiles with every field (issue 12: at most 15).
    "api": 15,
    # One query per page type among the hits, so the count depends on the mix, never the total.
    # Search: the ranked matches, their kinds and place filters (a query per filter), then one
    # query per page type among the hits; a kind adds its listing's filters.
    "search": 24,
    "search-kind": 26,
}


def grow(tree, size):
    """`size` exhibits of every kind per community; a wall and a hall whose contents grow too."""
    created = add_exhibits(tree, per_community=size)
    profiles = [page for page in created if page.specific_class.__name__ == "ProfilePage"]
    community = tree.communities[0]
    wall = f.GoodPeopleWallPageFactory(
        parent=community,
        title="计数好人墙",
        featured_people=[
            {"type": "profile", "value": {"profile": profile.pk, "note": ""}} for profile in profiles
        ],
    )
    hall = f.FamilyMottoHallPageFactory(parent=community, title="计数家风馆")
    for n in range(size * 4):
        HonouredFamily.objects.create(hall=hall, kind="family", names=f"家庭{n}", level="district", year=2020)
    home = tree.home
    point = PracticePointPage.objects.filter(title="计数实践点").first() or f.PracticePointPageFactory(
        parent=tree.streets[0], title="计数实践点"
    )
    for _ in range(size):
        f.StoryPageFactory(parent=point, year=2020)
        f.VideoPageFactory(parent=point, year=2021)

    # Featured: one of each kind, ten of each when the site grows tenfold (up to the editor's 12).
    home.featured_exhibits.all().delete()
    for n, page in enumerate(created[: min(size * 5, 12)]):
        HomeFeaturedExhibit.objects.create(home=home, page=page, sort_order=n)
    return {
        "home": home.url,
        "centre": tree.centre.url,
        "street": tree.streets[0].url,
        "community": community.url,
        "profile": profiles[0].url,
        "wall": wall.url,
        "hall": hall.url,
        "story": next(p for p in created if p.specific_class.__name__ == "StoryPage").url,
        "video": next(p for p in created if p.specific_class.__name__ == "VideoPage").url,
        "profile-listing": tree.listings["profile"].url + "?level=district&year=2018",
        "wall-listing": tree.listings["wall"].url,
        "hall-listing": tree.listings["hall"].url,
        "video-listing": tree.listings["video"].url,
        "story-listing": tree.listings["story"].url + f"?street={tree.streets[0].pk}",
        "point": point.url,
        "feed": "/feeds/latest/",
        "stats": "/stats/",
        "sitemap": "/sitemap.xml",
        "api": "/api/v2/pages/?type=exhibits.ProfilePage&fields=*",
        "search": "/search/?q=导语",
        "search-kind": "/search/?q=导语&kind=profile&level=district",
    }


def count_queries(client, url):
    assert client.get(url).status_code == 200  # warm renditions
    assert client.get(url).status_code == 200  # warm what is kept for the content generation
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.django_db
def test_queries_are_bounded_and_do_not_grow_with_content(client, home_page):
    tree = build_tree(home_page, streets=2, communities_per_street=2)
    urls = grow(tree, size=1)
    small = {kind: count_queries(client, url) for kind, url in urls.items()}

    # Tenfold: nine more of everything, in the same tree.
    urls_large = grow(tree, size=9)
    large = {kind: count_queries(client, urls_large[kind]) for kind in urls}

    for kind, bound in BOUNDS.items():
        assert small[kind] <= bound, f"{kind}: {small[kind]} queries, bound {bound}"
        assert large[kind] <= bound, f"{kind} (10×): {large[kind]} queries, bound {bound}"
        # Search and the feed fetch one query per kind among their pages: the mix, never the total.
        if not kind.startswith("search") and kind != "feed":
            assert large[kind] == small[kind], f"{kind}: {small[kind]} queries grew to {large[kind]}"


# Publishing one profile, saving its revision included (issue 12: at most 60; 55 here). What is left
# is Wagtail's own: validating and serialising the revision, the page's comments (six times, none
# exist), building the page from the revision (a query per related model, core.keys), writing the
# page, its inline rows and the log, the reference index and the search index once each.
PUBLISH_BOUND = 60


def publish_queries():
    page = ProfilePage.objects.live().order_by("pk").first()
    page.intro += "！"
    with generation.pinned(), CaptureQueriesContext(connection) as queries:
        page.save_revision().publish()
    return len(queries)


@pytest.mark.django_db
def test_publishing_is_bounded_and_does_not_grow_with_content(home_page):
    tree = build_tree(home_page, streets=2, communities_per_street=2)
    add_exhibits(tree, per_community=1, with_images=False)
    publish_queries()  # loads the site dictionary into this process
    small = publish_queries()
    add_exhibits(tree, per_community=9, with_images=False)
    publish_queries()
    large = publish_queries()
    assert small <= PUBLISH_BOUND, f"{small} queries"
    assert large <= PUBLISH_BOUND, f"{large} queries"
    assert large == small
