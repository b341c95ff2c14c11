"""Reading an uploaded roster (.xlsx or .csv) into rows of cells, refusing what is not one.

Every refusal is a `RosterFileError` with a Chinese message the importer can act on. The bytes
decide what a file is, not its name: a zip bomb, an old .xls or an executable renamed .xlsx or
.csv is told apart before any parser sees it.

- CSV: UTF-8 with or without a BOM, GB18030 (which reads GBK and GB2312, what Excel in China
  saves as "CSV"), or UTF-16 with a BOM (Excel's "Unicode text"); comma- or tab-separated.
- XLSX: read with openpyxl (`data_only=True`: formulas give the value Excel saved with them);
  cells of a merged range all take the range's value, so a merged header or a community written
  once for several people reads as if repeated. Workbooks with macros or links to other workbooks
  are refused, and the zip is checked for its unpacked size and compression ratio first. openpyxl
  parses through defusedxml (installed), so entity bombs inside the XML are refused too.

openpyxl is used directly rather than through tablib or django-import-export: those map each row
onto one model through Django's ModelAdmin, while a roster row here becomes (part of) a Wagtail
page in the place tree, submitted to a workflow, after a preview that speaks to each cell; their
import flow would be bent at every step. tablib reads .xlsx with openpyxl anyway, and Wagtail
already depends on it.
"""

import csv
import io
import logging
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from openpyxl import load_workbook

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A worksheet compresses well, but not a thousand times.
MAX_COMPRESSION_RATIO = 200
# Rows that are only read to find the header (a title, a date line) before the data starts.
HEADER_SLACK = 50


class RosterFileError(Exception):
    """The file as a whole cannot be read; the message is shown to the importer."""


@dataclass
class Sheet:
    name: str
    rows: list = field(default_factory=list)  # [(row number as Excel shows it, [cell values])]


@dataclass
class Workbook:
    kind: str  # "xlsx" or "csv"
    sheets: list
    encoding: str = ""  # what the CSV was decoded as, in words

    def sheet(self, name):
        return next((sheet for sheet in self.sheets if sheet.name == name), None)


def limits():
    return {
        "bytes": settings.ROSTERS_MAX_UPLOAD_BYTES,
        "rows": settings.ROSTERS_MAX_ROWS,
        "unpacked": settings.ROSTERS_MAX_UNPACKED_BYTES,
    }


def megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")


def check_size(size):
    if size == 0:
        raise RosterFileError("文件是空的（0字节），请检查是否选错了文件。")
    if size > settings.ROSTERS_MAX_UPLOAD_BYTES:
        raise RosterFileError(
            f"文件太大（{megabytes(size)}），最大 {megabytes(settings.ROSTERS_MAX_UPLOAD_BYTES)}。"
            "请删去图片等无关内容，或把名单分成几个文件。"
        )


def check_name(filename):
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in {".xlsx", ".csv"}:
        return suffix[1:]
    if suffix == ".xls":
        raise RosterFileError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”.xlsx 或 CSV 后再上传。")
    if suffix in {".xlsm", ".xltm", ".xlsb"}:
        raise RosterFileError("不能导入含宏的工作簿，请在 Excel 中“另存为”普通的 .xlsx 后再上传。")
    if suffix in {".et", ".ett", ".wps"}:
        raise RosterFileError("这是 WPS 格式的文件，请在 WPS 中“另存为”.xlsx 或 CSV 后再上传。")
    raise RosterFileError("只能导入 .xlsx 或 .csv 文件，请使用下载的模板。")


def read_roster(data, filename):
    """The workbook in `data` (bytes) named `filename`; raises RosterFileError."""
    check_size(len(data))
    kind = check_name(filename)
    if data.startswith(OLE_MAGIC):
        raise RosterFileError(
            "文件是旧版 Excel（.xls）格式，或者设置了打开密码。"
            "请在 Excel 中取消密码，“另存为”.xlsx 后再上传。"
        )
    if kind == "xlsx":
        if not data.startswith(ZIP_MAGIC):
            raise RosterFileError(
                "文件不是有效的 .xlsx 工作簿（内容不是 Excel 格式），请确认没有改过扩展名。"
            )
        return read_xlsx(data)
    if data.startswith(ZIP_MAGIC):
        raise RosterFileError("文件的扩展名是 .csv，内容却是 Excel 工作簿。请把扩展名改回 .xlsx 再上传。")
    return read_csv(data)


# CSV ----------------------------------------------------------------------------------------------

ENCODINGS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8（带BOM）"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)


def decode_csv(data):
    """(text, description): the BOM decides; without one, UTF-8 if it is valid, else GB18030."""
    for bom, codec, label in ENCODINGS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError as error:
                raise RosterFileError(f"文件标明是 {label} 编码，但内容有误，无法读取。") from error
    if b"\x00" in data[:65536]:
        raise RosterFileError("文件不是文本格式的 CSV（含有二进制内容），请确认选对了文件。")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312: it reads what Excel and WPS save in China.
        return data.decode("gb18030"), "GB18030（GBK）"
    except UnicodeDecodeError as error:
        raise RosterFileError(
            "无法识别文件的文字编码。请在 Excel 中“另存为”CSV UTF-8（逗号分隔）或 .xlsx 后再上传。"
        ) from error


def looks_binary(text):
    sample = text[:65536]
    controls = sum(
        1 for char in sample if unicodedata.category(char) in {"Cc", "Co", "Cs"} and char not in "\t\r\n"
    )
    return "\x00" in sample or "\ufffd" in sample or controls > max(2, len(sample) // 200)


def read_csv(data):
    text, encoding = decode_csv(data)
    if looks_binary(text):
        raise RosterFileError("文件不是文本格式的 CSV（含有二进制内容），请确认选对了文件。")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    max_rows = settings.ROSTERS_MAX_ROWS + HEADER_SLACK
    rows, number = [], 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((number, cells))
            if len(rows) > max_rows:
                raise too_many_rows()
    except csv.Error as error:
        raise RosterFileError(
            f"CSV 文件格式有误（第{number}行附近），请在 Excel 中重新另存为 CSV。"
        ) from error
    return Workbook(kind="csv", sheets=[Sheet(name="", rows=rows)], encoding=encoding)


def too_many_rows():
    return RosterFileError(f"名单超过 {settings.ROSTERS_MAX_ROWS} 行的上限，请分成几个文件分别导入。")


# XLSX ---------------------------------------------------------------------------------------------


def check_zip(data):
    """Refuse zip bombs, macros and external links before openpyxl unpacks anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise RosterFileError("文件不是有效的 .xlsx 工作簿（可能已损坏）。") from error
    if len(members) > 5000:
        raise RosterFileError("文件不是正常的 .xlsx 工作簿（包含的部件过多）。")
    names = {member.filename.lower() for member in members}
    if "xl/workbook.xml" not in names:
        raise RosterFileError("文件不是有效的 .xlsx 工作簿（缺少工作簿内容），请确认没有改过扩展名。")
    if any(member.flag_bits & 0x1 for member in members):
        raise RosterFileError("工作簿设置了密码，请在 Excel 中取消密码后再上传。")
    if any(name.endswith("vbaproject.bin") for name in names):
        raise RosterFileError("工作簿含有宏，不能导入。请在 Excel 中“另存为”普通的 .xlsx（不含宏）后再上传。")
    if any(name.startswith("xl/externallinks/") for name in names):
        raise RosterFileError(
            "工作簿引用了其他工作簿（外部链接），不能导入。请在 Excel 中“数据 → 编辑链接 → 断开链接”，"
            "把公式变成数值后再上传。"
        )
    try:
        content_types = archive.read("[Content_Types].xml")[:200_000].lower()
    except KeyError:
        content_types = b""
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        raise RosterFileError("工作簿含有宏，不能导入。请在 Excel 中“另存为”普通的 .xlsx（不含宏）后再上传。")
    unpacked = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > 1_000_000
        and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if bomb or unpacked > settings.ROSTERS_MAX_UNPACKED_BYTES:
        raise RosterFileError(
            f"工作簿解压后过大（{megabytes(unpacked)}，上限 {megabytes(settings.ROSTERS_MAX_UNPACKED_BYTES)}）"
            "或压缩比异常，不能导入。请只保留名单，另存为新的 .xlsx 后再上传。"
        )


def read_xlsx(data):
    check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        logger.warning("Unreadable roster workbook: %r", error)
        raise RosterFileError(
            "无法读取这个 .xlsx 工作簿（可能已损坏），请在 Excel 中重新保存后再上传。"
        ) from error
    max_rows = settings.ROSTERS_MAX_ROWS + HEADER_SLACK
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            if worksheet.sheet_state != "visible":
                continue
            sheets.append(Sheet(name=worksheet.title, rows=sheet_rows(worksheet, max_rows)))
    finally:
        workbook.close()
    if not sheets:
        raise RosterFileError("工作簿里没有可见的工作表。")
    return Workbook(kind="xlsx", sheets=sheets)


def sheet_rows(worksheet, max_rows):
    merged = {}
    # A range may claim a whole sheet ("A1:XFD1048576"): only cells that exist are filled.
    last_row, last_col = worksheet.max_row, worksheet.max_column
    for cell_range in worksheet.merged_cells.ranges:
        value = worksheet.cell(cell_range.min_row, cell_range.min_col).value
        rows = range(cell_range.min_row, min(cell_range.max_row, last_row) + 1)
        cols = range(cell_range.min_col, min(cell_range.max_col, last_col) + 1)
        if len(merged) + len(rows) * len(cols) > 2_000_000:
            raise RosterFileError("工作表的合并单元格范围异常，请取消合并后另存为新的 .xlsx 再上传。")
        for row in rows:
            for col in cols:
                merged[(row, col)] = value
    rows = []
    for number, values in enumerate(worksheet.iter_rows(values_only=True), 1):
        cells = list(values)
        for col in range(1, len(cells) + 1):
            if (number, col) in merged:
                cells[col - 1] = merged[(number, col)]
        if not any(cell not in (None, "") and str(cell).strip() for cell in cells):
            continue
        rows.append((number, cells))
        if len(rows) > max_rows:
            raise too_many_rows()
    return rows
