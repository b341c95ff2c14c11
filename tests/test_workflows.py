"""Moderated publishing end to end: editor → street review → district approval → public.

Everything goes through the real admin views as the users who would click the buttons.
"""

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, streamfield

from exhibits.consent import ConsentRequired
from exhibits.models import ProfilePage

from . import factories as f
from .admin_forms import page_form
from .moderation import build_world


def make_due(revisions):
    """Move scheduled revisions' go-live time into the past, as if the hour had come."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    for revision in revisions:
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])


class WorkflowTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.consent_form = f.ConsentFormFactory(collection=cls.world.roles["editors_a"].consent_collection)

    def as_user(self, role):
        self.client.logout()
        self.client.force_login(get_user_model().objects.get(pk=self.world.users[role].pk))

    def profile_form(self, title="林文斌", slug="lin-wenbin", consent=True, **extra):
        data = {
            "title": title,
            "slug": slug,
            "intro": "危急时刻挺身而出",
            "summary": "出租车司机，多次救助落水群众。",
            "occupation": "出租车司机",
            "honours": inline_formset([]),
            "deeds": streamfield([]),
            "body": streamfield([]),
            "tags": "",
        }
        if consent:
            data.update(
                consent_given_by="林文斌",
                consent_date="2024-05-01",
                consent_scope_name="on",
                consent_scope_story="on",
                consent_form=self.consent_form.pk,
            )
        data.update(extra)
        return page_form(ProfilePage, data)

    def create_and_submit(self, **kwargs):
        """As community A's editor: create a profile in the admin and submit it for review."""
        self.as_user("editor_a")
        url = reverse("wagtailadmin_pages:add", args=["exhibits", "profilepage", self.world.community_a.pk])
        response = self.client.post(url, {**self.profile_form(**kwargs), "action-submit": "submit"})
        if response.status_code != 302:
            self.fail(f"create failed: {response.context['form'].errors}")
        return ProfilePage.objects.get(slug=kwargs.get("slug", "lin-wenbin"))

    def act(self, role, page, action, **data):
        self.as_user(role)
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return self.client.post(url, data)

    def state(self, page):
        return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-created_at").first()

    def public_html(self, page):
        page.refresh_from_db()
        self.client.logout()
        response = self.client.get(page.url) if page.live else None
        return response.content.decode() if response is not None and response.status_code == 200 else ""


class ApprovalFlowTests(WorkflowTestCase):
    def test_editor_to_street_to_office_to_public(self):
        page = self.create_and_submit()
        self.assertFalse(page.live)
        state = self.state(page)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.current_task_state.task.name, "城东街道初审")
        self.assertEqual(self.public_html(page), "")

        # Submission mails the street's reviewers (the next step's group), nobody else.
        self.assertEqual([m.to for m in mail.outbox], [["reviewer_a@example.com"]])
        mail.outbox.clear()

        self.act("reviewer_a", page, "approve")
        state.refresh_from_db()
        self.assertEqual(state.current_task_state.task.name, "区委文明办终审")
        recipients = sorted(address for m in mail.outbox for address in m.to)
        self.assertEqual(recipients, ["editor_a@example.com", "office@example.com"])
        mail.outbox.clear()

        self.act("office", page, "approve")
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_APPROVED)
        self.assertIn("出租车司机，多次救助落水群众。", self.public_html(page))
        self.assertEqual([m.to for m in mail.outbox], [["editor_a@example.com"]])

    def test_request_changes_carries_a_comment_and_resubmission_starts_again(self):
        page = self.create_and_submit()
        self.act("reviewer_a", page, "approve")
        mail.outbox.clear()
        self.act("office", page, "reject", comment="请补充受表彰的年份和评选单位")
        state = self.state(page)
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual([m.to for m in mail.outbox], [["editor_a@example.com"]])
        self.assertIn("请补充受表彰的年份和评选单位", mail.outbox[0].body)

        # The editor sees the comment in the editor.
        self.as_user("editor_a")
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.assertContains(self.client.get(edit_url), "请补充受表彰的年份和评选单位")

        # Edit and resubmit: the street must approve again before the office.
        response = self.client.post(
            edit_url, {**self.profile_form(intro="补充了年份"), "action-submit": "submit"}
        )
        self.assertEqual(response.status_code, 302)
        state = self.state(page)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.current_task_state.task.name, "城东街道初审")
        self.assertFalse(ProfilePage.objects.get(pk=page.pk).live)
        # The office cannot skip the street step.
        response = self.act("office", page, "approve")
        self.assertEqual(state.current_task_state.status, TaskState.STATUS_IN_PROGRESS)
        self.act("reviewer_a", page, "approve")
        self.act("office", page, "approve")
        self.assertIn("补充了年份", self.public_html(page))

    def test_an_approved_page_edited_again_is_not_live_until_approved_again(self):
        page = self.create_and_submit()
        self.act("reviewer_a", page, "approve")
        self.act("office", page, "approve")
        self.assertIn("危急时刻挺身而出", self.public_html(page))

        self.as_user("editor_a")
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.post(edit_url, self.profile_form(intro="未经审核的新导语"))
        html = self.public_html(page)
        self.assertIn("危急时刻挺身而出", html)
        self.assertNotIn("未经审核的新导语", html)

        self.as_user("editor_a")
        self.client.post(edit_url, {**self.profile_form(intro="未经审核的新导语"), "action-submit": "submit"})
        self.act("reviewer_a", page, "approve")
        self.assertNotIn("未经审核的新导语", self.public_html(page))
        self.act("office", page, "approve")
        self.assertIn("未经审核的新导语", self.public_html(page))

    def test_pages_directly_under_the_centre_need_only_the_office(self):
        story = f.StoryPageFactory(parent=self.world.centre, title="中心故事", live=False)
        story.save_revision()
        story.get_workflow().start(story, self.world.users["office"])
        state = self.state(story)
        self.assertEqual([task.name for task in state.workflow.tasks], ["区委文明办终审"])

    def test_scheduled_publishing_goes_live_when_its_time_comes(self):
        page = f.ProfilePageFactory(parent=self.world.community_a, title="定时人物", live=False)
        self.as_user("office")
        go_live = timezone.now() + datetime.timedelta(hours=1)
        page.go_live_at = go_live
        revision = page.save_revision(user=self.world.users["office"])
        revision.publish(user=self.world.users["office"])
        page.refresh_from_db()
        self.assertFalse(page.live)
        make_due(Revision.objects.filter(pk=revision.pk))
        call_command("publish_scheduled", stdout=StringIO())
        page.refresh_from_db()
        self.assertTrue(page.live)


class ConsentGateTests(WorkflowTestCase):
    """Publishing someone without their recorded consent is refused on every path."""

    def assert_refused(self, page):
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(self.public_html(page), "")
        self.assertTrue(PageLogEntry.objects.filter(page=page, action="exhibits.publish_refused").exists())

    def test_workflow_approval(self):
        page = self.create_and_submit(consent=False)
        self.act("reviewer_a", page, "approve")
        # The office is only offered "request changes", and posting "approve" anyway is refused.
        self.as_user("office")
        edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        self.assertIn("发布前需要补充", edit)
        self.assertIn("未上传签字的知情同意书", edit)
        response = self.act("office", page, "approve")
        self.assertIn(response.status_code, (302, 403))
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(self.state(page).status, WorkflowState.STATUS_IN_PROGRESS)
        # Requesting changes still works, and says why.
        self.act("office", page, "reject", comment="请上传签字的知情同意书")
        self.assertEqual(self.state(page).status, WorkflowState.STATUS_NEEDS_CHANGES)

    def test_direct_publish_by_the_office(self):
        page = f.ProfilePageFactory(
            parent=self.world.community_a,
            title="无同意人物",
            slug="no-consent",
            live=False,
            consent_form=None,
        )
        self.as_user("office")
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {
                **self.profile_form(title="无同意人物", slug="no-consent", consent=False),
                "action-publish": "publish",
            },
            follow=True,
        )
        self.assertContains(response, "未发布")
        self.assertContains(response, "未上传签字的知情同意书")
        self.assert_refused(page)
        # Nothing typed is lost: the draft was saved.
        self.assertEqual(page.get_latest_revision_as_object().intro, "危急时刻挺身而出")

    def test_direct_publish_on_create(self):
        self.as_user("office")
        url = reverse("wagtailadmin_pages:add", args=["exhibits", "profilepage", self.world.community_a.pk])
        response = self.client.post(
            url,
            {**self.profile_form(slug="new-no-consent", consent=False), "action-publish": "publish"},
            follow=True,
        )
        self.assertContains(response, "未发布")
        self.assert_refused(ProfilePage.objects.get(slug="new-no-consent"))

    def test_scheduled_publishing_after_consent_is_withdrawn(self):
        page = f.ProfilePageFactory(
            parent=self.world.community_a, title="撤回同意", slug="withdrawn", live=False
        )
        other = f.StoryPageFactory(parent=self.world.community_a, title="同批定时故事", live=False)
        office = self.world.users["office"]
        for each in (page, other):
            each.go_live_at = timezone.now() + datetime.timedelta(hours=1)
            each.save_revision(user=office).publish(user=office)
        # The person withdraws consent: the office deletes the signed form before go-live.
        page.consent_form.delete()
        make_due(Revision.objects.filter(approved_go_live_at__isnull=False))
        call_command("publish_scheduled", stdout=StringIO())
        self.assert_refused(page)
        self.assertFalse(
            Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
        )
        other.refresh_from_db()
        self.assertTrue(other.live, "the rest of the schedule still runs")

    def test_bulk_publish(self):
        page = f.ProfilePageFactory(
            parent=self.world.community_a, title="批量人物", slug="bulk", live=False, consent_form=None
        )
        page.save_revision()
        self.as_user("office")
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
        response = self.client.post(url, {"include_descendants": ""}, follow=True)
        self.assertContains(response, "缺少本人同意记录")
        self.assert_refused(page)

    def test_code_that_publishes_directly_is_refused(self):
        page = f.ProfilePageFactory(
            parent=self.world.community_a,
            title="代码人物",
            slug="code",
            live=False,
            consent_scope_story=False,
        )
        with self.assertRaises(ConsentRequired) as refused:
            page.save_revision().publish()
        self.assertIn("同意范围不含事迹", str(refused.exception))
        self.assert_refused(page)

    def test_a_child_under_14_needs_a_guardian(self):
        page = f.ProfilePageFactory(
            parent=self.world.community_a, title="小明", slug="xiaoming", live=False, subject_under_14=True
        )
        self.assertIn("小明：未满14周岁，须由监护人签署同意书并登记监护人", page.consent_problems())
        page.guardian_name = "王某某（母亲）"
        self.assertEqual(page.consent_problems(), [])

    def test_a_portrait_needs_portrait_consent(self):
        page = f.ProfilePageFactory(
            parent=self.world.community_a,
            title="有照片",
            slug="photo",
            portrait=f.SiteImageFactory(),
            consent_scope_portrait=False,
        )
        self.assertEqual(page.consent_problems(), ["有照片：同意范围不含肖像/照片"])

    def test_people_on_a_wall_and_families_in_a_hall_need_consent_too(self):
        wall = f.GoodPeopleWallPageFactory(
            parent=self.world.community_a,
            live=False,
            featured_people=[
                {
                    "type": "person",
                    "value": {"name": "王某某", "honour": "", "level": "", "description": "热心公益"},
                }
            ],
        )
        self.assertEqual(
            wall.consent_problems(),
            [
                "王某某：未登记同意人和同意日期",
                "王某某：未上传签字的知情同意书",
                "王某某：同意范围不含姓名、事迹",
            ],
        )
        with self.assertRaises(ConsentRequired):
            wall.save_revision().publish()
        hall = f.FamilyMottoHallPageFactory(parent=self.world.community_a, live=False)
        f.HonouredFamilyFactory(hall=hall, names="陈某某家庭", consent_form=None)
        hall = type(hall).objects.get(pk=hall.pk)
        self.assertEqual(hall.consent_problems(), ["陈某某家庭：未上传签字的知情同意书"])
        with self.assertRaises(ConsentRequired):
            hall.save_revision().publish()


class AuditLogTests(WorkflowTestCase):
    def test_who_did_what_is_in_the_audit_log(self):
        page = self.create_and_submit()
        self.act("reviewer_a", page, "reject", comment="请补充")
        self.as_user("editor_a")
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**self.profile_form(), "action-submit": "submit"},
        )
        self.act("reviewer_a", page, "approve")
        self.act("office", page, "approve")
        self.as_user("office")
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

        entries = list(
            PageLogEntry.objects.filter(page=page)
            .order_by("timestamp", "pk")
            .values_list("action", "user__username")
        )
        for expected in [
            ("wagtail.create", "editor_a"),
            ("wagtail.workflow.start", "editor_a"),
            ("wagtail.workflow.reject", "reviewer_a"),
            ("wagtail.workflow.cancel", "editor_a"),
            ("wagtail.workflow.approve", "reviewer_a"),
            ("wagtail.workflow.approve", "office"),
            ("wagtail.publish", "office"),
            ("wagtail.unpublish", "office"),
        ]:
            self.assertIn(expected, entries)

        # The office reads it in the admin's site history.
        response = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "林文斌")

    def test_logins_logouts_and_failures_are_logged(self):
        from wagtail.models import ModelLogEntry

        login_url = reverse("wagtailadmin_login")
        self.client.post(login_url, {"username": "editor_a", "password": "wrong"})
        self.client.post(login_url, {"username": "nobody-such", "password": "wrong"})
        self.client.post(login_url, {"username": "editor_a", "password": "correct horse battery staple"})
        self.client.post(reverse("wagtailadmin_logout"))
        actions = list(ModelLogEntry.objects.order_by("timestamp", "pk").values_list("action", "data"))
        self.assertEqual(
            [action for action, _ in actions],
            ["moderation.login_failed", "moderation.login_failed", "moderation.login", "moderation.logout"],
        )
        self.assertEqual(actions[1][1]["username"], "nobody-such")
        self.as_user("office")
        history = self.client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
        self.assertIn("登录失败", history)
        self.assertIn("退出", history)


class DashboardTests(WorkflowTestCase):
    def test_editor_sees_their_communitys_pages_and_their_state(self):
        mine = self.create_and_submit()
        draft = f.StoryPageFactory(parent=self.world.community_a, title="本社区草稿", live=False)
        draft.save_revision()
        f.StoryPageFactory(parent=self.world.community_b, title="别的社区的故事")
        self.as_user("editor_a")
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("本社区展项", html)
        self.assertIn(mine.title, html)
        self.assertIn("审核中：城东街道初审", html)
        self.assertIn("本社区草稿", html)
        self.assertNotIn("别的社区的故事", html)

    def test_reviewer_sees_what_waits_for_them(self):
        page = self.create_and_submit()
        self.as_user("reviewer_a")
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), page.title)
        self.as_user("reviewer_b")
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), page.title)
        self.act("reviewer_a", page, "approve")
        self.as_user("office")
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), page.title)

    def test_the_admin_speaks_chinese(self):
        self.as_user("editor_a")
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn('lang="zh-hans"', html)
        self.assertIn("\\u6ce8\\u9500", html)  # 注销 (log out) in the sidebar data
        self.assertNotIn(">Log out<", html)
