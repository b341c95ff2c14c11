"""`manage.py import_roster`: the admin's import for set-up scripts, with a dry run."""

import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from exhibits.models import ProfilePage
from rosters.models import RosterImport

from .rosters import ROWS, csv_bytes, district, office_workbook


class ImportRosterCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()

    def run_command(self, *args):
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("import_roster", *args, stdout=out)
        return out.getvalue()

    def test_dry_run_prints_the_preview_and_writes_nothing(self):
        path = self.tmp("名单.csv", csv_bytes(ROWS))
        out = self.run_command(str(path), "--user", "office", "--dry-run")
        self.assertIn("CSV, GB18030（GBK）; header on row 1", out)
        self.assertIn("row 2: 王秀英 | 浔美社区 | 中国好人榜 | 2019 -> 新建草稿档案", out)
        self.assertIn("row 4: 王秀英 | 浔美社区 | 丰泽区道德模范 | 2018 -> 为已有档案添加荣誉", out)
        self.assertIn(
            "新建草稿档案 2, 为已有档案添加荣誉 1, 已有此荣誉，跳过 0, 有错误，不导入 0; problems 0", out
        )
        self.assertIn("Dry run: nothing was written.", out)
        self.assertFalse(ProfilePage.objects.exists())
        self.assertFalse(RosterImport.objects.exists())

    def test_import_and_import_again(self):
        path = self.tmp("2023.xlsx", office_workbook())
        out = self.run_command(str(path), "--user", "office", "--sheet", "道德模范")
        self.assertIn("sheet “道德模范”; header on row 4", out)
        self.assertIn("3 draft profiles created, 3 honours added, 0 rows skipped", out)
        self.assertEqual(ProfilePage.objects.filter(live=False).count(), 3)
        report = RosterImport.objects.get()
        self.assertEqual(
            (report.status, report.sheet, report.uploaded_by.username), ("imported", "道德模范", "office")
        )
        self.assertTrue(report.search_indexed)
        self.assertEqual([page.title for page in ProfilePage.objects.search("陈国栋")], ["陈国栋"])
        out = self.run_command(str(path), "--user", "office", "--sheet", "道德模范")
        self.assertIn("0 draft profiles created, 0 honours added, 3 rows skipped", out)

    def test_errors_stop_the_import(self):
        path = self.tmp(
            "bad.csv",
            csv_bytes([["王秀英", "", "训美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""]]),
        )
        out = StringIO()
        with self.assertRaisesMessage(CommandError, "Not imported: 1 problem(s) to fix in the file."):
            call_command("import_roster", str(path), "--user", "office", stdout=out)
        self.assertIn("ERROR: 社区（C2）: 没有“训美社区”这个社区。您是不是要找：“浔美社区”", out.getvalue())
        self.assertFalse(ProfilePage.objects.exists())

    def test_bad_arguments(self):
        path = self.tmp("a.csv", csv_bytes(ROWS))
        with self.assertRaisesMessage(CommandError, "No active user 'reviewer_a' allowed to import rosters."):
            call_command("import_roster", str(path), "--user", "reviewer_a")
        with self.assertRaisesMessage(CommandError, "No such file"):
            call_command("import_roster", "/nonexistent.csv", "--user", "office")
        with self.assertRaisesMessage(CommandError, "文件是空的"):
            call_command("import_roster", str(self.tmp("empty.csv", b"")), "--user", "office")

    def tmp(self, name, data):
        folder = Path(tempfile.mkdtemp(prefix="roster-command-"))
        self.addCleanup(shutil.rmtree, folder)
        path = folder / name
        path.write_bytes(data)
        return path
