"""Finding the page for a URL (core/routing.py): the whole chain in one query, and for visitors who
are not logged in, remembered until the content changes. Every change shows on the next request;
each request gets its own copy of the page; editors always read the rows."""

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from exhibits.models import ProfilePage

from .sites import add_exhibits, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_else_kept(settings):
    # Only routing is measured: no whole pages, no kept parts.
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def tree(home_page):
    tree = build_tree(home_page, streets=1, communities_per_street=2)
    add_exhibits(tree, per_community=1, with_images=False)
    return tree


@pytest.fixture
def profile(tree):
    return ProfilePage.objects.live().order_by("path").first()


def routing_queries(client, url, status=200):
    """The queries that look pages up by their URL, in one request for `url`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, url
    return response, [query for query in queries if '"url_path" IN' in query["sql"]]


def remembered(client, url):
    """Get `url` until its page is remembered (a first view may save what it lacked, such as the
    site's settings row, which starts a new generation); it must be by the third time."""
    for _ in range(3):
        response, queries = routing_queries(client, url)
        if not queries:
            return response
    raise AssertionError(f"{url} was never remembered")


def test_a_page_deep_in_the_tree_is_found_in_one_query_then_remembered(client, profile):
    assert profile.depth >= 5
    response, first = routing_queries(client, profile.url)
    assert len(first) == 1
    assert profile.title in response.content.decode()
    assert profile.title in remembered(client, profile.url).content.decode()


def test_a_published_change_shows_on_the_next_request(client, profile):
    remembered(client, profile.url)
    profile.title = "改过的名字"
    profile.save_revision().publish()
    response, queries = routing_queries(client, profile.url)
    assert len(queries) == 1
    assert "改过的名字" in response.content.decode()


def test_an_unpublished_page_is_gone_on_the_next_request(client, profile):
    remembered(client, profile.url)
    profile.unpublish()
    routing_queries(client, profile.url, status=404)


def test_a_new_slug_moves_the_page_on_the_next_request(client, profile):
    old_url = profile.url
    remembered(client, old_url)
    profile.slug = "xin-de-dizhi"
    profile.save_revision().publish()
    profile.refresh_from_db()
    assert profile.url != old_url
    routing_queries(client, profile.url)
    # The old address is no longer this page: Wagtail's redirect, or not found.
    assert client.get(old_url).status_code in (301, 302, 404)


def test_a_moved_page_is_found_at_its_new_address(client, tree, profile):
    old_url = profile.url
    remembered(client, old_url)
    other = next(community for community in tree.communities if community.pk != profile.get_parent().pk)
    profile.move(other, pos="last-child")
    profile.refresh_from_db()
    routing_queries(client, profile.url)
    assert client.get(old_url).status_code in (301, 302, 404)


def test_editors_always_read_the_rows(client, profile):
    remembered(client, profile.url)
    editor = User.objects.create_superuser("luyou", "luyou@example.com", "pw")
    client.force_login(editor)
    for _ in range(2):
        _, queries = routing_queries(client, profile.url)
        assert len(queries) == 1


def test_the_setting_turns_remembering_off(client, profile, settings):
    settings.REMEMBERED_ROUTES = 0
    for _ in range(3):
        assert len(routing_queries(client, profile.url)[1]) == 1


def test_each_request_gets_its_own_copy(home_page, profile):
    request = RequestFactory().get(profile.url)
    request.user = AnonymousUser()
    components = [part for part in profile.url.split("/") if part]
    first = home_page.specific.route(request, components).page
    first.title = "只改了这一份"
    second = home_page.specific.route(request, components).page
    assert second is not first
    assert second.pk == profile.pk
    assert second.title == profile.title
    assert [page.pk for page in second._route_ancestors] == [page.pk for page in first._route_ancestors]


def test_only_so_many_routes_are_remembered(client, tree, settings):
    settings.REMEMBERED_ROUTES = 2
    pages = [*ProfilePage.objects.live().order_by("path")[:2], tree.communities[0]]
    for page in pages:
        remembered(client, page.url)
    # The oldest was forgotten, the newest two are still remembered.
    assert len(routing_queries(client, pages[0].url)[1]) == 1
    assert routing_queries(client, pages[2].url)[1] == []
