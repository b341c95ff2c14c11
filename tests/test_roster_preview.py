"""The import preview in the admin: every row's outcome and every problem, in Chinese, next to
its row and column; nothing written until the importer confirms; the file kept privately."""

import datetime
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from exhibits.models import ProfileHonour, ProfilePage
from moderation.roles import sync_roles
from rosters.models import RosterImport

from . import factories as f
from .rosters import ROWS, csv_bytes, district, upload


class PreviewTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()

    def setUp(self):
        self.client.force_login(get_user_model().objects.get(username="office"))

    def preview(self, data, name="名单.csv"):
        response = self.client.post(reverse("roster_imports:add"), {"file": upload(name, data)})
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", {}) and response.context["form"].errors
        )
        report = RosterImport.objects.latest("pk")
        self.assertRedirects(response, reverse("roster_imports:preview", args=[report.pk]))
        return report, self.client.get(response["Location"])

    def counts(self):
        return (
            Page.objects.count(),
            Revision.objects.count(),
            WorkflowState.objects.count(),
            ProfileHonour.objects.count(),
            PageLogEntry.objects.count(),
        )


class PreviewContentTests(PreviewTestCase):
    def test_each_row_with_its_outcome(self):
        existing = f.ProfilePageFactory(parent=self.world.community_b, title="林志强")
        f.ProfileHonourFactory(
            profile=existing, title=self.world.titles["福建好人榜"], year=2020, category="bravery"
        )
        rows = [
            *ROWS,
            ["林志强", "华大街道", "城东社区", "中国好人榜", "国家级", "见义勇为", "2021", "", "", ""],
        ]
        _report, response = self.preview(csv_bytes(rows))
        self.assertEqual(response.status_code, 200)
        plan = response.context["plan"]
        self.assertEqual(
            [(row.number, row.name, row.outcome) for row in plan.rows],
            [(2, "王秀英", "new"), (3, "林志强", "skip"), (4, "王秀英", "honour"), (5, "林志强", "honour")],
        )
        self.assertEqual(plan.rows[3].profile_id, existing.pk)
        self.assertContains(response, "新建草稿档案")
        self.assertContains(response, "已有此荣誉，跳过")
        self.assertContains(response, "为已有档案添加荣誉")
        self.assertContains(response, "与第2行是同一人")
        self.assertContains(response, "GB18030（GBK）")
        self.assertContains(response, "确认导入")
        self.assertEqual(
            response["Cache-Control"].count("no-cache") + response["Cache-Control"].count("no-store"), 2
        )

    def test_every_kind_of_row_error_next_to_its_row_and_column(self):
        f.ProfilePageFactory(parent=self.world.community_a, title="重名人")
        f.ProfilePageFactory(parent=self.world.community_a, title="重名人")
        rows = [
            ["", "城东街道", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""],  # 2: no name
            [
                "陈一",
                "",
                "训美社区",
                "中国好人榜",
                "",
                "助人为乐",
                "2019",
                "",
                "",
                "",
            ],  # 3: unknown community
            ["陈二", "", "浔美社区", "中国好人傍", "", "助人为乐", "2019", "", "", ""],  # 4: unknown title
            ["陈三", "", "浔美社区", "中国好人榜", "", "乐于助人", "2019", "", "", ""],  # 5: unknown category
            [
                "陈四",
                "",
                "浔美社区",
                "中国好人榜",
                "",
                "助人为乐",
                "1900",
                "",
                "",
                "",
            ],  # 6: year out of range
            ["陈五", "", "浔美社区", "中国好人榜", "", "助人为乐", "去年", "", "", ""],  # 7: not a year
            ["陈六", "", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""],  # 8
            ["陈六", "", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""],  # 9: duplicate of 8
            [
                "陈七",
                "华大街道",
                "浔美社区",
                "中国好人榜",
                "",
                "助人为乐",
                "2019",
                "",
                "",
                "",
            ],  # 10: wrong street
            ["陈八", "", "", "中国好人榜", "", "助人为乐", "", "", "", ""],  # 11: no community, no year
            [
                "陈九",
                "",
                "浔美社区",
                "中国好人榜",
                "省级",
                "助人为乐",
                "2019",
                "",
                "",
                "",
            ],  # 12: level differs (note)
            ["重名人", "", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""],  # 13: two profiles
            [
                "陈十",
                "",
                "浔美社区",
                "",
                "",
                "",
                "2019",
                "甲" * 81,
                "",
                "",
            ],  # 14: no title, category; occupation
        ]
        before = self.counts()
        _report, response = self.preview(csv_bytes(rows))
        self.assertEqual(self.counts(), before)
        plan = response.context["plan"]
        problems = {
            row.number: [(p.column, p.cell, p.message, p.error) for p in row.problems] for row in plan.rows
        }

        def only(number, column, text, error=True):
            matching = [p for p in problems[number] if p[0] == column and text in p[2]]
            self.assertEqual(len(matching), 1, (number, problems[number]))
            self.assertEqual(matching[0][3], error)
            return matching[0]

        self.assertEqual(only(2, "姓名", "姓名为空")[1], "A2")
        cell = only(3, "社区", "没有“训美社区”这个社区")
        self.assertEqual(cell[1], "C3")
        self.assertIn("您是不是要找：“浔美社区”", cell[2])
        self.assertIn("“中国好人榜”", only(4, "荣誉称号", "没有“中国好人傍”这个荣誉称号")[2])
        self.assertIn("助人为乐、见义勇为", only(5, "类别", "“乐于助人”不是类别")[2])
        self.assertEqual(only(6, "年份", "超出范围")[1], "G6")
        only(7, "年份", "“去年”不是年份")
        self.assertEqual(problems[8], [])
        only(9, "", "与第8行重复")
        only(10, "街道", "浔美社区属于城东街道，不属于华大街道")
        only(11, "社区", "社区为空")
        only(11, "年份", "年份为空")
        only(12, "级别", "以系统为准", error=False)
        only(13, "姓名", "已有2份名为“重名人”的档案")
        only(14, "荣誉称号", "荣誉称号为空")
        only(14, "类别", "类别为空")
        only(14, "身份/职业", "超过80个字")
        self.assertEqual(
            [row.number for row in plan.rows if row.outcome == "error"], [2, 3, 4, 5, 6, 7, 9, 10, 11, 13, 14]
        )
        self.assertEqual([row.number for row in plan.rows if row.outcome == "new"], [8, 12])
        # The page says so, offers no confirmation, and asks for the fixed file.
        self.assertContains(response, "处错误")
        self.assertNotContains(response, "确认导入")
        self.assertContains(response, "修改后重新上传")
        self.assertContains(response, "（C3）：</strong>错误：没有“训美社区”这个社区")

    def test_problems_only_view(self):
        rows = [*ROWS, ["", "", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""]]
        report, _response = self.preview(csv_bytes(rows))
        response = self.client.get(reverse("roster_imports:preview", args=[report.pk]), {"only": "problems"})
        self.assertEqual([row.number for row in response.context["rows"]], [4, 5])

    def test_a_street_tells_apart_communities_of_the_same_name(self):
        other = f.CommunityPageFactory(parent=self.world.street_b, title="浔美村", slug="xunmei-2")
        sync_roles()
        row = ["王秀英", "", "浔美", "中国好人榜", "", "助人为乐", "2019", "", "", ""]
        _report, response = self.preview(csv_bytes([row]))
        self.assertContains(response, "有几个社区都叫“浔美”（城东街道的浔美社区、华大街道的浔美村）")
        _report, response = self.preview(csv_bytes([["王秀英", "华大街道", *row[2:]]]))
        self.assertEqual(response.context["plan"].rows[0].community.pk, other.pk)


class NothingWrittenTests(PreviewTestCase):
    def test_nothing_is_written_before_confirm_and_the_file_is_kept_privately(self):
        before = self.counts()
        data = csv_bytes(ROWS)
        report, response = self.preview(data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.counts(), before)
        self.assertFalse(ProfilePage.objects.filter(title="王秀英").exists())
        self.assertEqual(report.status, RosterImport.Status.PENDING)
        self.assertEqual(report.checksum, hashlib.sha256(data).hexdigest())
        self.assertEqual(report.file_name, "名单.csv")
        stored = Path(report.file.path)
        self.assertTrue(stored.is_file())
        self.assertEqual(stored.read_bytes(), data)
        self.assertTrue(stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()))
        self.assertFalse(stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve()))
        self.assertNotIn("名单", stored.name)  # a random name on disk
        self.assertEqual(stored.stat().st_mode & 0o777, 0o600)
        with self.assertRaises(ValueError):
            report.file.url  # noqa: B018 (no public address)

        # Looking again, or at another sheet, still writes nothing.
        self.client.get(reverse("roster_imports:preview", args=[report.pk]))
        self.assertEqual(self.counts(), before)

    def test_discarding_deletes_the_file(self):
        report, _response = self.preview(csv_bytes(ROWS))
        stored = Path(report.file.path)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("roster_imports:discard", args=[report.pk]))
        self.assertRedirects(response, reverse("roster_imports:add"))
        report.refresh_from_db()
        self.assertEqual(report.status, RosterImport.Status.DISCARDED)
        self.assertFalse(stored.exists())
        self.assertRedirects(
            self.client.get(reverse("roster_imports:preview", args=[report.pk])),
            reverse("roster_imports:inspect", args=[report.pk]),
        )

    def test_uploads_left_pending_are_discarded_after_two_days(self):
        old, _response = self.preview(csv_bytes(ROWS))
        stored = Path(old.file.path)
        RosterImport.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - datetime.timedelta(days=3))
        with self.captureOnCommitCallbacks(execute=True):
            new, _response = self.preview(csv_bytes(ROWS))
        self.assertEqual(RosterImport.objects.get(pk=old.pk).status, RosterImport.Status.DISCARDED)
        self.assertFalse(stored.exists())
        self.assertEqual(RosterImport.objects.get(pk=new.pk).status, RosterImport.Status.PENDING)

    def test_a_file_changed_on_the_server_is_not_trusted(self):
        report, _response = self.preview(csv_bytes(ROWS))
        Path(report.file.path).write_bytes(csv_bytes(ROWS[:1]))
        response = self.client.get(reverse("roster_imports:preview", args=[report.pk]), follow=True)
        self.assertContains(response, "校验值不符")
        self.assertEqual(RosterImport.objects.get(pk=report.pk).status, RosterImport.Status.DISCARDED)

    def test_a_fixed_file_can_be_uploaded_again(self):
        bad = [["王秀英", "", "训美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""]]
        _report, response = self.preview(csv_bytes(bad))
        self.assertNotContains(response, "确认导入")
        self.assertContains(response, 'action="/admin/rosters/new/"')
        good = [["王秀英", "", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""]]
        _report, response = self.preview(csv_bytes(good))
        self.assertContains(response, "确认导入")
