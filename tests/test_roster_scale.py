"""A district's roster: 2,000 rows previewed and imported with a bounded number of queries.

How long it takes is measured by bench/rosters_import.py, not here.
"""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from exhibits.models import ProfileHonour, ProfilePage
from rosters.importing import import_plan
from rosters.models import RosterImport
from rosters.planning import plan_import
from rosters.reading import read_roster

from .rosters import QueryCounter, csv_bytes, district, many_rows, xlsx_bytes


class ScaleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()

    def test_a_2000_row_file(self):
        office = get_user_model().objects.get(username="office")
        rows = many_rows(2000)
        data = xlsx_bytes(rows)
        workbook = read_roster(data, "2000.xlsx")
        self.assertEqual(read_roster(csv_bytes(rows), "2000.csv").sheets[0].rows[-1][0], 2001)
        with CaptureQueriesContext(connection) as queries:
            plan = plan_import(workbook, office)
        # Communities, streets, permissions, titles, people, honours: not one query per row.
        self.assertLessEqual(len(queries), 12)
        self.assertFalse(plan.has_errors)
        self.assertEqual(plan.counts["new"], 2000)

        report = RosterImport.objects.create(
            file_name="2000.xlsx", checksum="-", size=len(data), uploaded_by=office
        )
        counter = QueryCounter()
        with self.captureOnCommitCallbacks() as callbacks, connection.execute_wrapper(counter):
            report = import_plan(report, plan, office)
        self.assertLessEqual(counter.count, 2000 * 8 + 400)
        self.assertEqual(ProfilePage.objects.count(), 2000)
        self.assertEqual(ProfileHonour.objects.count(), 2000)
        self.assertEqual(report.profiles_created, 2000)
        # Too many to index within the request: left for `update_index`, and the report says so.
        self.assertFalse(report.search_indexed)
        self.assertEqual(len(callbacks), 1)  # the summary email only

        # The same file again: every row found, in as few queries.
        with CaptureQueriesContext(connection) as queries:
            again = plan_import(read_roster(data, "2000.xlsx"), office)
        self.assertLessEqual(len(queries), 12)
        self.assertEqual(again.counts["skip"], 2000)
