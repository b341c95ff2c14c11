"""`sync_roles`: groups, permissions, collections and workflows derived from the place tree."""

from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase, TransactionTestCase
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from moderation.models import PlaceRole
from moderation.roles import OFFICE, SITE_ADMINS, role_for, sync_roles

from . import factories as f
from .moderation import build_world


def snapshot():
    """Everything sync_roles manages, as comparable plain data."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "group_permissions": sorted(
            Group.permissions.through.objects.values_list("group__name", "permission__codename")
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list("group__name", "page__title", "permission__codename")
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection__name", "permission__codename"
            )
        ),
        "collections": sorted(Collection.objects.values_list("path", "name")),
        "restrictions": sorted(
            (r.collection.name, r.restriction_type, tuple(sorted(g.name for g in r.groups.all())))
            for r in CollectionViewRestriction.objects.all()
        ),
        "workflows": sorted(WorkflowTask.objects.values_list("workflow__name", "sort_order", "task__name")),
        "assignments": sorted(WorkflowPage.objects.values_list("page__title", "workflow__name")),
        "tasks": sorted(Task.objects.values_list("name", "active")),
        "roles": sorted(PlaceRole.objects.values_list("page__title", "kind", "group__name")),
    }


class SyncRolesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    def perms(self, group_name, page):
        return set(
            GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
                "permission__codename", flat=True
            )
        )

    def test_running_twice_changes_nothing(self):
        before = snapshot()
        out = StringIO()
        call_command("sync_roles", stdout=out)
        self.assertIn("nothing changed", out.getvalue())
        self.assertEqual(snapshot(), before)

    def test_community_editors_add_and_edit_their_community_only(self):
        self.assertEqual(self.perms("浔美社区编辑", self.world.community_a), {"add_page", "change_page"})
        self.assertEqual(
            GroupPagePermission.objects.filter(group__name="浔美社区编辑").count(), 2, "nothing anywhere else"
        )
        role = role_for(self.world.community_a, PlaceRole.Kind.EDITORS)
        self.assertEqual(role.image_collection.name, "浔美社区")
        self.assertEqual(role.image_collection.get_parent().name, "城东街道")
        self.assertEqual(
            set(
                GroupCollectionPermission.objects.filter(group=role.group).values_list(
                    "collection__name", "permission__codename"
                )
            ),
            {
                ("浔美社区", "add_image"),
                ("浔美社区", "choose_image"),
                ("浔美社区", "add_media"),
                ("浔美社区同意书", "add_document"),
                ("浔美社区同意书", "choose_document"),
            },
        )

    def test_consent_forms_are_private_to_the_community_its_street_and_the_office(self):
        consent = role_for(self.world.community_a, PlaceRole.Kind.EDITORS).consent_collection
        restriction = CollectionViewRestriction.objects.get(collection=consent)
        self.assertEqual(restriction.restriction_type, CollectionViewRestriction.GROUPS)
        self.assertEqual(
            {group.name for group in restriction.groups.all()}, {"浔美社区编辑", "城东街道审核", OFFICE}
        )
        self.assertEqual(
            CollectionViewRestriction.objects.get(collection=consent.get_parent()).restriction_type,
            CollectionViewRestriction.LOGIN,
        )

    def test_street_reviewers_edit_their_street_and_approve_its_first_step(self):
        self.assertEqual(self.perms("城东街道审核", self.world.street_a), {"change_page"})
        workflow = WorkflowPage.objects.get(page=self.world.street_a).workflow
        tasks = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
        self.assertEqual([task.name for task in tasks], ["城东街道初审", "区委文明办终审"])
        self.assertEqual([g.name for g in tasks[0].groups.all()], ["城东街道审核"])
        self.assertEqual([g.name for g in tasks[1].groups.all()], [OFFICE])

    def test_the_office_publishes_everywhere_and_approves_last(self):
        self.assertEqual(
            self.perms(OFFICE, self.world.home),
            {"add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"},
        )
        self.assertEqual(WorkflowPage.objects.get(page=self.world.centre).workflow.name, "区委文明办审核")
        self.assertEqual(WorkflowPage.objects.get(page__depth=1).workflow.name, "区委文明办审核")

    def test_site_administrators_manage_users_and_settings_but_no_pages(self):
        group = Group.objects.get(name=SITE_ADMINS)
        codenames = set(group.permissions.values_list("codename", flat=True))
        self.assertTrue({"add_user", "change_user", "change_sitesettings", "access_admin"} <= codenames)
        self.assertFalse(GroupPagePermission.objects.filter(group=group).exists())
        self.assertFalse(GroupCollectionPermission.objects.filter(group=group).exists())
        self.assertFalse(self.world.users["site_admin"].is_superuser)

    def test_no_community_role_may_publish(self):
        publish = Permission.objects.get(codename="publish_page")
        for role in PlaceRole.objects.all():
            self.assertFalse(
                GroupPagePermission.objects.filter(group=role.group, permission=publish).exists(), role
            )

    def test_a_new_community_gets_its_group_collections_and_workflow(self):
        new = f.CommunityPageFactory(parent=self.world.street_b, title="华丰社区", slug="huafeng")
        report = sync_roles()
        self.assertTrue(report.changed)
        role = role_for(new, PlaceRole.Kind.EDITORS)
        self.assertEqual(role.group.name, "华丰社区编辑")
        self.assertEqual(self.perms("华丰社区编辑", new), {"add_page", "change_page"})
        self.assertEqual(
            (role.image_collection.name, role.consent_collection.name), ("华丰社区", "华丰社区同意书")
        )
        # Its pages follow the street's two-step workflow.
        page = f.StoryPageFactory(parent=new)
        self.assertEqual(page.get_workflow().name, "华大街道两级审核")
        self.assertFalse(sync_roles().changed)

    def test_a_renamed_community_keeps_its_group_under_the_new_name(self):
        community = self.world.community_b
        group_id = role_for(community, PlaceRole.Kind.EDITORS).group_id
        community.title = "城东新社区"
        community.save()
        sync_roles()
        role = role_for(community, PlaceRole.Kind.EDITORS)
        self.assertEqual((role.group_id, role.group.name), (group_id, "城东新社区编辑"))
        self.assertEqual(role.image_collection.name, "城东新社区")
        self.assertFalse(Group.objects.filter(name="城东社区编辑").exists())

    def test_a_community_moved_to_another_street_follows_it(self):
        community = self.world.community_a2
        community.move(self.world.street_b, pos="last-child")
        sync_roles()
        role = role_for(community, PlaceRole.Kind.EDITORS)
        self.assertEqual(role.image_collection.get_parent().name, "华大街道")
        restriction = CollectionViewRestriction.objects.get(collection=role.consent_collection)
        self.assertIn("华大街道审核", {g.name for g in restriction.groups.all()})
        self.assertNotIn("城东街道审核", {g.name for g in restriction.groups.all()})

    def test_permissions_added_by_hand_to_a_managed_group_are_put_right(self):
        publish = Permission.objects.get(codename="publish_page")
        GroupPagePermission.objects.create(
            group=Group.objects.get(name="浔美社区编辑"), page=self.world.community_a, permission=publish
        )
        sync_roles()
        self.assertEqual(self.perms("浔美社区编辑", self.world.community_a), {"add_page", "change_page"})


class SyncOnPublishTests(TransactionTestCase):
    """Publishing a new community in the admin gives it its roles at once (no command needed)."""

    serialized_rollback = True

    def test_publishing_a_community_creates_its_roles(self):
        world = build_world()
        community = f.CommunityPageFactory(
            parent=world.street_a, title="新建社区", slug="xinjian", live=False
        )
        self.assertFalse(PlaceRole.objects.filter(page=community).exists())
        community.save_revision().publish()
        self.assertTrue(Group.objects.filter(name="新建社区编辑").exists())
        self.assertEqual(Workflow.objects.filter(name="城东街道两级审核").count(), 1)


class SameNamedCommunitiesTests(TestCase):
    """Two streets may each have a 新村社区: each keeps its own group and consent forms."""

    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.twin_a = f.CommunityPageFactory(parent=cls.world.street_a, title="新村社区", slug="xincun-a")
        cls.twin_b = f.CommunityPageFactory(parent=cls.world.street_b, title="新村社区", slug="xincun-b")
        sync_roles()

    def test_each_gets_its_own_group_and_consent_folder(self):
        role_a = role_for(self.twin_a, PlaceRole.Kind.EDITORS)
        role_b = role_for(self.twin_b, PlaceRole.Kind.EDITORS)
        self.assertNotEqual(role_a.group_id, role_b.group_id)
        self.assertNotEqual(role_a.consent_collection_id, role_b.consent_collection_id)
        self.assertEqual(
            {role_a.group.name, role_b.group.name}, {"城东街道新村社区编辑", "华大街道新村社区编辑"}
        )
        self.assertEqual(
            set(GroupPagePermission.objects.filter(group=role_a.group).values_list("page_id", flat=True)),
            {self.twin_a.pk},
        )
        restriction = CollectionViewRestriction.objects.get(collection=role_b.consent_collection)
        self.assertNotIn(role_a.group, restriction.groups.all())

    def test_a_community_unique_again_gets_its_plain_name_back(self):
        self.twin_b.title = "新村二社区"
        self.twin_b.save_revision().publish()
        sync_roles()
        self.assertEqual(role_for(self.twin_a, PlaceRole.Kind.EDITORS).group.name, "新村社区编辑")
        self.assertEqual(role_for(self.twin_b, PlaceRole.Kind.EDITORS).group.name, "新村二社区编辑")
