"""Who may import and export rosters, tried from the refused side by direct URL and id.

The office imports anywhere and exports; a community's editors import only into their own
community (rows for any other are refused in the preview) and read only their own imports;
reviewers, site administrators and visitors get nothing.
"""

from io import BytesIO

from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page

from exhibits.models import ProfilePage
from rosters.models import RosterImport

from .rosters import ROWS, csv_bytes, district, upload


class RosterPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()

    def login(self, role):
        self.client.logout()
        user = self.world.users[role]
        if user is not None:
            self.client.force_login(get_user_model().objects.get(pk=user.pk))

    def upload_as(self, role, rows=ROWS):
        self.login(role)
        response = self.client.post(
            reverse("roster_imports:add"), {"file": upload("名单.csv", csv_bytes(rows))}
        )
        self.assertEqual(response.status_code, 302, role)
        return RosterImport.objects.latest("pk")

    def test_an_editor_imports_only_into_their_own_community(self):
        report = self.upload_as("editor_a")
        response = self.client.get(reverse("roster_imports:preview", args=[report.pk]))
        plan = response.context["plan"]
        self.assertEqual([row.outcome for row in plan.rows], ["new", "error", "honour"])
        self.assertEqual(
            [(p.column, p.message) for p in plan.rows[1].problems],
            [("社区", "您只能导入本社区（浔美社区）的名单，不能导入城东社区。")],
        )
        self.assertNotContains(response, "确认导入")
        # Confirming anyway by posting the form by hand writes nothing.
        before = Page.objects.count()
        response = self.client.post(
            reverse("roster_imports:confirm", args=[report.pk]), {"checksum": report.checksum}
        )
        self.assertEqual(Page.objects.count(), before)
        self.assertEqual(RosterImport.objects.get(pk=report.pk).status, RosterImport.Status.PENDING)

        # Their own community's rows import, as drafts in the workflow.
        own = [ROWS[0], ROWS[2]]
        report = self.upload_as("editor_a", own)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("roster_imports:confirm", args=[report.pk]), {"checksum": report.checksum}
            )
        page = ProfilePage.objects.get(title="王秀英")
        self.assertEqual(page.get_parent().pk, self.world.community_a.pk)
        self.assertEqual(page.owner.username, "editor_a")
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.current_task_state.task.name, "城东街道初审")

    def test_a_file_without_a_community_column_goes_to_the_editors_community(self):
        rows = [["陈国栋", "中国好人榜", "助人为乐", "2019"]]
        self.login("editor_b")
        response = self.client.post(
            reverse("roster_imports:add"),
            {"file": upload("a.csv", csv_bytes(rows, header=["姓名", "荣誉称号", "类别", "年份"]))},
        )
        self.assertEqual(response.status_code, 302)
        report = RosterImport.objects.latest("pk")
        plan = self.client.get(reverse("roster_imports:preview", args=[report.pk])).context["plan"]
        self.assertFalse(plan.has_errors)
        self.assertEqual(plan.rows[0].community.pk, self.world.community_b.pk)
        self.assertIn("全部导入到城东社区", "".join(plan.notes))

    def test_editors_cannot_reach_another_importers_upload(self):
        office_report = self.upload_as("office")
        other_editor = self.upload_as("editor_b")
        self.login("editor_a")
        for name in ("preview", "inspect"):
            self.assertEqual(
                self.client.get(reverse(f"roster_imports:{name}", args=[office_report.pk])).status_code,
                404,
                name,
            )
            self.assertEqual(
                self.client.get(reverse(f"roster_imports:{name}", args=[other_editor.pk])).status_code,
                404,
                name,
            )
        for name in ("confirm", "discard"):
            response = self.client.post(
                reverse(f"roster_imports:{name}", args=[office_report.pk]),
                {"checksum": office_report.checksum},
            )
            self.assertEqual(response.status_code, 404, name)
        self.assertEqual(RosterImport.objects.get(pk=office_report.pk).status, RosterImport.Status.PENDING)
        index = self.client.get(reverse("roster_imports:index"))
        self.assertEqual(index.status_code, 200)
        self.assertNotContains(index, reverse("roster_imports:preview", args=[office_report.pk]))
        # The office sees every import.
        self.login("office")
        index = self.client.get(reverse("roster_imports:index"))
        self.assertContains(index, reverse("roster_imports:preview", args=[other_editor.pk]))

    def test_editors_may_not_export(self):
        self.login("editor_a")
        for query in ({}, {"format": "csv"}, {"format": "xlsx", "consent": "on"}):
            response = self.client.get(reverse("roster_imports:export"), query)
            self.assertIn(response.status_code, (302, 403), query)
            self.assertNotIn("text/csv", response.get("Content-Type", ""))
        self.assertNotContains(
            self.client.get(reverse("roster_imports:index")), reverse("roster_imports:export")
        )

    def test_everybody_else_gets_nothing(self):
        report = self.upload_as("office")
        for role in ("anonymous", "reviewer_a", "reviewer_b", "site_admin"):
            self.login(role)
            for method, url in (
                ("get", reverse("roster_imports:index")),
                ("get", reverse("roster_imports:add")),
                ("post", reverse("roster_imports:add")),
                ("get", reverse("roster_imports:preview", args=[report.pk])),
                ("get", reverse("roster_imports:inspect", args=[report.pk])),
                ("post", reverse("roster_imports:confirm", args=[report.pk])),
                ("post", reverse("roster_imports:discard", args=[report.pk])),
                ("get", reverse("roster_imports:template", args=["xlsx"])),
                ("get", reverse("roster_imports:export") + "?format=csv"),
                ("get", reverse("roster_imports:edit", args=[report.pk])),
                ("get", reverse("roster_imports:delete", args=[report.pk])),
            ):
                response = getattr(self.client, method)(
                    url, {"checksum": report.checksum} if method == "post" else {}
                )
                self.assertIn(response.status_code, (302, 403, 404), f"{role} {method} {url}")
                self.assertNotIn("王秀英", response.content.decode(errors="ignore"), f"{role} {url}")
        self.assertEqual(RosterImport.objects.get(pk=report.pk).status, RosterImport.Status.PENDING)

    def test_uploads_and_decisions_need_the_csrf_token(self):
        report = self.upload_as("office")
        client = Client(enforce_csrf_checks=True)
        client.force_login(get_user_model().objects.get(username="office"))
        response = client.post(reverse("roster_imports:add"), {"file": upload("名单.csv", csv_bytes(ROWS))})
        self.assertEqual(response.status_code, 403)
        for name in ("confirm", "discard"):
            response = client.post(
                reverse(f"roster_imports:{name}", args=[report.pk]), {"checksum": report.checksum}
            )
            self.assertEqual(response.status_code, 403, name)
        self.assertEqual(RosterImport.objects.count(), 1)
        self.assertEqual(RosterImport.objects.get().status, RosterImport.Status.PENDING)

    def test_nobody_edits_or_deletes_a_report(self):
        report = self.upload_as("office")
        for url in (
            reverse("roster_imports:edit", args=[report.pk]),
            reverse("roster_imports:delete", args=[report.pk]),
        ):
            self.assertIn(self.client.get(url).status_code, (302, 403))
            self.assertIn(self.client.post(url, {"file_name": "x"}).status_code, (302, 403))
        self.assertTrue(RosterImport.objects.filter(pk=report.pk, file_name="名单.csv").exists())

    def test_the_menu_and_the_template_for_editors(self):
        self.login("editor_a")
        menu_link = '"url": "/admin/rosters/"'
        self.assertIn(menu_link, self.client.get(reverse("wagtailadmin_home")).content.decode())
        response = self.client.get(reverse("roster_imports:template", args=["xlsx"]))
        self.assertEqual(response.status_code, 200)
        workbook = load_workbook(BytesIO(response.content))
        communities = [row[1] for row in workbook["社区"].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(communities, ["浔美社区"])
        self.login("reviewer_a")
        self.assertNotIn(menu_link, self.client.get(reverse("wagtailadmin_home")).content.decode())
