"""Purging a front-end cache (discovery/purge.py): each change purges every URL that shows it."""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from exhibits.models import ProfilePage
from home.models import SiteSettings

from . import factories as f
from .sites import add_exhibits, build_tree

pytestmark = pytest.mark.django_db
PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


@pytest.fixture(autouse=True)
def _recording(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_frontend_cache.RecordingBackend"}}
    PURGED.clear()
    yield
    PURGED.clear()


@pytest.fixture
def tree(home_page):
    tree = build_tree(home_page, streets=1, communities_per_street=1)
    add_exhibits(tree, per_community=1, with_images=False)
    PURGED.clear()
    return tree


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Each change inside is committed: purges are sent once it is (the test's own transaction
    never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def paths():
    return {url.split("localhost", 1)[-1].split(":80", 1)[-1] for url in PURGED}


def test_publishing_purges_every_page_that_shows_it(tree, committed):
    profile = ProfilePage.objects.live().first()
    wall = f.GoodPeopleWallPageFactory(
        parent=tree.communities[0],
        featured_people=[{"type": "profile", "value": {"profile": profile.pk, "note": ""}}],
    )
    with committed():
        wall.save_revision().publish()
    PURGED.clear()
    profile.title = "新名字"
    with committed():
        profile.save_revision().publish()
    purged = paths()
    community = tree.communities[0]
    for url in [
        profile.url,
        community.url,
        tree.streets[0].url,
        tree.centre.url,
        "/",
        tree.listings["profile"].url,
        wall.url,
        "/stats/",
        "/sitemap.xml",
        "/feeds/latest/",
        f"/q/{profile.pk}/placard/",
    ]:
        assert url in purged, url
    assert "/*" not in purged


def test_purges_wait_for_the_commit(tree, django_capture_on_commit_callbacks):
    """Purged before the publish is committed, the front-end cache could fetch the old page again."""
    profile = ProfilePage.objects.live().first()
    profile.title = "新名字"
    with django_capture_on_commit_callbacks() as callbacks:
        profile.save_revision().publish()
        assert tree.communities[0].url not in paths()
    for callback in callbacks:
        callback()
    assert tree.communities[0].url in paths()


def test_unpublishing_and_deleting_purge_the_page(tree, committed):
    profile = ProfilePage.objects.live().first()
    url = profile.url
    with committed():
        profile.unpublish()
    assert url in paths()
    PURGED.clear()
    with committed():
        profile.delete()
    assert url in paths()
    assert tree.listings["profile"].url in paths()


def test_a_draft_purges_nothing(tree, committed):
    profile = ProfilePage.objects.live().first()
    profile.title = "草稿"
    with committed():
        profile.save_revision()
    assert PURGED == []


def test_snippets_settings_and_moves_purge_everything(tree, committed):
    title = tree.titles["district"]
    title.name = "新称号"
    with committed():
        title.save()
    assert "/*" in paths()
    PURGED.clear()
    site_settings = SiteSettings.objects.get_or_create(site=tree.home.get_site())[0]
    site_settings.footer_note = "新的说明"
    with committed():
        site_settings.save()
    assert "/*" in paths()
    PURGED.clear()
    profile = ProfilePage.objects.live().first()
    with committed():
        profile.move(tree.centre, pos="last-child")
    assert "/*" in paths()


def test_nothing_is_sent_without_a_front_end_cache(settings, tree, committed):
    del settings.WAGTAILFRONTENDCACHE
    profile = ProfilePage.objects.live().first()
    with committed():
        profile.save_revision().publish()
    assert PURGED == []
