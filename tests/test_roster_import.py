"""Confirming an import: draft profiles in their communities' workflows with consent pending,
honours attached, people already on the site matched, the same file twice changing nothing, all or
nothing in one transaction, and a report linked from the audit log."""

from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, WorkflowState

from core.slugs import slug_from_title
from exhibits.consent import ConsentRequired
from exhibits.models import HonourTitle, ProfileHonour, ProfilePage
from moderation import drafts
from rosters.importing import import_bytes
from rosters.models import RosterImport

from . import factories as f
from .rosters import ROWS, csv_bytes, district, upload


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()

    def setUp(self):
        self.office = get_user_model().objects.get(username="office")
        self.client.force_login(self.office)

    def upload(self, data, name="名单.csv"):
        response = self.client.post(reverse("roster_imports:add"), {"file": upload(name, data)})
        self.assertEqual(response.status_code, 302)
        return RosterImport.objects.latest("pk")

    def confirm(self, report, **extra):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                reverse("roster_imports:confirm", args=[report.pk]), {"checksum": report.checksum, **extra}
            )

    def state(self):
        return (
            Page.objects.count(),
            Revision.objects.count(),
            WorkflowState.objects.count(),
            ProfileHonour.objects.count(),
            PageLogEntry.objects.count(),
        )


class ConfirmTests(ImportTestCase):
    def test_drafts_in_their_communities_in_the_workflow_with_consent_pending(self):
        report = self.upload(csv_bytes(ROWS))
        stored = Path(report.file.path)
        mail.outbox.clear()
        response = self.confirm(report)
        self.assertRedirects(response, reverse("roster_imports:inspect", args=[report.pk]))

        wang = ProfilePage.objects.get(title="王秀英")
        lin = ProfilePage.objects.get(title="林志强")
        self.assertEqual(wang.get_parent().pk, self.world.community_a.pk)
        self.assertEqual(lin.get_parent().pk, self.world.community_b.pk)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertFalse(wang.live)
        self.assertEqual(wang.owner, self.office)
        self.assertEqual((wang.summary, wang.occupation, wang.year), ("十年照料独居老人。", "退休教师", 2019))
        self.assertEqual(wang.slug, slug_from_title("王秀英"))  # the site's pinyin rule
        self.assertTrue(wang.slug.isascii())
        self.assertEqual(
            [(h.title.name, h.category, h.year, h.note) for h in wang.honours.order_by("sort_order")],
            [("中国好人榜", "helping", 2019, ""), ("丰泽区道德模范", "helping", 2018, "第五届")],
        )
        self.assertEqual(wang.latest_revision.as_object().honours.count(), 2)

        for page, task in ((wang, "城东街道初审"), (lin, "华大街道初审")):
            state = page.current_workflow_state
            self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
            self.assertEqual(state.current_task_state.task.name, task)
            self.assertEqual(state.requested_by, self.office)
            # Consent is pending: nothing can go public until it is recorded.
            self.assertIn(
                "王秀英：未登记同意人和同意日期" if page == wang else "林志强：未登记同意人和同意日期",
                page.consent_problems(),
            )
            with self.assertRaises(ConsentRequired):
                page.save_revision(user=self.office).publish(user=self.office)
        self.assertFalse(ProfilePage.objects.filter(live=True).exists())

        report.refresh_from_db()
        self.assertEqual(report.status, RosterImport.Status.IMPORTED)
        self.assertEqual(
            (report.row_count, report.profiles_created, report.honours_added, report.rows_skipped),
            (3, 2, 3, 0),
        )
        self.assertEqual(
            [(r["row"], r["name"], r["outcome"], r["page"]) for r in report.rows],
            [(2, "王秀英", "new", wang.pk), (3, "林志强", "new", lin.pk), (4, "王秀英", "honour", wang.pk)],
        )
        self.assertEqual(report.uploaded_by, self.office)
        self.assertIsNotNone(report.imported_at)
        self.assertTrue(report.search_indexed)
        self.assertFalse(report.file)
        self.assertFalse(stored.exists())
        # Each street's reviewers hear once of the lot.
        self.assertEqual(
            sorted(message.to[0] for message in mail.outbox),
            ["reviewer_a@example.com", "reviewer_b@example.com"],
        )
        # The drafts are in the admin's search.
        self.assertEqual([page.title for page in ProfilePage.objects.search("王秀英")], ["王秀英"])

    def test_the_report_and_the_audit_log(self):
        report = self.upload(csv_bytes(ROWS))
        self.confirm(report)
        entry = ModelLogEntry.objects.get(action="rosters.import")
        self.assertEqual(entry.object_id, str(report.pk))
        self.assertEqual(entry.user, self.office)
        self.assertEqual(entry.data["checksum"], report.checksum)
        self.assertEqual(entry.data["profiles_created"], 2)
        history = self.client.get(reverse("wagtailadmin_reports:site_history"))
        self.assertContains(history, "导入名单")
        self.assertContains(history, reverse("roster_imports:inspect", args=[report.pk]))
        page = self.client.get(reverse("roster_imports:inspect", args=[report.pk]))
        self.assertContains(page, report.checksum)
        self.assertContains(page, "新建草稿档案")
        wang = ProfilePage.objects.get(title="王秀英")
        self.assertContains(page, reverse("wagtailadmin_pages:edit", args=[wang.pk]))
        index = self.client.get(reverse("roster_imports:index"))
        self.assertContains(index, "名单.csv")

    def test_the_preview_is_checked_again_on_confirm(self):
        title = HonourTitle.objects.create(
            name="五星志愿者", slug="wuxing", level="district", roll="volunteer"
        )
        rows = [["王秀英", "", "浔美社区", "五星志愿者", "", "助人为乐", "2019", "", "", ""]]
        report = self.upload(csv_bytes(rows))
        title.delete()
        before = self.state()
        response = self.confirm(report)
        self.assertRedirects(response, reverse("roster_imports:preview", args=[report.pk]))
        self.assertEqual(self.state(), before)
        self.assertEqual(RosterImport.objects.get(pk=report.pk).status, RosterImport.Status.PENDING)

    def test_confirm_needs_the_previewed_file(self):
        report = self.upload(csv_bytes(ROWS))
        before = self.state()
        response = self.confirm(report, checksum="0" * 64)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.state(), before)
        self.assertEqual(
            self.client.get(reverse("roster_imports:confirm", args=[report.pk])).status_code, 405
        )


class ReimportTests(ImportTestCase):
    def test_the_same_file_twice_changes_nothing(self):
        data = csv_bytes(ROWS)
        self.confirm(self.upload(data))
        before = self.state()
        report = self.upload(data)
        response = self.client.get(reverse("roster_imports:preview", args=[report.pk]))
        self.assertEqual([row.outcome for row in response.context["plan"].rows], ["skip", "skip", "skip"])
        self.assertContains(response, "没有需要导入的内容")
        self.assertNotContains(response, "确认导入")
        _plan, imported = import_bytes(data, "名单.csv", self.office)
        self.assertEqual(imported.profiles_created + imported.honours_added, 0)
        self.assertEqual(imported.rows_skipped, 3)
        self.assertEqual(self.state()[:4], before[:4])

    def test_people_already_on_the_site_are_matched_by_name_and_community(self):
        live = f.ProfilePageFactory(parent=self.world.community_a, title="王秀英")
        f.ProfileHonourFactory(profile=live, title=self.world.titles["中国好人榜"], year=2019)
        live.save_revision().publish()
        # Same name, another community: another person.
        other = f.ProfilePageFactory(parent=self.world.community_a2, title="林志强")
        honours_before = ProfileHonour.objects.count()

        self.confirm(self.upload(csv_bytes(ROWS)))
        live.refresh_from_db()
        # Row 2 was there already, row 4 adds an honour: a revision in review, the live page unchanged.
        self.assertEqual(live.honours.count(), 1)
        self.assertTrue(live.live)
        self.assertTrue(live.has_unpublished_changes)
        latest = live.get_latest_revision_as_object()
        self.assertEqual(sorted(h.year for h in latest.honours.all()), [2018, 2019])
        self.assertEqual(live.current_workflow_state.current_task_state.task.name, "城东街道初审")
        lin = ProfilePage.objects.get(title="林志强", path__startswith=self.world.community_b.path)
        self.assertNotEqual(lin.pk, other.pk)
        self.assertEqual(ProfileHonour.objects.count(), honours_before + 1)  # 林志强's new page only

        # And again: the honour waiting for review is found in the revision; nothing changes.
        before = self.state()
        _plan, report = import_bytes(csv_bytes(ROWS), "again.csv", self.office)
        self.assertEqual(report.rows_skipped, 3)
        self.assertEqual(self.state()[:4], before[:4])

    def test_a_profile_in_review_is_submitted_again_with_the_new_honour(self):
        self.confirm(self.upload(csv_bytes(ROWS[:1])))
        wang = ProfilePage.objects.get(title="王秀英")
        first_state = wang.current_workflow_state
        self.confirm(self.upload(csv_bytes(ROWS[2:])))
        first_state.refresh_from_db()
        self.assertEqual(first_state.status, WorkflowState.STATUS_CANCELLED)
        wang.refresh_from_db()
        self.assertEqual(wang.current_workflow_state.current_task_state.revision_id, wang.latest_revision_id)
        self.assertEqual(len(wang.get_latest_revision_as_object().honours.all()), 2)


class RollbackTests(ImportTestCase):
    def test_a_failure_half_way_leaves_nothing(self):
        report = self.upload(csv_bytes(ROWS))
        before = self.state()
        calls = []
        real = drafts.log_entries

        def fail_on_the_third(*args, **kwargs):
            calls.append(args[1])
            if len(calls) == 3:  # pages and revisions written, workflows not yet
                raise RuntimeError("disk full")
            return real(*args, **kwargs)

        with (
            mock.patch.object(drafts, "log_entries", fail_on_the_third),
            self.assertLogs("rosters.views", "ERROR"),
        ):
            response = self.confirm(report)
        self.assertEqual(calls[:2], ["wagtail.create", "wagtail.edit"])
        self.assertRedirects(response, reverse("roster_imports:preview", args=[report.pk]))
        messages = [str(message) for message in response.wsgi_request._messages]
        self.assertIn(
            "导入中途出错，已全部撤销，没有写入任何内容。请稍后重试；仍不成功请联系管理员。", messages
        )
        self.assertEqual(self.state(), before)
        self.assertFalse(ProfilePage.objects.filter(title="王秀英").exists())
        report.refresh_from_db()
        self.assertEqual(report.status, RosterImport.Status.PENDING)
        self.assertTrue(Path(report.file.path).exists())
        self.assertFalse(ModelLogEntry.objects.filter(action="rosters.import").exists())
        # Once the trouble is gone the same upload imports.
        self.confirm(report)
        self.assertTrue(ProfilePage.objects.filter(title="王秀英").exists())
