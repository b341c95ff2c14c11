"""The nomination queue in the admin, tried from every role's side with direct URLs and ids.

The office sees and decides everything; a community's editors read their own community's
nominations without the nominator's contact details; everybody else sees nothing. Accepting
turns a nomination into a draft exhibit in the community, in that community's workflow.
"""

import datetime
import io
import time

import openpyxl
from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import WorkflowState

from exhibits.models import ProfilePage, StoryPage
from home.models import SiteImage
from nominations.forms import start_token
from nominations.models import Nomination

from .nominating import PHONE, STORY, nomination_world, photo_bytes, upload

EMAIL = "chenming@example.com"
XSS = "<script>alert(1)</script>"


def submit(world, **overrides):
    """Post the public form as a visitor would; return the stored nomination."""
    client = Client(REMOTE_ADDR=f"192.0.2.{Nomination.objects.count() + 1}")
    data = {
        "nominee_name": "王秀英",
        "community": str(world.community_a.pk),
        "category": "helping",
        "story": STORY,
        "nominator_name": "陈明",
        "nominator_phone": PHONE,
        "nominator_email": EMAIL,
        "consent_processing": "on",
        "consent_nominee_informed": "on",
        "notice_version": world.page.privacy_notice_version,
        "started": start_token(time.time() - 60),
        "photos": [upload("a.jpg", photo_bytes(color="red")), upload("b.jpg", photo_bytes(color="blue"))],
    }
    data.update(overrides)
    response = client.post("/nominate/", data)
    assert response.status_code == 303, response.context["form"].errors
    return Nomination.objects.latest("pk")


class QueueTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = nomination_world()
        cls.in_a = submit(cls.world)
        cls.in_b = submit(
            cls.world,
            nominee_name="林志强",
            community=str(cls.world.community_b.pk),
            category="bravery",
            nominator_phone="13900001111",
            nominator_email="other@example.com",
        )

    def login(self, role):
        self.client.logout()
        user = self.world.users[role]
        if user is not None:
            self.client.force_login(get_user_model().objects.get(pk=user.pk))

    def url(self, name, *args):
        return reverse(f"nomination_queue:{name}", args=args)

    def reload(self, nomination):
        return Nomination.objects.get(pk=nomination.pk)


class VisibilityTests(QueueTestCase):
    def test_the_office_lists_every_nomination_without_contact_details(self):
        self.login("office")
        response = self.client.get(self.url("index"))
        self.assertContains(response, "王秀英")
        self.assertContains(response, "林志强")
        for secret in (PHONE, EMAIL, "13900001111", "陈明"):
            self.assertNotContains(response, secret)

    def test_a_community_editor_lists_only_their_community(self):
        self.login("editor_a")
        response = self.client.get(self.url("index"))
        self.assertContains(response, "王秀英")
        self.assertNotContains(response, "林志强")
        self.login("editor_b")
        response = self.client.get(self.url("index"))
        self.assertContains(response, "林志强")
        self.assertNotContains(response, "王秀英")

    def test_others_see_nothing(self):
        for role in ("anonymous", "reviewer_a", "reviewer_b", "site_admin"):
            self.login(role)
            for url in (
                self.url("index"),
                self.url("inspect", self.in_a.pk),
                self.url("edit", self.in_a.pk),
                self.url("photo", self.in_a.photos.first().pk),
            ):
                response = self.client.get(url)
                self.assertIn(response.status_code, (302, 403, 404), f"{role} {url}")
                self.assertNotIn(b"\xff\xd8", response.content[:2], f"{role} {url}")
                self.assertNotIn("王秀英", response.content.decode(errors="ignore"), f"{role} {url}")

    def test_an_editor_cannot_open_another_communitys_nomination_by_id(self):
        self.login("editor_b")
        self.assertEqual(self.client.get(self.url("inspect", self.in_a.pk)).status_code, 404)
        self.assertEqual(self.client.get(self.url("photo", self.in_a.photos.first().pk)).status_code, 404)

    def test_an_editor_reads_their_nomination_without_contact_details(self):
        self.login("editor_a")
        response = self.client.get(self.url("inspect", self.in_a.pk))
        self.assertContains(response, "王秀英")
        self.assertContains(response, STORY[:20])
        self.assertContains(response, "只有区委文明办可见")
        for secret in (PHONE, EMAIL, "陈明", "推荐人手机号"):
            self.assertNotContains(response, secret)
        # Nor can they act on it.
        self.assertNotContains(response, self.url("accept", self.in_a.pk))

    def test_the_office_reads_contact_details_in_the_detail_view(self):
        self.login("office")
        response = self.client.get(self.url("inspect", self.in_a.pk))
        self.assertContains(response, PHONE)
        self.assertContains(response, EMAIL)
        self.assertContains(response, "陈明")
        self.assertContains(response, self.url("photo", self.in_a.photos.first().pk))

    def test_searching_by_phone_reveals_nothing(self):
        self.login("editor_a")
        response = self.client.get(self.url("index"), {"q": PHONE[-4:]})
        self.assertNotContains(response, "王秀英")

    def test_photos_are_served_only_through_the_permission_checking_view(self):
        photo = self.in_a.photos.first()
        for role in ("office", "editor_a"):
            self.login(role)
            response = self.client.get(self.url("photo", photo.pk))
            self.assertEqual(response.status_code, 200, role)
            self.assertEqual(response["Content-Type"], "image/jpeg")
            self.assertIn("no-store", response["Cache-Control"])
            self.assertEqual(b"".join(response.streaming_content)[:2], b"\xff\xd8")
        self.login("anonymous")
        self.assertEqual(self.client.get(self.url("photo", photo.pk)).status_code, 302)
        self.login("editor_b")
        self.assertEqual(self.client.get(self.url("photo", photo.pk)).status_code, 404)

    def test_filters_by_status_community_category_and_date(self):
        self.login("office")
        Nomination.objects.filter(pk=self.in_b.pk).update(status=Nomination.Status.UNDER_REVIEW)
        cases = [
            ({"status": "submitted"}, ["王秀英"], ["林志强"]),
            ({"status": "under_review"}, ["林志强"], ["王秀英"]),
            ({"community": self.world.community_b.pk}, ["林志强"], ["王秀英"]),
            ({"category": "helping"}, ["王秀英"], ["林志强"]),
            ({"submitted_at_from": "2000-01-01", "submitted_at_to": "2000-12-31"}, [], ["王秀英", "林志强"]),
        ]
        for params, present, absent in cases:
            response = self.client.get(self.url("index"), params)
            self.assertEqual(response.status_code, 200)
            for name in present:
                self.assertContains(response, name, msg_prefix=str(params))
            for name in absent:
                self.assertNotContains(response, name, msg_prefix=str(params))

    def test_nobody_adds_nominations_in_the_admin(self):
        self.login("office")
        self.assertNotEqual(self.client.get(self.url("add")).status_code, 200)


class ActionPermissionTests(QueueTestCase):
    def test_editors_and_others_cannot_decide(self):
        for role in ("editor_a", "reviewer_a", "site_admin", "anonymous"):
            self.login(role)
            for name, data in (
                ("accept", {"kind": "profile", "community": self.world.community_a.pk, "title": "王秀英"}),
                ("reject", {"reason": "不符合"}),
                ("duplicate", {"original": self.in_b.receipt_code}),
                ("start_review", {}),
            ):
                response = self.client.post(self.url(name, self.in_a.pk), data)
                self.assertIn(response.status_code, (302, 403), f"{role} {name}")
            self.assertEqual(self.reload(self.in_a).status, Nomination.Status.SUBMITTED, role)
        self.assertFalse(ProfilePage.objects.exists())

    def test_editors_cannot_edit_or_delete(self):
        self.login("editor_a")
        for name in ("edit", "delete"):
            response = self.client.post(self.url(name, self.in_a.pk), {"category": "bravery"})
            self.assertNotEqual(response.status_code, 200)
        self.assertTrue(Nomination.objects.filter(pk=self.in_a.pk, category="helping").exists())


class AcceptTests(QueueTestCase):
    def accept(self, nomination, **data):
        self.login("office")
        payload = {"kind": "profile", "community": self.world.community_a.pk, "title": "王秀英", **data}
        return self.client.post(self.url("accept", nomination.pk), payload)

    def test_happy_path_from_the_form_to_a_draft_in_the_communitys_workflow(self):
        # The nominator looks the status up with the receipt code and the last four digits.
        lookup = self.client.post("/nominations/status/", {"code": self.in_a.receipt_code, "last4": "5678"})
        self.assertContains(lookup, "已提交")

        response = self.accept(self.in_a)
        nomination = self.reload(self.in_a)
        page = ProfilePage.objects.get()
        self.assertRedirects(response, self.url("accepted", nomination.pk), fetch_redirect_response=False)
        self.assertEqual(nomination.status, Nomination.Status.ACCEPTED)
        self.assertEqual(nomination.created_page_id, page.pk)
        self.assertEqual(nomination.decided_by_id, self.world.users["office"].pk)

        # A draft in the right community, with the story as its body.
        self.assertFalse(page.live)
        self.assertEqual(page.get_parent().pk, self.world.community_a.pk)
        self.assertEqual(page.title, "王秀英")
        self.assertIn(STORY[:20], page.body[0].value.source)
        self.assertTrue(page.consent_problems())  # nobody has recorded consent yet

        # In the community's workflow, waiting for its street's review.
        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.current_task_state.task.name, "城东街道初审")

        # The photos moved into the community's image collection, the private copies gone.
        collection = self.world.roles["editors_a"].image_collection
        images = SiteImage.objects.filter(collection=collection)
        self.assertEqual(images.count(), 2)
        # The first photo is the portrait, the other one is in the gallery.
        first, second = (photo.image_id for photo in nomination.photos.all())
        self.assertEqual(page.portrait_id, first)
        self.assertEqual([item["image"].pk for item in page.body[1].value], [second])
        self.assertEqual(page.slug, "wang-xiuying")
        for photo in nomination.photos.all():
            self.assertFalse(photo.file)
            self.assertEqual(photo.image.collection_id, collection.pk)
        # …and community A's editor can still see them through the queue.
        self.login("editor_a")
        self.assertEqual(self.client.get(self.url("photo", nomination.photos.first().pk)).status_code, 200)

        lookup = self.client.post("/nominations/status/", {"code": self.in_a.receipt_code, "last4": "5678"})
        self.assertContains(lookup, "已采纳")

    def test_accept_as_a_story_in_another_community(self):
        self.accept(self.in_b, kind="story", community=self.world.community_b.pk, title="林志强勇救落水儿童")
        page = StoryPage.objects.get()
        self.assertEqual(page.get_parent().pk, self.world.community_b.pk)
        self.assertEqual(page.category, "bravery")
        self.assertEqual(page.cover_image_id, self.in_b.photos.first().image_id)
        self.assertEqual(page.slug, "lin-zhiqiang-yongjiu-luoshui-ertong")
        self.assertEqual(page.cover_image.collection_id, self.world.roles["editors_b"].image_collection_id)
        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.assertEqual(state.current_task_state.task.name, "华大街道初审")

    def test_a_nomination_is_accepted_once(self):
        self.accept(self.in_a)
        response = self.accept(self.in_a)
        self.assertRedirects(response, self.url("inspect", self.in_a.pk), fetch_redirect_response=False)
        self.assertEqual(ProfilePage.objects.count(), 1)

    def test_accept_needs_a_title(self):
        self.accept(self.in_a, title="")
        self.assertEqual(self.reload(self.in_a).status, Nomination.Status.SUBMITTED)
        self.assertFalse(ProfilePage.objects.exists())


class RejectAndDuplicateTests(QueueTestCase):
    def setUp(self):
        self.login("office")

    def test_mark_under_review(self):
        self.client.post(self.url("start_review", self.in_a.pk))
        self.assertEqual(self.reload(self.in_a).status, Nomination.Status.UNDER_REVIEW)

    def test_reject_with_a_reason_keeps_the_record(self):
        self.client.post(self.url("reject", self.in_a.pk), {"reason": "事迹无法核实"})
        nomination = self.reload(self.in_a)
        self.assertEqual(nomination.status, Nomination.Status.REJECTED)
        self.assertEqual(nomination.rejection_reason, "事迹无法核实")
        self.assertEqual(nomination.story, STORY)
        self.assertEqual(nomination.photos.count(), 2)
        self.assertIsNotNone(nomination.decided_at)

    def test_reject_needs_a_reason(self):
        self.client.post(self.url("reject", self.in_a.pk), {"reason": ""})
        self.assertEqual(self.reload(self.in_a).status, Nomination.Status.SUBMITTED)

    def test_mark_duplicate_of_another_nomination(self):
        self.client.post(self.url("duplicate", self.in_b.pk), {"original": self.in_a.receipt_display})
        nomination = self.reload(self.in_b)
        self.assertEqual(nomination.status, Nomination.Status.DUPLICATE)
        self.assertEqual(nomination.duplicate_of_id, self.in_a.pk)
        self.assertTrue(Nomination.objects.filter(pk=self.in_b.pk).exists())

    def test_not_a_duplicate_of_itself_nor_of_nothing(self):
        self.client.post(self.url("duplicate", self.in_a.pk), {"original": self.in_a.receipt_code})
        self.client.post(self.url("duplicate", self.in_a.pk), {"original": "ZZZZZZZZZZ"})
        self.assertEqual(self.reload(self.in_a).status, Nomination.Status.SUBMITTED)

    def test_decisions_are_in_the_audit_log(self):
        from wagtail.models import ModelLogEntry

        self.client.post(self.url("reject", self.in_a.pk), {"reason": "事迹无法核实"})
        self.assertTrue(
            ModelLogEntry.objects.filter(action="nominations.reject", object_id=str(self.in_a.pk)).exists()
        )


class EscapingInTheAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = nomination_world()
        cls.nomination = submit(
            cls.world,
            nominee_name=XSS,
            story=STORY + XSS,
            nominator_name=XSS,
            nominator_email="x@example.com",
            photos=[],
        )

    def test_xss_payloads_show_up_escaped_in_the_list_and_the_detail(self):
        self.client.force_login(get_user_model().objects.get(username="office"))
        for url in (
            reverse("nomination_queue:index"),
            reverse("nomination_queue:inspect", args=[self.nomination.pk]),
        ):
            html = self.client.get(url).content.decode()
            self.assertNotIn(XSS, html, url)
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html, url)


class BeijingTimeTests(QueueTestCase):
    """Times are stored in UTC and always shown in Asia/Shanghai (settings.TIME_ZONE)."""

    def setUp(self):
        self.login("office")
        # 04:34 UTC is 12:34 in Beijing.
        when = datetime.datetime(2026, 5, 1, 4, 34, tzinfo=datetime.UTC)
        Nomination.objects.filter(pk=self.in_a.pk).update(submitted_at=when, decided_at=when)

    def test_the_detail_view_shows_beijing_time(self):
        html = self.client.get(self.url("inspect", self.in_a.pk)).content.decode()
        self.assertIn("2026年5月1日 12:34", html)
        self.assertNotIn("04:34", html)

    def test_the_list_shows_beijing_time(self):
        html = self.client.get(self.url("index")).content.decode()
        self.assertIn("2026年5月1日 12:34", html)
        self.assertIn('datetime="2026-05-01T12:34:00+08:00"', html)
        self.assertNotIn("04:34", html)

    def test_the_exports_show_beijing_time_and_no_contact_details(self):
        response = self.client.get(self.url("index"), {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        self.assertIn("提交时间（北京时间）", text)
        self.assertIn("2026-05-01 12:34", text)
        self.assertNotIn("04:34", text)
        self.assertIn(self.in_a.receipt_display, text)
        self.assertIn("助人为乐", text)
        for secret in (PHONE, EMAIL, "陈明"):
            self.assertNotIn(secret, text)

        response = self.client.get(self.url("index"), {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = rows[0]
        row = next(row for row in rows if row[header.index("回执编号")] == self.in_a.receipt_display)
        self.assertEqual(str(row[header.index("提交时间（北京时间）")])[:16], "2026-05-01 12:34")

    def test_editors_cannot_export(self):
        self.login("editor_b")
        response = self.client.get(self.url("index"), {"export": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else ""
        self.assertNotIn("王秀英", text)


class ReceiptCodeFormatTests(QueueTestCase):
    def test_one_format_in_the_list_the_detail_and_the_public_receipt(self):
        code = self.in_a.receipt_code
        display = f"{code[:5]}-{code[5:]}"
        self.assertEqual(self.in_a.receipt_display, display)
        self.login("office")
        for url in (self.url("index"), self.url("inspect", self.in_a.pk)):
            html = self.client.get(url).content.decode()
            self.assertIn(display, html, url)
            self.assertNotIn(f">{code}<", html, url)
            self.assertNotIn(f"（{code}）", html, url)

    def test_the_queue_finds_a_code_however_it_is_typed(self):
        self.login("office")
        code = self.in_a.receipt_code
        for typed in (code, self.in_a.receipt_display, f"{code[:5].lower()} {code[5:].lower()}"):
            html = self.client.get(self.url("index"), {"q": typed}).content.decode()
            self.assertIn("王秀英", html, typed)
            self.assertNotIn("林志强", html, typed)


class AcceptedLandingPageTests(QueueTestCase):
    def test_after_accepting_the_office_is_told_what_happened_and_what_is_next(self):
        self.login("office")
        payload = {"kind": "profile", "community": self.world.community_a.pk, "title": "王秀英"}
        response = self.client.post(self.url("accept", self.in_a.pk), payload, follow=True)
        page = ProfilePage.objects.get()
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("已采纳「王秀英」的推荐", html)
        self.assertIn(self.in_a.receipt_display, html)
        self.assertIn("在浔美社区生成了人物档案草稿「王秀英」", html)
        self.assertIn("2 张照片已移入浔美社区的图库；第一张作为人物肖像", html)
        self.assertIn("现在等待“城东街道初审”", html)
        self.assertIn("发布前必须登记本人同意", html)
        self.assertIn("未上传签字的知情同意书", html)
        self.assertIn(reverse("wagtailadmin_pages:edit", args=[page.pk]), html)
        self.assertIn(f'href="{self.url("index")}"', html)
        # The locked draft's editor is not where the office lands any more.
        self.assertNotIn("取消工作流", html)

    def test_only_the_office_sees_it_and_only_for_accepted_nominations(self):
        self.login("office")
        response = self.client.get(self.url("accepted", self.in_a.pk))
        self.assertRedirects(response, self.url("inspect", self.in_a.pk), fetch_redirect_response=False)
        self.client.post(
            self.url("accept", self.in_a.pk),
            {"kind": "profile", "community": self.world.community_a.pk, "title": "王秀英"},
        )
        for role in ("editor_a", "reviewer_a", "site_admin"):
            self.login(role)
            response = self.client.get(self.url("accepted", self.in_a.pk))
            self.assertIn(response.status_code, (302, 403), role)
            self.assertNotIn("已采纳「王秀英」", response.content.decode(), role)

    def test_a_title_without_letters_is_refused_in_chinese(self):
        self.login("office")
        payload = {"kind": "profile", "community": self.world.community_a.pk, "title": "🌟🌟"}
        response = self.client.post(self.url("accept", self.in_a.pk), payload, follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertIn("无法从标题“🌟🌟”生成网址", response.content.decode())
        self.assertEqual(self.reload(self.in_a).status, Nomination.Status.SUBMITTED)
        self.assertFalse(ProfilePage.objects.exists())
        self.assertTrue(all(photo.file for photo in self.reload(self.in_a).photos.all()))


class DashboardPanelTests(QueueTestCase):
    def test_the_office_sees_how_many_new_nominations_wait_and_the_latest(self):
        submit(self.world, nominee_name="张美玲")
        Nomination.objects.filter(pk=self.in_b.pk).update(status=Nomination.Status.UNDER_REVIEW)
        self.login("office")
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("群众推荐：2 条新推荐待处理", html)
        self.assertIn('id="new-nominations-count">2<', html)
        self.assertIn("审核中 1 条", html)
        self.assertIn("张美玲", html)
        self.assertIn(self.url("inspect", self.in_a.pk), html)
        self.assertNotIn(self.url("inspect", self.in_b.pk), html)  # under review, not new
        for secret in (PHONE, EMAIL, "陈明"):
            self.assertNotIn(secret, html)

    def test_shows_at_most_five(self):
        for index in range(6):
            submit(self.world, nominee_name=f"候选人{index}")
        self.login("office")
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn("群众推荐：8 条新推荐待处理", html)
        self.assertIn("候选人5", html)
        self.assertNotIn("候选人0", html)

    def test_other_roles_have_no_such_panel(self):
        for role in ("editor_a", "reviewer_a", "site_admin"):
            self.login(role)
            html = self.client.get(reverse("wagtailadmin_home")).content.decode()
            self.assertNotIn("new-nominations", html, role)
