"""Files that are not rosters, or are rosters with something dangerous inside: a clear Chinese
error on the upload form, never a 500, and nothing stored or created."""

import io
import os
import random
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from rosters.models import RosterImport

from .rosters import ROWS, district, upload, xlsx_bytes


def rewrite_zip(data, add=None, replace=None):
    """The zip `data` with members added or replaced ({name: bytes})."""
    add, replace = add or {}, replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename in replace:
                content = replace[item.filename](content)
            target.writestr(item, content)
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def zip_bomb(unpacked_mb=300):
    """A zip that claims to be a workbook and unpacks one sheet to `unpacked_mb` MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                sheet.write(chunk)
    return out.getvalue()


def macro_workbook():
    """An .xlsm saved as .xlsx: a VBA project and the macro-enabled content type."""
    return rewrite_zip(
        xlsx_bytes(ROWS),
        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512},
        replace={
            "[Content_Types].xml": lambda content: content.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            )
        },
    )


def external_link_workbook():
    return rewrite_zip(
        xlsx_bytes(ROWS),
        add={
            "xl/externalLinks/externalLink1.xml": (
                b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                b'2006/relationships"/></externalLink>'
            ),
            "xl/externalLinks/_rels/externalLink1.xml.rels": (
                b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/externalLinkPath" Target="file:///C:/secret/other.xlsx" TargetMode="External"/>'
                b"</Relationships>"
            ),
        },
    )


def xml_bomb_workbook():
    """Billion laughs in the worksheet: entity expansion that would take gigabytes."""
    entities = "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    doctype = f'<!DOCTYPE worksheet [<!ENTITY lol "lol">{entities}]>'

    def explode(content):
        text = content.decode()
        head, body = text.split("?>", 1) if text.startswith("<?xml") else ("", text)
        body = body.replace("<t>王秀英</t>", "<t>&lol9;</t>", 1)
        return ((head + "?>") if head else "").encode() + doctype.encode() + body.encode()

    return rewrite_zip(xlsx_bytes(ROWS), replace={"xl/worksheets/sheet1.xml": explode})


class HostileFileTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = district()

    def setUp(self):
        self.client.force_login(get_user_model().objects.get(username="office"))
        self.pages = Page.objects.count()
        self.stored = self.stored_files()

    def stored_files(self):
        folder = Path(settings.PRIVATE_MEDIA_ROOT) / "rosters"
        return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()

    def refused(self, name, data, message):
        response = self.client.post(reverse("roster_imports:add"), {"file": upload(name, data)})
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors["file"]
        self.assertEqual(len(errors), 1, errors)
        self.assertIn(message, errors[0])
        self.assertContains(response, message, status_code=400)
        self.assertFalse(RosterImport.objects.exists())
        self.assertEqual(Page.objects.count(), self.pages)
        self.assertEqual(self.stored_files(), self.stored)
        return errors[0]

    def test_a_zip_bomb_renamed_xlsx(self):
        data = zip_bomb()
        self.assertLess(len(data), 2 * 1024 * 1024)
        self.refused("名单.xlsx", data, "工作簿解压后过大")

    def test_a_zip_that_is_not_a_workbook(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("readme.txt", "hello")
        self.refused("名单.xlsx", out.getvalue(), "缺少工作簿内容")

    def test_an_xlsm_with_macros_renamed_xlsx(self):
        self.refused("名单.xlsx", macro_workbook(), "工作簿含有宏，不能导入")

    def test_an_xlsm_under_its_own_name(self):
        self.refused("名单.xlsm", macro_workbook(), "不能导入含宏的工作簿")

    def test_a_workbook_with_external_links(self):
        self.refused("名单.xlsx", external_link_workbook(), "外部链接")

    def test_an_xml_bomb_inside_a_workbook(self):
        self.refused("名单.xlsx", xml_bomb_workbook(), "无法读取这个 .xlsx 工作簿")

    def test_empty_files(self):
        for name in ("名单.csv", "名单.xlsx"):
            self.refused(name, b"", "文件是空的（0字节）")

    def test_a_binary_renamed_csv(self):
        self.refused("名单.csv", random.Random(14).randbytes(4096), "不是文本格式的 CSV")
        self.refused("名单.csv", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8, "不是文本格式的 CSV")

    def test_bytes_in_no_chinese_encoding(self):
        self.refused("名单.csv", bytes(range(0x80, 0x100)) * 16, "无法识别文件的文字编码")

    def test_a_workbook_named_csv_and_other_mix_ups(self):
        self.refused("名单.csv", xlsx_bytes(ROWS), "内容却是 Excel 工作簿")
        self.refused("名单.xlsx", "姓名,社区\n王秀英,浔美社区\n".encode(), "不是有效的 .xlsx 工作簿")
        self.refused(
            "名单.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096,
            "旧版 Excel（.xls）格式，或者设置了打开密码",
        )
        self.refused("名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "另存为”.xlsx")
        self.refused("名单.xlsx", b"MZ\x90\x00" + os.urandom(2048), "不是有效的 .xlsx 工作簿")
        self.refused("名单.pdf", b"%PDF-1.4\n", "只能导入 .xlsx 或 .csv 文件")
        self.refused("名单.et", b"\xd0\xcf\x11\xe0", "WPS")

    def test_a_100_mb_file(self):
        data = b"\xe5\xa7\x93\xe5\x90\x8d," * (100 * 1024 * 1024 // 7)
        message = self.refused("名单.csv", data, "文件太大（100 MB），最大 10 MB")
        self.assertIn("分成几个文件", message)

    def test_too_many_rows(self):
        with self.settings(ROSTERS_MAX_ROWS=10):
            rows = [["王秀英", "", "浔美社区", "中国好人榜", "", "助人为乐", "2019", "", "", ""]] * 200
            self.refused("名单.xlsx", xlsx_bytes(rows), "名单超过 10 行的上限")

    def test_no_file_at_all(self):
        response = self.client.post(reverse("roster_imports:add"), {})
        self.assertContains(response, "请选择要导入的文件。", status_code=400)
