"""Exporting the honour roll (office only): the listing's filters, .xlsx and UTF-8-BOM .csv in the
import template's columns, formula injection neutralised, consent data only when asked for, and a
round trip back through the import that changes nothing."""

import csv
import io

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, Page

from exhibits.models import ProfilePage
from rosters.columns import TEMPLATE_HEADERS
from rosters.export import CONSENT_HEADERS
from rosters.importing import import_bytes

from . import factories as f
from .rosters import ROWS, district


def read_csv(content):
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"))))


def read_xlsx(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


class ExportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()
        titles = cls.world.titles
        cls.wang = f.ProfilePageFactory(
            parent=cls.world.community_a, title="王秀英", occupation="退休教师", summary="十年照料独居老人。"
        )
        f.ProfileHonourFactory(profile=cls.wang, title=titles["中国好人榜"], category="helping", year=2019)
        f.ProfileHonourFactory(
            profile=cls.wang, title=titles["丰泽区道德模范"], category="helping", year=2018, note="第五届"
        )
        cls.lin = f.ProfilePageFactory(
            parent=cls.world.community_b, title="林志强", occupation="出租车司机", summary="勇救落水儿童。"
        )
        f.ProfileHonourFactory(profile=cls.lin, title=titles["福建好人榜"], category="bravery", year=2020)
        draft = f.ProfilePageFactory(
            parent=cls.world.community_a2, title="郑清泉", live=False, summary="巡河。"
        )
        f.ProfileHonourFactory(profile=draft, title=titles["福建好人榜"], category="helping", year=2022)

    def setUp(self):
        self.office = get_user_model().objects.get(username="office")
        self.client.force_login(self.office)

    def export(self, **query):
        response = self.client.get(reverse("roster_imports:export"), {"format": "csv", **query})
        self.assertEqual(response.status_code, 200)
        if query.get("format") == "xlsx":
            return read_xlsx(response.content)
        return read_csv(response.content)


class ExportTests(ExportTestCase):
    def test_the_honour_roll_in_the_templates_columns(self):
        response = self.client.get(reverse("roster_imports:export"), {"format": "csv"})
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn(".csv", response["Content-Disposition"])
        rows = read_csv(response.content)
        self.assertEqual(rows[0], TEMPLATE_HEADERS)
        # The people set up above are the import template's sample rows (tests.rosters.ROWS),
        # one row per honour, in the roll's order.
        self.assertEqual(rows[1:], [ROWS[2], ROWS[0], ROWS[1]])
        xlsx = self.export(format="xlsx")
        self.assertEqual(xlsx[0], TEMPLATE_HEADERS)
        self.assertEqual(
            xlsx[1][:7], ["王秀英", "城东街道", "浔美社区", "丰泽区道德模范", "区级", "助人为乐", 2018]
        )

    def test_filters_like_the_public_listing(self):
        def names(**query):
            return [(row[0], row[3]) for row in self.export(**query)[1:]]

        self.assertEqual(names(level="national"), [("王秀英", "中国好人榜")])
        self.assertEqual(names(category="bravery"), [("林志强", "福建好人榜")])
        self.assertEqual(names(year="2018"), [("王秀英", "丰泽区道德模范")])
        self.assertEqual(names(street=self.world.street_b.pk), [("林志强", "福建好人榜")])
        self.assertEqual(
            names(community=self.world.community_a.pk, level="district"), [("王秀英", "丰泽区道德模范")]
        )
        self.assertEqual(names(honour="fujian-haoren"), [("林志强", "福建好人榜")])
        self.assertEqual(
            names(honour="fujian-haoren", scope="all"), [("郑清泉", "福建好人榜"), ("林志强", "福建好人榜")]
        )

    def test_bad_filters_are_explained(self):
        response = self.client.get(
            reverse("roster_imports:export"), {"format": "csv", "year": "去年", "level": "x"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        self.assertContains(response, "请填写四位数年份。")

    def test_consent_records_only_when_the_office_asks(self):
        rows = self.export()
        self.assertEqual(rows[0], TEMPLATE_HEADERS)
        self.assertNotIn("本人", "".join(",".join(row) for row in rows))
        rows = self.export(consent="on")
        self.assertEqual(rows[0], TEMPLATE_HEADERS + CONSENT_HEADERS)
        self.assertEqual(rows[1][10:], ["本人", "2024-05-01", "姓名、肖像/照片、事迹", "是", "否", ""])
        entries = list(ModelLogEntry.objects.filter(action="rosters.export").order_by("pk"))
        self.assertEqual([entry.data["consent"] for entry in entries], [False, True])
        self.assertEqual(entries[1].user, self.office)

    def test_formula_injection_is_neutralised(self):
        evil = f.ProfilePageFactory(
            parent=self.world.community_a,
            title='=HYPERLINK("http://evil.example/","点我")',
            occupation="-2+3",
            summary="+cmd|' /C calc'!A0",
        )
        f.ProfileHonourFactory(
            profile=evil, title=self.world.titles["中国好人榜"], year=2021, note="@SUM(A1:A9)"
        )
        rows = self.export(community=self.world.community_a.pk, year="2021")
        self.assertEqual(
            [rows[1][0], rows[1][7], rows[1][8], rows[1][9]],
            ['\'=HYPERLINK("http://evil.example/","点我")', "'-2+3", "'+cmd|' /C calc'!A0", "'@SUM(A1:A9)"],
        )
        response = self.client.get(
            reverse("roster_imports:export"),
            {"format": "xlsx", "community": self.world.community_a.pk, "year": "2021"},
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = {cell.coordinate: cell for row in sheet.iter_rows() for cell in row}
        self.assertFalse([cell.coordinate for cell in cells.values() if cell.data_type == "f"])
        for coordinate in ("A2", "H2", "I2", "J2"):
            self.assertEqual(cells[coordinate].data_type, "s", coordinate)
            self.assertTrue(cells[coordinate].quotePrefix, coordinate)
        self.assertEqual(cells["A2"].value, evil.title)  # shown as typed, never evaluated

    def test_the_export_page(self):
        response = self.client.get(reverse("roster_imports:export"))
        self.assertContains(response, "包含本人同意记录")
        self.assertContains(response, "荣誉级别")


class RoundTripTests(ExportTestCase):
    def test_export_then_import_gives_the_same_roll(self):
        for format in ("xlsx", "csv"):
            with self.subTest(format=format):
                response = self.client.get(reverse("roster_imports:export"), {"format": format})
                exported = response.content
                before = read_xlsx(exported) if format == "xlsx" else read_csv(exported)

                # Into the same site: everything is there already.
                pages = Page.objects.count()
                _plan, report = import_bytes(exported, f"roll.{format}", self.office)
                self.assertEqual(
                    (report.profiles_created, report.honours_added, report.rows_skipped), (0, 0, 3)
                )
                self.assertEqual(Page.objects.count(), pages)

                # Into a site without those people: the same roll comes back out (as drafts).
                for page in ProfilePage.objects.filter(title__in=["王秀英", "林志强"]):
                    page.delete()
                _plan, report = import_bytes(exported, f"roll.{format}", self.office)
                self.assertEqual((report.profiles_created, report.honours_added), (2, 3))
                again = self.client.get(
                    reverse("roster_imports:export"), {"format": format, "scope": "all", "honour": ""}
                ).content
                after = read_xlsx(again) if format == "xlsx" else read_csv(again)
                self.assertEqual([row for row in after if row[0] != "郑清泉"], before)
                # Publish them again for the next format's run.
                for page in ProfilePage.objects.filter(title__in=["王秀英", "林志强"]):
                    page.live = True
                    page.save(update_fields=["live"])
