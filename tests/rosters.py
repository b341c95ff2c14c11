"""Real-shaped roster files for the roster tests, and the district they are imported into.

The files are made the way offices make them: CSV saved by Excel in China (GBK, CRLF), CSV with a
UTF-8 BOM, and workbooks with a merged title and grouped headers, formulas with the values Excel
saved beside them, dates for years, several sheets and columns nobody asked for.
"""

import csv
import datetime
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from exhibits.choices import HonourLevel, HonourRollKind

from . import factories as f
from .moderation import build_world

HEADER = ["姓名", "街道", "社区", "荣誉称号", "级别", "类别", "年份", "身份/职业", "事迹", "备注"]
ROWS = [
    [
        "王秀英",
        "城东街道",
        "浔美社区",
        "中国好人榜",
        "国家级",
        "助人为乐",
        "2019",
        "退休教师",
        "十年照料独居老人。",
        "",
    ],
    [
        "林志强",
        "华大街道",
        "城东社区",
        "福建好人榜",
        "省级",
        "见义勇为",
        "2020",
        "出租车司机",
        "勇救落水儿童。",
        "",
    ],
    [
        "王秀英",
        "城东街道",
        "浔美社区",
        "丰泽区道德模范",
        "区级",
        "助人为乐",
        "2018",
        "退休教师",
        "十年照料独居老人。",
        "第五届",
    ],
]


def district():
    """build_world() (浔美社区 and 东美社区 in 城东街道, 城东社区 in 华大街道, one user per role)
    plus the honour titles the files name."""
    world = build_world()
    world.titles = {
        "中国好人榜": f.HonourTitleFactory(
            name="中国好人榜",
            slug="zhongguo-haoren",
            level=HonourLevel.NATIONAL,
            roll=HonourRollKind.GOOD_PEOPLE,
        ),
        "福建好人榜": f.HonourTitleFactory(
            name="福建好人榜",
            slug="fujian-haoren",
            level=HonourLevel.PROVINCIAL,
            roll=HonourRollKind.GOOD_PEOPLE,
        ),
        "福建省道德模范": f.HonourTitleFactory(
            name="福建省道德模范", slug="fujian-daode-mofan", level=HonourLevel.PROVINCIAL
        ),
        "丰泽区道德模范": f.HonourTitleFactory(name="丰泽区道德模范", slug="fengze-daode-mofan"),
    }
    return world


def csv_bytes(rows, header=HEADER, encoding="gbk", bom=False, delimiter=","):
    """A CSV as Excel writes it: CRLF line ends, in `encoding` (Excel in China: GBK)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in [header, *rows] if header else rows:
        writer.writerow(row)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def inject_cached_values(data, values):
    """Put the values Excel saves beside formulas (`<v>`) into a workbook openpyxl wrote without
    them: `values` maps a formula's text (without "=") to its value."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode()
                for formula, value in values.items():
                    text = re.sub(
                        rf"<f>{re.escape(formula)}</f><v\s*/>|<f>{re.escape(formula)}</f><v></v>",
                        f"<f>{formula}</f><v>{value}</v>",
                        text,
                    )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def workbook_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def office_workbook():
    """A workbook as a district office sends it.

    Sheet 1 "填报说明" is prose; sheet 2 "道德模范" has a merged title row, a date line, grouped
    header cells merged over two rows, 序号 and 联系电话 columns, a community written once for
    two people (merged vertically), a year given by a formula (=2018+1, saved as 2019), a year
    given as a date, and one as a date that lost its format (an Excel day number); sheet 3
    "好人榜" is another list.
    """
    workbook = Workbook()
    notes = workbook.active
    notes.title = "填报说明"
    notes.append(["请各社区于月底前报送。"])
    notes.append(["本表由区委文明办汇总。"])

    sheet = workbook.create_sheet("道德模范")
    sheet.append(["2023年丰泽区道德模范推荐名单"])
    sheet.merge_cells("A1:J1")
    sheet.append(["填报单位：区委文明办", None, None, None, None, None, None, None, "填报日期：2023年12月"])
    sheet.append(["序号", "基本信息", None, None, "荣誉", None, None, None, "联系电话", "事迹简介"])
    sheet.append([None, "姓　名", "所属社区", "街道", "荣誉称号", "类别", "获评年份", "级别", None, None])
    for merged in ("A3:A4", "B3:D3", "E3:H3", "I3:I4", "J3:J4"):
        sheet.merge_cells(merged)
    sheet.append(
        [
            1,
            "陈　国栋",
            "浔美社区",
            "城东街道",
            "丰泽区道德模范",
            "敬业奉献",
            "=2018+1",
            "区级",
            "13800000001",
            "三十年义务修车。",
        ]
    )
    sheet.append(
        [
            2,
            "李美玲",
            None,
            "城东街道",
            "福建省道德模范",
            "孝老爱亲类",
            datetime.date(2021, 5, 1),
            "省级",
            "13800000002",
            "照顾瘫痪婆婆十五年。",
        ]
    )
    sheet.merge_cells("C5:C6")
    sheet.append(
        [
            3,
            "黄建华 ",
            "城东社区",
            "华大街道",
            "中国好人榜",
            "诚实守信",
            44197,
            "国家级",
            "13800000003",
            "拾金不昧。",
        ]
    )
    sheet.append([None, None, None, None, None, None, None, None, None, None])
    sheet.append(["注：以上排名不分先后。"])

    others = workbook.create_sheet("好人榜")
    others.append(HEADER)
    others.append(
        [
            "郑清泉",
            "城东街道",
            "东美社区",
            "福建好人榜",
            "省级",
            "助人为乐",
            2022,
            "社区志愿者",
            "长期义务巡河。",
            "",
        ]
    )
    return inject_cached_values(workbook_bytes(workbook), {"2018+1": 2019})


def xlsx_bytes(rows, header=HEADER, title="名单"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def many_rows(count, communities=("浔美社区", "东美社区", "城东社区")):
    """`count` different people, spread over the communities, each with one honour."""
    categories = ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲"]
    titles = ["中国好人榜", "福建好人榜", "福建省道德模范", "丰泽区道德模范"]
    surnames = "陈林黄王李吴蔡张郑刘许洪庄苏施曾杨谢柯傅"
    given = "秀志美建丽国淑文雅明惠永春清玉少婉金碧振月德素荣宝海桂天瑞芳"
    rows = []
    for n in range(count):
        community = communities[n % len(communities)]
        street = "华大街道" if community == "城东社区" else "城东街道"
        name = surnames[n % 20] + given[n // 20 % 30] + given[n // 600 % 30]
        rows.append(
            [
                name,
                street,
                community,
                titles[n % 4],
                "",
                categories[n % 5],
                str(2010 + n % 14),
                "居民",
                f"第{n}号事迹。",
                "",
            ]
        )
    return rows


class QueryCounter:
    """Counts every query (CaptureQueriesContext keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
