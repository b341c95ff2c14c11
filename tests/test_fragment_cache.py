"""Kept parts of pages (core/fragments.py): an exhibit's article and every page's share tags are built
once per content generation for every visitor, the page cache aside, and never go stale: a publish,
a snippet change, a preview or another host each get their own.
"""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exhibits.models import GoodPeopleWallPage, ProfilePage

from .sites import add_exhibits, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    # What is measured here is rendering: without the whole-page cache in the way.
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def tree(home_page):
    tree = build_tree(home_page, streets=1, communities_per_street=1)
    add_exhibits(tree, per_community=1, with_images=True)
    return tree


@pytest.fixture
def profile(tree):
    return ProfilePage.objects.live().first()


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def article(response):
    html = response.content.decode()
    return html[html.index("<article") : html.index("</article>")]


def queries_of(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url, **extra)
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("model", [ProfilePage, GoodPeopleWallPage])
def test_a_kept_article_is_served_as_built_with_fewer_queries(client, settings, tree, model):
    url = model.objects.live().first().url
    get(client, url)
    get(client, url)  # renditions and the settings row exist from now on
    kept_html, kept_queries = queries_of(client, url)
    settings.FRAGMENT_CACHE_SECONDS = 0
    built_html, built_queries = queries_of(client, url)
    assert kept_html == built_html
    assert kept_queries < built_queries


def test_the_people_on_a_kept_wall_cost_no_query(client, tree):
    """A wall prepares its people's cards only when its article is built."""
    from . import factories as f

    people = [
        {"type": "profile", "value": {"profile": profile.pk, "note": ""}}
        for profile in ProfilePage.objects.live()
    ]
    empty = f.GoodPeopleWallPageFactory(parent=tree.communities[0], featured_people=[])
    full = f.GoodPeopleWallPageFactory(parent=tree.communities[0], featured_people=people)
    for wall in (empty, full):
        wall.save_revision().publish()
    for wall in (empty, full):
        get(client, wall.url)
        get(client, wall.url)
    full_html, full_queries = queries_of(client, full.url)
    assert "上墙人物" in full_html
    assert full_queries == queries_of(client, empty.url)[1]


def test_publishing_shows_on_the_next_request(client, profile):
    get(client, profile.url)
    profile.intro = "新的导语：三十年如一日照顾邻居"
    profile.title = "改名后的好人"
    profile.save_revision().publish()
    response = get(client, profile.url)
    assert "新的导语：三十年如一日照顾邻居" in article(response)
    assert '"name":"改名后的好人"' in response.content.decode()  # the share data in <head> too


def test_a_draft_changes_nothing_shown(client, profile):
    before = get(client, profile.url).content.decode()
    profile.intro = "草稿里的导语"
    profile.save_revision()
    assert get(client, profile.url).content.decode() == before


def test_a_snippet_change_shows_on_the_next_request(client, tree, profile):
    get(client, profile.url)
    title = tree.titles["district"]
    title.name = "丰泽区新时代道德模范"
    title.save()
    html = get(client, profile.url).content.decode()
    assert html.count("丰泽区新时代道德模范") >= 2  # the honour list and the JSON-LD awards


def test_a_preview_shows_the_draft_and_never_fills_the_kept_article(client, profile):
    # A preview request comes to the site's own host: read the live page there too.
    live = get(client, profile.url, HTTP_HOST="localhost").content.decode()
    profile.intro = "预览中的导语"
    assert "预览中的导语" in article(profile.make_preview_request())
    assert get(client, profile.url, HTTP_HOST="localhost").content.decode() == live
    # The other way round: a preview on an empty cache leaves nothing for readers.
    cache.clear()
    assert "预览中的导语" in article(profile.make_preview_request())
    assert "预览中的导语" not in get(client, profile.url, HTTP_HOST="localhost").content.decode()


def test_an_editor_sees_a_published_change_at_once(client, profile):
    editor = User.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    get(client, profile.url)
    profile.intro = "编辑刚发布的导语"
    profile.save_revision().publish()
    assert "编辑刚发布的导语" in article(get(client, profile.url))


def test_each_host_gets_its_own_absolute_addresses(client, settings, profile):
    settings.ALLOWED_HOSTS = ["one.example.org", "two.example.org"]
    one = get(client, profile.url, HTTP_HOST="one.example.org").content.decode()
    two = get(client, profile.url, HTTP_HOST="two.example.org").content.decode()
    assert f'href="http://one.example.org{profile.url}"' in one
    assert f'href="http://two.example.org{profile.url}"' in two
    assert "one.example.org" not in two


def test_kept_parts_can_be_turned_off(client, settings, profile):
    settings.FRAGMENT_CACHE_SECONDS = 0
    get(client, profile.url)
    ProfilePage.objects.filter(pk=profile.pk).update(intro="不经保存改写的导语")  # no new generation
    assert "不经保存改写的导语" in article(get(client, profile.url))


def test_a_filtered_listing_is_kept_per_query_string(client, settings, tree, profile):
    listing = tree.listings["profile"].url
    url = f"{listing}?level=district&year=2018"
    get(client, url)
    kept_html, kept_queries = queries_of(client, url)
    settings.FRAGMENT_CACHE_SECONDS = 0
    built_html, built_queries = queries_of(client, url)
    assert kept_html == built_html
    assert kept_queries < built_queries
    settings.FRAGMENT_CACHE_SECONDS = 600
    # Another query string is another part (page links carry every parameter): built afresh.
    assert queries_of(client, f"{url}&from=qr")[1] == built_queries


def test_a_listing_follows_publishing_on_the_next_request(client, tree, profile):
    listing = tree.listings["profile"].url
    assert profile.title in get(client, listing).content.decode()
    assert profile.title in get(client, f"{listing}?level=district").content.decode()
    profile.title = "改名后的好人"
    profile.save_revision().publish()
    assert "改名后的好人" in get(client, listing).content.decode()
    assert "改名后的好人" in get(client, f"{listing}?level=district").content.decode()
    profile.unpublish()
    assert "改名后的好人" not in get(client, f"{listing}?level=district").content.decode()


def test_a_place_page_follows_publishing_on_the_next_request(client, tree, profile):
    community = profile.get_parent()
    get(client, community.url)
    get(client, community.url)  # the first view saves the site's settings row: a new generation
    kept_html, kept_queries = queries_of(client, community.url)
    assert profile.title in kept_html
    profile.title = "改名后的好人"
    profile.save_revision().publish()
    html, queries = queries_of(client, community.url)
    assert "改名后的好人" in html
    assert queries > kept_queries  # built afresh, then kept again
    assert queries_of(client, community.url) == (html, kept_queries)


def test_a_part_with_a_csrf_token_is_never_kept(rf, settings):
    from django.middleware.csrf import get_token
    from django.template import Context, Template
    from django.utils.functional import SimpleLazyObject

    template = Template('{% load core_tags %}{% kept "form" %}<input value="{% csrf_token %}">{% endkept %}')
    tokens = set()
    for _ in range(2):
        request = rf.get("/")
        # As Django's context processor gives it: asked for only when the template uses it.
        csrf_token = SimpleLazyObject(lambda request=request: get_token(request))
        html = template.render(Context({"request": request, "csrf_token": csrf_token}))
        tokens.add(html)
    assert len(tokens) == 2  # each visitor's own token, never the first one's
