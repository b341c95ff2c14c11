"""The page cache (core/pagecache.py): anonymous pages from the cache without a query, every change
visible on the next request, never a cached page for an editor, never one mode's page in the other.
"""

import pytest
from django.contrib.auth.models import User
from wagtail.models import PageViewRestriction

from core.pagecache import HIT_HEADER
from discovery.middleware import ELDER_COOKIE
from exhibits.models import ProfilePage
from home.models import SiteSettings

from . import factories as f
from .sites import add_exhibits, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def tree(home_page):
    tree = build_tree(home_page, streets=1, communities_per_street=2)
    add_exhibits(tree, per_community=1, with_images=False)
    return tree


@pytest.fixture
def profile(tree):
    return ProfilePage.objects.live().first()


def cached(client, url, **extra):
    """Get `url` until it comes from the cache (a first view may save what it lacked, such as the
    site's settings row, which starts a new generation); it must by the third time."""
    for _ in range(3):
        response = client.get(url, **extra)
        assert response.status_code == 200, url
        if response[HIT_HEADER] == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache")


def text(response):
    return response.content.decode()


def urls_showing(tree, page):
    """The pages that show `page`: itself, its place and street, its listing, home, stats, feed, sitemap."""
    community = page.get_parent()
    return [
        page.url,
        community.url,
        community.get_parent().url,
        tree.listings["profile"].url,
        "/stats/",
        "/feeds/latest/",
        "/sitemap.xml",
    ]


def test_anonymous_pages_come_from_the_cache_without_a_query(
    client, tree, profile, django_assert_num_queries
):
    for url in ["/", profile.url, tree.listings["profile"].url, tree.communities[0].url, "/stats/"]:
        cached(client, url)
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response[HIT_HEADER] == "hit"


def test_browsers_revalidate_and_get_304(client, profile):
    response = cached(client, profile.url)
    assert "max-age=0" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(profile.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag


def test_publishing_shows_everywhere_on_the_next_request(client, tree, profile):
    urls = urls_showing(tree, profile)
    for url in urls:
        cached(client, url)
    profile.title = "改名后的好人"
    profile.save_revision().publish()
    for url in urls:
        response = client.get(url)
        assert response[HIT_HEADER] == "miss", url
        if url not in ("/stats/", "/sitemap.xml"):  # numbers and addresses: a title changes neither
            assert "改名后的好人" in text(response), url


def test_a_draft_changes_nothing_public(client, profile):
    before = text(cached(client, profile.url))
    profile.title = "草稿标题"
    profile.save_revision()
    response = client.get(profile.url)
    assert response[HIT_HEADER] == "hit"
    assert text(response) == before


def test_unpublishing_shows_on_the_next_request(client, tree, profile):
    listing = tree.listings["profile"].url
    assert profile.title in text(cached(client, listing))
    cached(client, profile.url)
    profile.unpublish()
    assert client.get(profile.url).status_code == 404
    assert profile.title not in text(client.get(listing))


def test_moving_shows_on_the_next_request(client, tree, profile):
    old_url = profile.url
    old_place, new_place = tree.communities[0], tree.communities[1]
    if profile.get_parent().pk != old_place.pk:
        old_place, new_place = new_place, old_place
    cached(client, old_url)
    cached(client, new_place.url)
    profile.move(new_place, pos="last-child")
    profile.refresh_from_db()
    moved = client.get(old_url)  # Wagtail leaves a redirect behind
    assert moved.status_code == 301
    assert moved["Location"].endswith(profile.url)
    assert client.get(profile.url).status_code == 200
    assert profile.title in text(client.get(new_place.url))


def test_deleting_shows_on_the_next_request(client, tree, profile):
    listing = tree.listings["profile"].url
    cached(client, profile.url)
    assert profile.title in text(cached(client, listing))
    profile.delete()
    assert client.get(profile.url).status_code == 404
    assert profile.title not in text(client.get(listing))


def test_a_snippet_change_shows_on_the_next_request(client, tree, profile):
    cached(client, profile.url)
    title = tree.titles["district"]
    title.name = "丰泽区新时代道德模范"
    title.save()
    assert "丰泽区新时代道德模范" in text(client.get(profile.url))


def test_a_setting_change_shows_on_the_next_request(client, tree, profile):
    cached(client, "/")
    cached(client, profile.url)
    site_settings = SiteSettings.objects.get_or_create(site=tree.home.get_site())[0]
    site_settings.footer_note = "新的页脚说明"
    site_settings.save()
    assert "新的页脚说明" in text(client.get("/"))
    assert "新的页脚说明" in text(client.get(profile.url))


def test_a_view_restriction_shows_on_the_next_request(client, tree, profile):
    cached(client, profile.url)
    PageViewRestriction.objects.create(page=profile.get_parent(), restriction_type="login")
    response = client.get(profile.url)
    assert response.status_code == 302  # to the login page
    assert HIT_HEADER not in response


def test_editors_never_get_a_cached_page_and_never_fill_the_cache(client, profile):
    cached(client, profile.url)
    editor = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    response = client.get(profile.url)
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]
    assert 'class="w-userbar' in text(response) or "wagtail-userbar" in text(response)
    client.logout()
    response = client.get(profile.url)
    assert response[HIT_HEADER] == "hit"
    assert "wagtail-userbar" not in text(response) and "w-userbar" not in text(response)


def test_elder_and_normal_mode_never_swap(client, profile):
    normal = cached(client, profile.url)
    client.cookies[ELDER_COOKIE] = "1"
    elder = client.get(profile.url)
    assert elder[HIT_HEADER] == "miss"
    assert "elder-mode" in text(elder)
    assert "elder-mode" in text(cached(client, profile.url))
    del client.cookies[ELDER_COOKIE]
    again = client.get(profile.url)
    assert again[HIT_HEADER] == "hit"
    assert "elder-mode" not in text(again)
    assert text(again) == text(normal)
    # Other cookies do not split the cache.
    client.cookies["something"] = "else"
    assert client.get(profile.url)[HIT_HEADER] == "hit"


def test_forms_with_a_csrf_token_are_never_cached(client, home_page):
    page = f.NominationPageFactory(parent=home_page)
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert HIT_HEADER not in response
        assert "private" in response["Cache-Control"]


def test_the_cache_can_be_turned_off(client, settings, profile):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(profile.url)
    assert HIT_HEADER not in client.get(profile.url)
