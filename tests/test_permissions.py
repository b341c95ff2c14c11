"""Who may do what, tried from the attacker's side: direct URLs and ids, not hidden buttons.

Each row of MATRIX is an action; each role has two cells: on a page in its *own* subtree and on a
page in *another* one (for the office and the site administrators, "own" is community A and
"other" community B; for anonymous visitors too). A cell is ALLOW when the action's effect is
observed (a revision saved, the page live, the workflow moved …) and DENY when it is not.

Roles: community A's editors (浔美社区, 城东街道), community B's editors (城东社区, 华大街道), the
reviewers of each street, the district office and the site administrators.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, streamfield

from exhibits.models import ProfilePage
from home.models import SiteImage

from . import factories as f
from .admin_forms import page_form
from .moderation import build_world

Y, N = "ALLOW", "DENY"

ROLES = ["anonymous", "editor_a", "editor_b", "reviewer_a", "reviewer_b", "office", "site_admin"]
OWN_COMMUNITY = {"editor_b": "b", "reviewer_b": "b"}  # everyone else's "own" is A

#                              anonymous  editor_a  editor_b  reviewer_a reviewer_b  office   site_admin
#                              own other  own other own other own other  own other  own other own other
MATRIX = {
    "open the edit view":       [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "save a draft":             [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "publish directly":         [N, N,    N, N,     N, N,     N, N,      N, N,      Y, Y,    N, N],
    "submit for review":        [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "approve step 1":           [N, N,    N, N,     N, N,     Y, N,      Y, N,      N, N,    N, N],
    "approve step 2":           [N, N,    N, N,     N, N,     N, N,      N, N,      Y, Y,    N, N],
    "request changes":          [N, N,    N, N,     N, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "unpublish":                [N, N,    N, N,     N, N,     N, N,      N, N,      Y, Y,    N, N],
    "delete":                   [N, N,    N, N,     N, N,     N, N,      N, N,      Y, Y,    N, N],
    "move out of the subtree":  [N, N,    N, N,     N, N,     N, N,      N, N,      Y, Y,    N, N],
    "copy":                     [N, N,    Y, N,     Y, N,     N, N,      N, N,      Y, Y,    N, N],
    "preview by POST":          [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "compare revisions by id":  [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "page history":             [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "choose an image":          [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
    "upload an image":          [N, N,    Y, N,     Y, N,     Y, N,      Y, N,      Y, Y,    N, N],
}  # fmt: skip


def cells():
    for action, row in MATRIX.items():
        for index, role in enumerate(ROLES):
            yield action, role, "own", row[2 * index]
            yield action, role, "other", row[2 * index + 1]


class Rollback(Exception):
    pass


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        w = cls.world
        cls.pages = {
            "a": f.ProfilePageFactory(parent=w.community_a, title="浔美人物", slug="xunmei-renwu"),
            "b": f.ProfilePageFactory(parent=w.community_b, title="城东人物", slug="chengdong-renwu"),
        }
        for page in cls.pages.values():
            page.save_revision().publish()
            page.title += "（修改）"
            page.save_revision()
        cls.images = {
            "a": f.SiteImageFactory(collection=w.roles["editors_a"].image_collection),
            "b": f.SiteImageFactory(collection=w.roles["editors_b"].image_collection),
        }
        cls.collections = {key: cls.images[key].collection for key in cls.images}
        cls.superuser = get_user_model().objects.create_superuser("root", "root@example.com", "pw")

    # Helpers -----------------------------------------------------------------------------

    def page(self, key):
        return ProfilePage.objects.get(pk=self.pages[key].pk)

    def login(self, role):
        self.client.logout()
        user = self.world.users[role]
        if user is not None:
            self.client.force_login(get_user_model().objects.get(pk=user.pk))
        return user

    def edit_data(self, page, **changes):
        data = {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "summary": page.summary,
            "occupation": page.occupation,
            "consent_given_by": page.consent_given_by,
            "consent_date": page.consent_date.isoformat(),
            "consent_scope_name": "on",
            "consent_scope_portrait": "on",
            "consent_scope_story": "on",
            "consent_form": page.consent_form_id,
            "honours": inline_formset([]),
            "deeds": streamfield([]),
            "body": streamfield([]),
            "tags": "",
        }
        data.update(changes)
        return page_form(ProfilePage, data)

    def start_review(self, page):
        """Submitted by the community's own editor: the page waits at step 1 (street review)."""
        editor = self.world.users["editor_b" if page.pk == self.pages["b"].pk else "editor_a"]
        page.get_workflow().start(page, editor)
        return page.current_workflow_state

    def pass_step_1(self, page):
        reviewer = self.world.users["reviewer_b" if page.pk == self.pages["b"].pk else "reviewer_a"]
        state = self.start_review(page)
        state.current_task_state.approve(user=reviewer)
        state.refresh_from_db()
        return state

    def workflow_action(self, page, action, task_state, **data):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return self.client.post(url, data)

    # Actions: each returns True when its effect is observed --------------------------------------

    def act_open_the_edit_view(self, page, role):
        return self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200

    def act_save_a_draft(self, page, role):
        before = page.latest_revision_id
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), self.edit_data(page, title="草稿标题")
        )
        page.refresh_from_db()
        return page.latest_revision_id != before and page.get_latest_revision_as_object().title == "草稿标题"

    def act_publish_directly(self, page, role):
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**self.edit_data(page, title="直接发布"), "action-publish": "action-publish"},
        )
        page.refresh_from_db()
        return page.title == "直接发布" and page.live

    def act_submit_for_review(self, page, role):
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**self.edit_data(page), "action-submit": "action-submit"},
        )
        return WorkflowState.objects.active().filter(object_id=str(page.pk)).exists()

    def act_approve_step_1(self, page, role):
        state = self.start_review(page)
        task_state = state.current_task_state
        self.workflow_action(page, "approve", task_state)
        return TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED

    def act_approve_step_2(self, page, role):
        state = self.pass_step_1(page)
        task_state = state.current_task_state
        self.workflow_action(page, "approve", task_state)
        page.refresh_from_db()
        return TaskState.objects.get(
            pk=task_state.pk
        ).status == TaskState.STATUS_APPROVED and page.title.endswith("（修改）")

    def act_request_changes(self, page, role):
        # At the step this role moderates: the office's is step 2, everyone else's step 1.
        state = self.pass_step_1(page) if role == "office" else self.start_review(page)
        self.workflow_action(page, "reject", state.current_task_state, comment="请补充事迹")
        state.refresh_from_db()
        return state.status == WorkflowState.STATUS_NEEDS_CHANGES

    def act_unpublish(self, page, role):
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        page.refresh_from_db()
        return not page.live

    def act_delete(self, page, role):
        self.client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        return not Page.objects.filter(pk=page.pk).exists()

    def act_move_out_of_the_subtree(self, page, role):
        destination = self.world.community_b if page.pk == self.pages["a"].pk else self.world.community_a
        self.client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))
        page.refresh_from_db()
        return page.get_parent().pk == destination.pk

    def act_copy(self, page, role):
        parent = page.get_parent()
        self.client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {"new_title": "复制的人物", "new_slug": "copied-person", "new_parent_page": parent.pk},
        )
        return Page.objects.filter(slug="copied-person").exists()

    def act_preview_by_post(self, page, role):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = self.client.post(url, self.edit_data(page, title="预览标题"))
        if response.status_code != 200 or response.get("Content-Type") != "application/json":
            return False
        shown = self.client.get(url)
        return response.json().get("is_valid") is True and "预览标题" in shown.content.decode()

    def act_compare_revisions_by_id(self, page, role):
        first, latest = page.revisions.order_by("created_at")[:2]
        url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, latest.pk])
        response = self.client.get(url)
        return response.status_code == 200 and "（修改）" in response.content.decode()

    def act_page_history(self, page, role):
        response = self.client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        return response.status_code == 200

    def _editable_page_for(self, role):
        """A page the role may edit, to try attaching an image to through the editor form."""
        for key in ("a", "b"):
            page = self.page(key)
            user = self.world.users[role]
            if user is not None and page.permissions_for_user(user).can_edit():
                return page
        return None

    def act_choose_an_image(self, page, role):
        image = self.images["b" if page.pk == self.pages["b"].pk else "a"]
        chosen = self.client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk]))
        listed = self.client.get(
            reverse("wagtailimages_chooser:choose"), {"collection_id": image.collection_id}
        )
        via_chooser = chosen.status_code == 200 or (
            listed.status_code == 200 and f'data-chooser-modal-choice="{image.pk}"' in listed.content.decode()
        )
        # The attacker's way round the chooser: post the image id straight into a page form.
        via_form = False
        target = self._editable_page_for(role)
        if target is not None:
            self.client.post(
                reverse("wagtailadmin_pages:edit", args=[target.pk]),
                self.edit_data(target, portrait=image.pk),
            )
            target.refresh_from_db()
            via_form = target.get_latest_revision_as_object().portrait_id == image.pk
        return via_chooser or via_form

    def act_upload_an_image(self, page, role):
        collection = self.collections["b" if page.pk == self.pages["b"].pk else "a"]
        from io import BytesIO

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        buffer = BytesIO()
        Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
        upload = SimpleUploadedFile("x.png", buffer.getvalue(), "image/png")
        before = SiteImage.objects.filter(collection=collection).count()
        self.client.post(
            reverse("wagtailimages_chooser:create"),
            {
                "image-chooser-upload-title": "上传",
                "image-chooser-upload-file": upload,
                "image-chooser-upload-collection": collection.pk,
            },
        )
        self.client.post(
            reverse("wagtailimages:add"),
            {
                "title": "上传2",
                "file": SimpleUploadedFile("y.png", buffer.getvalue(), "image/png"),
                "collection": collection.pk,
            },
        )
        return SiteImage.objects.filter(collection=collection).count() > before

    # The matrix -------------------------------------------------------------------------------------

    def target_for(self, role, which):
        own = OWN_COMMUNITY.get(role, "a")
        key = own if which == "own" else ("a" if own == "b" else "b")
        return self.page(key)

    def test_matrix(self):
        mismatches = []
        for action, role, which, expected in cells():
            with self.subTest(action=action, role=role, subtree=which):
                try:
                    with transaction.atomic():
                        self.login(role)
                        page = self.target_for(role, which)
                        method = getattr(self, "act_" + action.replace(" ", "_").lower())
                        observed = Y if method(page, role) else N
                        raise Rollback
                except Rollback:
                    pass
                if observed != expected:
                    mismatches.append(
                        f"{action} / {role} / {which}: expected {expected}, observed {observed}"
                    )
                self.assertEqual(observed, expected, f"{action} by {role} on {which} subtree")
        self.assertEqual(mismatches, [])

    def test_matrix_is_complete(self):
        for action, row in MATRIX.items():
            self.assertEqual(len(row), 2 * len(ROLES), action)
            self.assertTrue(hasattr(self, "act_" + action.replace(" ", "_").lower()), action)

    def test_editors_are_refused_in_a_sibling_community_of_the_same_street(self):
        sibling = f.ProfilePageFactory(parent=self.world.community_a2, title="东美人物", slug="dongmei-renwu")
        sibling.save_revision().publish()
        self.login("editor_a")
        self.assertFalse(self.act_open_the_edit_view(sibling, "editor_a"))
        self.assertFalse(self.act_save_a_draft(ProfilePage.objects.get(pk=sibling.pk), "editor_a"))
        # …while their street's reviewers may edit it.
        self.login("reviewer_a")
        self.assertTrue(self.act_open_the_edit_view(sibling, "reviewer_a"))

    def test_editors_cannot_add_pages_outside_their_community(self):
        self.login("editor_a")
        for parent in (self.world.community_b, self.world.street_a, self.world.centre):
            url = reverse("wagtailadmin_pages:add", args=["exhibits", "storypage", parent.pk])
            response = self.client.post(
                url, page_form(ProfilePage, {"title": "越权", "slug": f"yuequan-{parent.pk}", "intro": "x"})
            )
            self.assertNotEqual(response.status_code, 200)
            self.assertFalse(Page.objects.filter(slug=f"yuequan-{parent.pk}").exists())

    def test_ids_of_another_page_cannot_be_smuggled_through_own_page_urls(self):
        """Own page in the URL, the other community's revision or workflow ids in the rest of it."""
        own, other = self.page("a"), self.page("b")
        other_first, other_latest = other.revisions.order_by("created_at")[:2]
        state = self.start_review(other)
        state.current_task_state.approve(user=self.world.users["reviewer_b"])
        self.login("editor_a")
        attempts = [
            reverse("wagtailadmin_pages:revisions_compare", args=[own.pk, other_first.pk, other_latest.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[own.pk, other_latest.pk]),
            reverse("wagtailadmin_pages:workflow_history_detail", args=[own.pk, state.pk]),
        ]
        for url in attempts:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotEqual(response.status_code, 200, url)
                self.assertNotIn("城东人物", response.content.decode())
        # Reverting own page to the other page's revision must not copy its content over.
        self.client.post(
            reverse("wagtailadmin_pages:revisions_revert", args=[own.pk, other_latest.pk]),
            self.edit_data(own),
        )
        own.refresh_from_db()
        self.assertNotIn("城东", own.get_latest_revision_as_object().title)
        # Acting on the other page's task state through own page's URL does nothing to it.
        task_state = other.current_workflow_state.current_task_state if other.current_workflow_state else None
        if task_state is not None:
            self.workflow_action(own, "approve", task_state)
            self.assertEqual(TaskState.objects.get(pk=task_state.pk).status, TaskState.STATUS_IN_PROGRESS)


class ConsentFormPrivacyTests(TestCase):
    """Signed consent forms are private documents: only the community, its street and the office."""

    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.form = f.ConsentFormFactory(collection=cls.world.roles["editors_a"].consent_collection)

    def fetch(self, role):
        self.client.logout()
        if self.world.users[role] is not None:
            self.client.force_login(self.world.users[role])
        url = reverse("wagtaildocs_serve", args=[self.form.pk, self.form.filename])
        return self.client.get(url)

    def test_who_may_open_a_consent_form(self):
        expected = {
            "anonymous": False,
            "editor_a": True,
            "editor_b": False,
            "reviewer_a": True,
            "reviewer_b": False,
            "office": True,
            "site_admin": False,
        }
        for role, allowed in expected.items():
            with self.subTest(role=role):
                response = self.fetch(role)
                self.assertEqual(response.status_code == 200, allowed, response.status_code)
                if not allowed:
                    self.assertNotIn(
                        b"%PDF", b"".join(getattr(response, "streaming_content", [response.content]))
                    )

    def test_other_communities_cannot_pick_it_in_the_document_chooser(self):
        self.client.force_login(self.world.users["editor_b"])
        response = self.client.get(reverse("wagtaildocs_chooser:chosen", args=[self.form.pk]))
        self.assertNotEqual(response.status_code, 200)
        listing = self.client.get(reverse("wagtaildocs_chooser:choose"))
        self.assertNotIn(self.form.title, listing.content.decode())
