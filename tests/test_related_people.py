"""Related people on a story: ordered links chosen through Wagtail's page chooser (with search),
kept by the data migration, shown on the public page and in the API."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.search.segmenting import invalidate_dictionary
from exhibits.models import StoryPage, StoryPerson

from . import factories as f
from .moderation import build_world, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def people(world):
    """Sixty live profiles across two communities, and one draft."""
    made = {}
    for index in range(60):
        parent = world.community_a if index % 2 else world.community_b
        page = f.ProfilePageFactory(parent=parent, title=f"人物{index:02d}号", slug=f"renwu-{index}")
        made[page.title] = page
    made["陈秀英"] = f.ProfilePageFactory(parent=world.community_a, title="陈秀英", slug="chen-xiuying")
    made["林志强"] = f.ProfilePageFactory(parent=world.community_b, title="林志强", slug="lin-zhiqiang")
    made["草稿人物"] = f.ProfilePageFactory(
        parent=world.community_a, title="草稿人物", slug="caogao", live=False
    )
    invalidate_dictionary()
    return made


def test_the_story_editor_offers_a_searchable_profile_chooser_not_a_select(client, world, people):
    client.force_login(world.users["editor_a"])
    url = reverse("wagtailadmin_pages:add", args=("exhibits", "storypage", world.community_a.pk))
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert "增加 相关人物" in html
    assert "exhibits.profilepage" in html.lower()  # the chooser is restricted to profiles
    assert "人物30号" not in html  # no list of every person on the site
    assert len(queries) < 120


def test_the_page_chooser_finds_a_profile_by_name_and_pinyin(client, world, people):
    client.force_login(world.users["editor_a"])
    url = reverse("wagtailadmin_choose_page_search")
    for query, expected in (("陈秀英", "陈秀英"), ("chenxiuying", "陈秀英"), ("林志强", "林志强")):
        response = client.get(url, {"q": query, "page_type": "exhibits.profilepage"})
        assert response.status_code == 200
        html = response.content.decode()
        assert expected in html, query
        assert "人物30号" not in html  # only what matches, not every profile
    # Other kinds of page are never offered.
    response = client.get(url, {"q": "浔美", "page_type": "exhibits.profilepage"})
    assert "浔美社区</a>" not in response.content.decode()


def test_links_are_kept_in_order_and_only_live_people_are_shown(client, world, people):
    story = f.StoryPageFactory(parent=world.community_a, title="邻里守望", slug="linli-shouwang")
    story.related_people = [
        StoryPerson(person=people["林志强"]),
        StoryPerson(person=people["草稿人物"]),
        StoryPerson(person=people["陈秀英"]),
    ]
    publish(story)
    assert story.live_people() == [people["林志强"], people["陈秀英"]]

    html = client.get(story.url).content.decode()
    assert html.index("林志强") < html.index("陈秀英")
    assert "草稿人物" not in html

    answer = client.get(f"/api/v2/pages/{story.pk}/").json()
    assert [person["title"] for person in answer["people"]] == ["林志强", "陈秀英"]


def test_choosing_people_through_the_editor_saves_links(client, world, people):
    from wagtail.test.utils.form_data import inline_formset

    from .admin_forms import page_form

    client.force_login(world.users["editor_a"])
    data = page_form(
        StoryPage,
        {
            "title": "两位好邻居",
            "intro": "导语",
            "related_people": inline_formset(
                [{"person": people["陈秀英"].pk}, {"person": people["林志强"].pk}]
            ),
        },
    )
    url = reverse("wagtailadmin_pages:add", args=("exhibits", "storypage", world.community_a.pk))
    assert client.post(url, data).status_code == 302
    story = StoryPage.objects.get(title="两位好邻居")
    draft = story.get_latest_revision_as_object()
    assert [link.person_id for link in draft.related_people.all()] == [
        people["陈秀英"].pk,
        people["林志强"].pk,
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_existing_links(home_page):
    executor = MigrationExecutor(connection)
    before = [("exhibits", "0006_family_kind_values")]
    after = [("exhibits", "0007_story_people_chooser")]
    try:
        executor.migrate(before)
        apps = executor.loader.project_state(before).apps
        Page = apps.get_model("wagtailcore", "Page")
        Old = apps.get_model("exhibits", "StoryPage")
        Profile = apps.get_model("exhibits", "ProfilePage")
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        home = Page.objects.get(pk=home_page.pk)
        profile_type, _ = ContentType.objects.get_or_create(app_label="exhibits", model="profilepage")
        story_type, _ = ContentType.objects.get_or_create(app_label="exhibits", model="storypage")

        def child(model, content_type, number, **fields):
            return model.objects.create(
                title=f"页面{number}",
                slug=f"page-{number}",
                path=f"{home.path}{number:04d}",
                depth=home.depth + 1,
                content_type=content_type,
                locale_id=home.locale_id,
                url_path=f"{home.url_path}page-{number}/",
                draft_title=f"页面{number}",
                **fields,
            )

        one = child(Profile, profile_type, 101, summary="甲", intro="甲")
        two = child(Profile, profile_type, 102, summary="乙", intro="乙")
        story = child(Old, story_type, 103, intro="故事")
        Through = Old.people.through
        Through.objects.create(storypage_id=story.pk, profilepage_id=two.pk)
        Through.objects.create(storypage_id=story.pk, profilepage_id=one.pk)
        Revision.objects.create(
            content_type=story_type,
            base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
            object_id=str(story.pk),
            content={"pk": story.pk, "title": "页面103", "people": [two.pk, one.pk]},
            created_at=timezone.now(),
            object_str="页面103",
        )

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        apps = executor.loader.project_state(after).apps
        Link = apps.get_model("exhibits", "StoryPerson")
        links = list(
            Link.objects.filter(page_id=story.pk).order_by("sort_order").values_list("person_id", flat=True)
        )
        assert links == [two.pk, one.pk]
        revision = apps.get_model("wagtailcore", "Revision").objects.get(object_id=str(story.pk))
        assert "people" not in revision.content
        assert [item["person"] for item in revision.content["related_people"]] == [two.pk, one.pk]
    finally:
        MigrationExecutor(connection).loader.build_graph()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
