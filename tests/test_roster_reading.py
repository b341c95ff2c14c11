"""Reading rosters as offices send them: GBK and UTF-8 CSV, workbooks with merged headers,
formulas, dates and several sheets, Chinese header aliases and stray spaces."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from rosters.columns import clean_name, column_for_header, parse_category, parse_level, parse_year
from rosters.planning import HONOUR, NEW, plan_import
from rosters.reading import read_roster

from .rosters import ROWS, csv_bytes, district, office_workbook, xlsx_bytes


class ReadingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()

    def setUp(self):
        self.office = get_user_model().objects.get(username="office")

    def plan(self, data, name, sheet=None):
        return plan_import(read_roster(data, name), self.office, sheet=sheet)

    def summary(self, plan):
        return [
            (row.number, row.name, row.community.title, row.title.name, row.category, row.year)
            for row in plan.rows
        ]


class CsvTests(ReadingTestCase):
    def test_a_gbk_csv_from_excel(self):
        data = csv_bytes(ROWS, encoding="gbk")
        self.assertRaises(UnicodeDecodeError, data.decode, "utf-8")
        plan = self.plan(data, "名单.csv")
        self.assertEqual(plan.encoding, "GB18030（GBK）")
        self.assertFalse(plan.has_errors, [p.message for row in plan.rows for p in row.problems])
        self.assertEqual(
            self.summary(plan),
            [
                (2, "王秀英", "浔美社区", "中国好人榜", "helping", 2019),
                (3, "林志强", "城东社区", "福建好人榜", "bravery", 2020),
                (4, "王秀英", "浔美社区", "丰泽区道德模范", "helping", 2018),
            ],
        )
        self.assertEqual([row.outcome for row in plan.rows], [NEW, NEW, HONOUR])
        self.assertEqual(plan.rows[2].note, "第五届")

    def test_gb18030_characters_outside_gbk(self):
        # 𠮷 (U+20BB7) exists only in GB18030; names like it appear in real rolls.
        rows = [["𠮷祥", "城东街道", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""]]
        plan = self.plan(csv_bytes(rows, encoding="gb18030"), "a.csv")
        self.assertEqual(plan.rows[0].name, "𠮷祥")

    def test_a_utf8_csv_with_bom(self):
        plan = self.plan(csv_bytes(ROWS, encoding="utf-8", bom=True), "名单.csv")
        self.assertEqual(plan.encoding, "UTF-8（带BOM）")
        self.assertFalse(plan.has_errors)
        self.assertEqual(plan.rows[0].name, "王秀英")
        self.assertEqual(plan.mapping[0][1], "姓名")  # the BOM is not part of the first header

    def test_a_utf8_csv_without_bom_and_a_utf16_tab_separated_one(self):
        plan = self.plan(csv_bytes(ROWS, encoding="utf-8"), "a.csv")
        self.assertEqual((plan.encoding, len(plan.rows)), ("UTF-8", 3))
        plan = self.plan(csv_bytes(ROWS, encoding="utf-16", delimiter="\t"), "a.csv")
        self.assertEqual((plan.encoding, len(plan.rows)), ("UTF-16", 3))
        self.assertFalse(plan.has_errors)

    def test_aliases_extra_columns_full_width_spaces_and_trailing_blanks(self):
        header = [
            "序号",
            "姓　名",
            "性别",
            "身份证号",
            "所属社区（村）",
            "获得荣誉",
            "事迹类别",
            "年度*",
            "备注",
            "",
        ]
        rows = [
            [
                "1",
                "王　芳",
                "女",
                "350503199001011234",
                "浔美社区　",
                "中国好人榜 ",
                " 助人为乐类",
                "２０１９年",
                "",
                "",
            ],
            ["2", "买买提•艾力", "男", "", "浔美", "“中国好人榜”", "见义勇为", "2020", "", ""],
            ["", "", "", "", "", "", "", "", "", ""],
            ["", "", "", "", "", "", "", "", "", ""],
        ]
        plan = self.plan(csv_bytes(rows, header=header, encoding="gb18030"), "a.csv")
        self.assertFalse(plan.has_errors, [p.message for row in plan.rows for p in row.problems])
        self.assertEqual(
            self.summary(plan),
            [
                (2, "王芳", "浔美社区", "中国好人榜", "helping", 2019),
                (3, "买买提·艾力", "浔美社区", "中国好人榜", "bravery", 2020),
            ],
        )
        self.assertEqual(plan.ignored_headers, ["序号", "身份证号"])
        self.assertEqual(plan.personal_headers, ["身份证号"])
        self.assertTrue(any("性别" in note for note in plan.notes))
        self.assertTrue(any("身份证号" in note and "不会读取或保存" in note for note in plan.notes))

    def test_an_edition_in_the_title_goes_to_the_note(self):
        rows = [["陈明", "", "浔美社区", "第七届丰泽区道德模范", "", "敬业奉献", "2021", "", "", ""]]
        plan = self.plan(csv_bytes(rows), "a.csv")
        self.assertEqual((plan.rows[0].title.name, plan.rows[0].note), ("丰泽区道德模范", "第七届"))


class XlsxTests(ReadingTestCase):
    def test_merged_headers_formulas_dates_and_several_sheets(self):
        plan = self.plan(office_workbook(), "2023年道德模范.xlsx")
        self.assertEqual(plan.kind, "xlsx")
        self.assertEqual(plan.sheets, ["填报说明", "道德模范", "好人榜"])
        # The first sheet with a header is chosen; the header is the lower of two merged rows.
        self.assertEqual((plan.sheet, plan.header_row), ("道德模范", 4))
        self.assertFalse(plan.has_errors, [p.message for row in plan.rows for p in row.problems])
        self.assertEqual(
            self.summary(plan),
            [
                # =2018+1, read as the value Excel saved with it.
                (5, "陈国栋", "浔美社区", "丰泽区道德模范", "dedication", 2019),
                # The community merged over two rows; the year a date.
                (6, "李美玲", "浔美社区", "福建省道德模范", "filial", 2021),
                # The year a date shown as an Excel day number (44197 = 2021-01-01).
                (7, "黄建华", "城东社区", "中国好人榜", "integrity", 2021),
            ],
        )
        self.assertEqual(plan.rows[0].deeds, "三十年义务修车。")
        self.assertEqual(
            [(p.column, p.message, p.error) for p in plan.rows[2].problems],
            [("年份", "44197 按 Excel 日期读作 2021 年，请核对。", False)],
        )
        self.assertIn("联系电话", plan.personal_headers)
        self.assertIn("序号", plan.ignored_headers)

    def test_another_sheet_can_be_chosen(self):
        plan = self.plan(office_workbook(), "a.xlsx", sheet="好人榜")
        self.assertEqual(plan.sheet, "好人榜")
        self.assertEqual(self.summary(plan), [(2, "郑清泉", "东美社区", "福建好人榜", "helping", 2022)])

    def test_numbers_and_dates_in_a_plain_workbook(self):
        rows = [
            ["王秀英", "城东街道", "浔美社区", "中国好人榜", "国家级", "助人为乐", 2019.0, None, None, None]
        ]
        plan = self.plan(xlsx_bytes(rows), "a.xlsx")
        self.assertEqual(plan.rows[0].year, 2019)
        self.assertFalse(plan.has_errors)

    def test_a_workbook_without_a_header(self):
        plan = self.plan(xlsx_bytes([["a", "b"]], header=["甲", "乙"]), "a.xlsx")
        self.assertTrue(plan.has_errors)
        self.assertIn("找不到表头", plan.file_errors[0])

    def test_missing_required_columns_are_named(self):
        plan = self.plan(csv_bytes([["王秀英", "浔美社区"]], header=["姓名", "社区"]), "a.csv")
        self.assertEqual(
            [error.split("（")[0] for error in plan.file_errors],
            ["缺少“荣誉称号”列", "缺少“类别”列", "缺少“年份”列"],
        )


class CellTests(TestCase):
    def test_headers(self):
        for header, key in [
            ("姓 名", "name"),
            ("姓名（必填）", "name"),
            ("姓名*", "name"),
            ("所属社区", "community"),
            ("荣誉称号", "title"),
            ("获评年份", "year"),
            ("身份／职业", "occupation"),
            ("主要事迹", "deeds"),
            ("性别", "gender"),
            ("序号", None),
        ]:
            self.assertEqual(column_for_header(header), key, header)

    def test_values(self):
        self.assertEqual(clean_name("王　芳"), "王芳")
        self.assertEqual(clean_name(" 阿依古丽•买买提 "), "阿依古丽·买买提")
        self.assertEqual(clean_name("John Smith"), "John Smith")
        self.assertEqual(parse_category("孝老爱亲类"), "filial")
        self.assertEqual(parse_category("（见义勇为）"), "bravery")
        self.assertIsNone(parse_category("乐于助人"))
        self.assertEqual(parse_level("省级"), "provincial")
        self.assertEqual(parse_level("全国"), "national")
        for value, year in [
            (2019, 2019),
            (2019.0, 2019),
            ("2019年", 2019),
            ("2019年度", 2019),
            ("2019-05-01", 2019),
            ("2019.5", 2019),
            ("２０１９", 2019),
            (43586, 2019),
            ("43586", None),
            ("20210", None),
            ("二〇一九", None),
            (2019.5, None),
            ("", None),
        ]:
            self.assertEqual(parse_year(value), year, value)
