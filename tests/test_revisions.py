"""Pages built from their revisions and published (core/keys.py, core/search/indexing.py).

Each foreign key is checked once, in one query per related model; a key to a row deleted since the
draft was saved is dropped instead of breaking the draft; and a publish is one transaction.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry
from wagtail.search.backends import get_search_backend

from core.search import indexing
from exhibits.models import ProfileHonour, ProfilePage

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(home_page):
    community = f.CommunityPageFactory(parent=f.StreetPageFactory(parent=home_page))
    profile = f.ProfilePageFactory(parent=community, portrait=f.SiteImageFactory(), title="陈秀英")
    for year in (2018, 2019, 2020):
        f.ProfileHonourFactory(profile=profile, title=f.HonourTitleFactory(), year=year)
    profile.tags.add("志愿服务", "敬老")
    profile.save_revision().publish()
    return ProfilePage.objects.get(pk=profile.pk)


def touched_tables(queries):
    return {
        query["sql"].split(" FROM ", 1)[1].split()[0].strip('"')
        for query in queries
        if " FROM " in query["sql"]
    }


def test_building_from_a_revision_checks_each_related_model_once_and_keeps_the_rows(profile):
    revision = profile.save_revision()
    with CaptureQueriesContext(connection) as building:
        draft = revision.as_object()
    # The portrait, the consent form, the tags and the three honour titles: one query per model
    # (and Wagtail's own for the page's comments), not one per key.
    assert len(building) <= 5, [query["sql"] for query in building]
    with CaptureQueriesContext(connection) as reading:
        honours = draft.sorted_honours()
        consent = draft.consent
        portrait = draft.portrait
    assert len(reading) == 0, [query["sql"] for query in reading]
    assert [honour.year for honour in honours] == [2020, 2019, 2018]
    assert consent.form_id == profile.consent_form_id
    assert portrait.pk == profile.portrait_id


def test_keys_to_rows_deleted_since_the_draft_are_dropped(profile):
    new_title = f.HonourTitleFactory(name="草稿里的称号")
    profile.honours.add(ProfileHonour(title=new_title, category="helping", year=2021))
    revision = profile.save_revision()  # the new honour exists only in the draft
    profile.portrait.delete()
    profile.consent_form.delete()
    new_title.delete()  # nothing saved protects it: only the draft names it

    draft = revision.as_object()  # modelcluster would raise for the honour's protected title
    assert draft.portrait_id is None
    assert draft.consent_form_id is None
    assert draft.consent.form_id is None
    assert sorted(honour.year for honour in draft.honours.all()) == [2018, 2019, 2020]


def test_the_validation_after_building_checks_a_key_that_changed(profile):
    draft = profile.save_revision().as_object()
    with CaptureQueriesContext(connection) as validating:
        draft.full_clean()
    assert not {"home_siteimage", "wagtaildocs_document"} & touched_tables(validating)

    draft.portrait_id = 999_999
    with pytest.raises(ValidationError) as refused:
        draft.full_clean()
    assert "portrait" in refused.value.message_dict


def test_a_page_built_from_a_revision_takes_the_live_revision_of_the_page(profile):
    draft = profile.save_revision().as_object()
    assert draft.live_revision_id == profile.live_revision_id


def test_a_publish_that_fails_part_way_leaves_nothing_behind(profile, monkeypatch):
    logged = PageLogEntry.objects.filter(page=profile, action="wagtail.publish").count()
    profile.title = "陈秀英（改名）"
    revision = profile.save_revision()

    def broken_index(page, saved=False):
        raise RuntimeError("the search index is unavailable")

    monkeypatch.setattr("discovery.signal_handlers.index_page", broken_index)
    with pytest.raises(RuntimeError):
        revision.publish()

    profile.refresh_from_db()
    assert profile.title == "陈秀英"
    assert profile.live_revision_id != revision.pk
    assert PageLogEntry.objects.filter(page=profile, action="wagtail.publish").count() == logged


def test_a_publish_writes_the_index_once_from_the_saved_rows(profile, monkeypatch):
    title = f.HonourTitleFactory(name="新加的称号")
    written = []
    backend = type(get_search_backend())
    original = backend.add
    monkeypatch.setattr(backend, "add", lambda self, obj: (written.append(obj), original(self, obj)))
    profile.honours.add(ProfileHonour(title=title, category="helping", year=2022))
    profile.save_revision().publish()

    assert len(written) == 1
    assert "新加的称号" in indexing.field_texts(written[0], ProfilePage.get_search_fields())
