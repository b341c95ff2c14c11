"""Groups, permissions, collections and workflows derived from the place tree.

`sync_roles()` makes them match the tree exactly; it is idempotent and safe to run in production:

- each community: a group 「<社区>编辑」 that may add and edit pages in the community's subtree (never
  publish), an image/media collection of its own and a private collection for consent forms;
- each street: a group 「<街道>审核」 that may edit the street's subtree and approves its first step;
- the district office 「区委文明办」: publishes anywhere and gives the final approval;
- 「站点管理员」: users and site settings, no pages; not a superuser.

Every street's subtree gets the workflow street review → office approval; pages directly under
the district centre (and the rest of the site) get office approval only.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import CommunityPage, DistrictCentrePage, StreetPage

from .models import ConsentCheckedApprovalTask, PlaceRole

OFFICE = "区委文明办"
SITE_ADMINS = "站点管理员"
IMAGE_ROOT = "阵地图库"
CONSENT_ROOT = "同意书（不公开）"
OFFICE_TASK = "区委文明办终审"
OFFICE_WORKFLOW = "区委文明办审核"

IMAGE_EDIT = ["wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.delete_image"]
IMAGE_CHOOSE = ["wagtailimages.choose_image"]
MEDIA_EDIT = ["wagtailmedia.add_media", "wagtailmedia.change_media", "wagtailmedia.delete_media"]
DOCS_EDIT = ["wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.delete_document"]
DOCS_CHOOSE = ["wagtaildocs.choose_document"]

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
EDITOR_GLOBAL = [*ADMIN_ACCESS, "exhibits.view_honourtitle", "videos.view_videoseries"]
OFFICE_GLOBAL = [
    *ADMIN_ACCESS,
    "exhibits.add_honourtitle",
    "exhibits.change_honourtitle",
    "exhibits.delete_honourtitle",
    "videos.add_videoseries",
    "videos.change_videoseries",
    "videos.delete_videoseries",
    # To read the audit log of logins (kept against users) and of unknown-user failures (site).
    "auth.view_user",
    "wagtailcore.view_site",
    # The public nominations queue with the nominators' contact details, and the 评议 rounds.
    "nominations.view_nomination",
    "nominations.change_nomination",
    "nominations.view_nominator_contact",
    "nominations.add_endorsementround",
    "nominations.change_endorsementround",
    "nominations.delete_endorsementround",
    "nominations.view_endorsementround",
    # Honour rosters: import anywhere, read every import report, export the honour roll.
    "rosters.add_rosterimport",
    "rosters.view_rosterimport",
    "rosters.view_all_rosterimports",
    "rosters.export_honourroll",
]
# A community's editors read their own community's nominations (nominations.permissions narrows
# the rows), never the nominators' contact details.
# They import rosters into their own community (rosters.permissions narrows the rows).
COMMUNITY_EDITOR_GLOBAL = [
    *EDITOR_GLOBAL,
    "nominations.view_nomination",
    "rosters.add_rosterimport",
    "rosters.view_rosterimport",
]
SITE_ADMIN_GLOBAL = [
    *ADMIN_ACCESS,
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.view_user",
    "home.change_sitesettings",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
]


@dataclass
class SyncReport:
    changes: Counter = field(default_factory=Counter)

    def note(self, what, count=1):
        if count:
            self.changes[what] += count

    @property
    def changed(self):
        return bool(self.changes)


def permissions(*names):
    result = []
    for name in names:
        app_label, codename = name.split(".")
        result.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return result


def page_permissions(*codenames):
    return permissions(*(f"wagtailcore.{codename}" for codename in codenames))


class RoleSync:
    def __init__(self):
        self.report = SyncReport()

    # Building blocks -------------------------------------------------------------------------

    def group(self, name):
        group, created = Group.objects.get_or_create(name=name)
        self.report.note("用户组", created)
        return group

    def set_global_permissions(self, group, names):
        wanted = set(permissions(*names))
        current = set(group.permissions.all())
        if wanted != current:
            group.permissions.set(wanted)
            self.report.note("全局权限", len(wanted ^ current))

    def set_page_permissions(self, group, grants):
        """`grants`: {page: [codename, …]}. Anything else the group holds on pages is removed."""
        wanted = {
            (page.pk, perm.pk) for page, codenames in grants.items() for perm in page_permissions(*codenames)
        }
        current = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id"))
        for page_id, permission_id in wanted - current:
            GroupPagePermission.objects.create(group=group, page_id=page_id, permission_id=permission_id)
        stale = current - wanted
        for page_id, permission_id in stale:
            GroupPagePermission.objects.filter(
                group=group, page_id=page_id, permission_id=permission_id
            ).delete()
        self.report.note("页面权限", len(wanted - current) + len(stale))

    def set_collection_permissions(self, group, grants):
        """`grants`: {collection: [perm name, …]}. Anything else on collections is removed."""
        wanted = {
            (collection.pk, perm.pk) for collection, names in grants.items() for perm in permissions(*names)
        }
        current = set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection_id", "permission_id"
            )
        )
        for collection_id, permission_id in wanted - current:
            GroupCollectionPermission.objects.create(
                group=group, collection_id=collection_id, permission_id=permission_id
            )
        stale = current - wanted
        for collection_id, permission_id in stale:
            GroupCollectionPermission.objects.filter(
                group=group, collection_id=collection_id, permission_id=permission_id
            ).delete()
        self.report.note("图库权限", len(wanted - current) + len(stale))

    def collection(self, parent, name, existing=None):
        """A collection `name` under `parent`, reusing (renaming, moving) `existing` if given."""
        if existing is None:
            existing = next((child for child in parent.get_children() if child.name == name), None)
        if existing is None:
            self.report.note("图库")
            return parent.add_child(name=name)
        if existing.name != name:
            existing.name = name
            existing.save(update_fields=["name"])
            self.report.note("图库改名")
        if existing.get_parent().pk != parent.pk:
            existing.move(parent, pos="sorted-child")
            existing.refresh_from_db()
            self.report.note("图库移动")
        return existing

    def restrict_to_groups(self, collection, groups):
        restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
        if restriction is None:
            restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.GROUPS
            )
            self.report.note("私有文件夹")
        if restriction.restriction_type != CollectionViewRestriction.GROUPS:
            restriction.restriction_type = CollectionViewRestriction.GROUPS
            restriction.save(update_fields=["restriction_type"])
        if set(restriction.groups.all()) != set(groups):
            restriction.groups.set(groups)
            self.report.note("私有文件夹权限")

    def restrict_to_login(self, collection):
        if not CollectionViewRestriction.objects.filter(collection=collection).exists():
            CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.LOGIN
            )
            self.report.note("私有文件夹")

    def approval_task(self, model, name, groups):
        task = model.objects.filter(name=name).first()
        if task is None:
            task = model.objects.create(name=name)
            self.report.note("审核步骤")
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        if set(task.groups.all()) != set(groups):
            task.groups.set(groups)
            self.report.note("审核步骤成员")
        return task

    def workflow(self, name, tasks):
        workflow = Workflow.objects.filter(name=name).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=name)
            self.report.note("审核流程")
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        current = list(
            WorkflowTask.objects.filter(workflow=workflow)
            .order_by("sort_order")
            .values_list("task_id", flat=True)
        )
        if current != [task.pk for task in tasks]:
            WorkflowTask.objects.filter(workflow=workflow).delete()
            for order, task in enumerate(tasks):
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
            self.report.note("审核流程步骤")
        return workflow

    def assign_workflow(self, page, workflow):
        assignment = WorkflowPage.objects.filter(page=page).first()
        if assignment is None:
            WorkflowPage.objects.create(page=page, workflow=workflow)
            self.report.note("流程指派")
        elif assignment.workflow_id != workflow.pk:
            assignment.workflow = workflow
            assignment.save(update_fields=["workflow"])
            self.report.note("流程指派")

    def place_role(self, page, kind, name):
        role = PlaceRole.objects.select_related("group").filter(page=page, kind=kind).first()
        if role is None:
            group = self.group(name)
            role = PlaceRole.objects.create(page=page, kind=kind, group=group)
            self.report.note("阵地角色")
        elif role.group.name != name:
            role.group.name = name
            role.group.save(update_fields=["name"])
            self.report.note("用户组改名")
        return role

    # The whole tree -------------------------------------------------------------------------------

    @transaction.atomic
    def run(self):
        root_page = Page.get_first_root_node()
        root_collection = Collection.get_first_root_node()
        office = self.group(OFFICE)
        site_admins = self.group(SITE_ADMINS)
        image_root = self.collection(root_collection, IMAGE_ROOT)
        consent_root = self.collection(root_collection, CONSENT_ROOT)
        self.restrict_to_login(consent_root)

        office_task = self.approval_task(ConsentCheckedApprovalTask, OFFICE_TASK, [office])
        office_workflow = self.workflow(OFFICE_WORKFLOW, [office_task])
        # Everything outside a street (the home page, listings, the centre's own exhibits).
        self.assign_workflow(root_page, office_workflow)
        for centre in DistrictCentrePage.objects.all():
            self.assign_workflow(centre, office_workflow)

        home_pages = list(Page.objects.filter(depth=2))
        self.set_global_permissions(office, OFFICE_GLOBAL)
        self.set_page_permissions(
            office,
            {
                page: [
                    "add_page",
                    "change_page",
                    "publish_page",
                    "bulk_delete_page",
                    "lock_page",
                    "unlock_page",
                ]
                for page in home_pages
            },
        )
        self.set_collection_permissions(
            office,
            {root_collection: [*IMAGE_EDIT, *IMAGE_CHOOSE, *MEDIA_EDIT, *DOCS_EDIT, *DOCS_CHOOSE]},
        )
        self.set_global_permissions(site_admins, SITE_ADMIN_GLOBAL)
        self.set_page_permissions(site_admins, {})
        self.set_collection_permissions(site_admins, {})

        streets = list(StreetPage.objects.order_by("path"))
        communities = list(CommunityPage.objects.order_by("path"))
        names = role_names(streets, communities)
        for street in streets:
            street_name = names[street.pk]
            reviewers = self.place_role(street, PlaceRole.Kind.REVIEWERS, f"{street_name}审核")
            street_collection = self.collection(image_root, street_name, reviewers.image_collection)
            if reviewers.image_collection_id != street_collection.pk:
                reviewers.image_collection = street_collection
                reviewers.save(update_fields=["image_collection"])
            street_task = self.approval_task(GroupApprovalTask, f"{street_name}初审", [reviewers.group])
            self.assign_workflow(street, self.workflow(f"{street_name}两级审核", [street_task, office_task]))

            reviewer_collections = {
                street_collection: [*IMAGE_CHOOSE, "wagtailimages.add_image", "wagtailmedia.add_media"]
            }
            for community in (c for c in communities if c.path.startswith(street.path)):
                community_name = names[community.pk]
                editors = self.place_role(community, PlaceRole.Kind.EDITORS, f"{community_name}编辑")
                images = self.collection(street_collection, community_name, editors.image_collection)
                consent = self.collection(consent_root, f"{community_name}同意书", editors.consent_collection)
                if (editors.image_collection_id, editors.consent_collection_id) != (images.pk, consent.pk):
                    editors.image_collection, editors.consent_collection = images, consent
                    editors.save(update_fields=["image_collection", "consent_collection"])
                self.restrict_to_groups(consent, [editors.group, reviewers.group, office])
                self.set_global_permissions(editors.group, COMMUNITY_EDITOR_GLOBAL)
                self.set_page_permissions(editors.group, {community: ["add_page", "change_page"]})
                self.set_collection_permissions(
                    editors.group,
                    {
                        images: ["wagtailimages.add_image", *IMAGE_CHOOSE, "wagtailmedia.add_media"],
                        consent: ["wagtaildocs.add_document", *DOCS_CHOOSE],
                    },
                )
                reviewer_collections[consent] = DOCS_CHOOSE

            self.set_global_permissions(reviewers.group, EDITOR_GLOBAL)
            self.set_page_permissions(reviewers.group, {street: ["change_page"]})
            self.set_collection_permissions(reviewers.group, reviewer_collections)
        return self.report


def role_names(streets, communities):
    """{page id: the name its groups, collections and workflow go by}: the page's title, unless
    another street (or community) has the same one. Group and collection names must never be
    shared: the second community would be handed the first one's group and consent forms."""
    names = {}
    for places, qualify in (
        (streets, lambda street: street.title),
        (communities, lambda community: f"{community.get_parent().title}{community.title}"),
    ):
        titles = Counter(place.title for place in places)
        for place in places:
            names[place.pk] = place.title if titles[place.title] == 1 else qualify(place)
        qualified = Counter(names[place.pk] for place in places)
        for place in places:
            if qualified[names[place.pk]] > 1:
                names[place.pk] = f"{names[place.pk]}（{place.pk}）"
    return names


def sync_roles():
    """Bring groups, permissions, collections and workflows in line with the place tree."""
    return RoleSync().run()


def role_for(page, kind):
    return PlaceRole.objects.select_related("group", "image_collection", "consent_collection").get(
        page=page, kind=kind
    )
