"""The honour roll as a spreadsheet, and the import template: the same columns both ways.

One row per honour, in the template's columns, so an exported file imports again unchanged.
Consent records are added only when the office asks for them. Text that a spreadsheet would take
for a formula (it begins with = + - @, a tab or a carriage return) is neutralised: in .xlsx it is
stored as text with Excel's "quote prefix" (shown as typed, never evaluated, even after editing
the cell); in .csv an apostrophe is put before it, which the import takes off again.
"""

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation
from pypinyin import lazy_pinyin

from exhibits.choices import DeedCategory, HonourLevel
from exhibits.consent import SCOPE_LABELS
from exhibits.models import HonourTitle, ProfileHonour, ProfilePage
from home.models import CommunityPage, StreetPage

from . import columns as c

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
CONSENT_HEADERS = ["同意人", "同意日期", "同意公开范围", "已上传同意书", "未满14周岁", "监护人"]
LEVELS = dict(HonourLevel.choices)
CATEGORIES = dict(DeedCategory.choices)


def pinyin_key(name):
    return " ".join(lazy_pinyin(name))


def neutralise(value):
    """CSV cells: an apostrophe before text that would start a formula."""
    if isinstance(value, str) and value.startswith(c.FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Filters:
    """The public listing's filters (道德模范: street, community, honour, level, category, year)."""

    street: object = None
    community: object = None
    honour: object = None
    level: str = ""
    category: str = ""
    year: int | None = None
    include_drafts: bool = False


def honour_rows(filters, include_consent=False):
    """[header, row, …] of the honour roll under `filters`, in a stable order."""
    honours = ProfileHonour.objects.select_related("title", "profile")
    if not filters.include_drafts:
        honours = honours.filter(profile__live=True).exclude(profile__in=ProfilePage.objects.not_public())
    place = filters.community or filters.street
    if place is not None:
        honours = honours.filter(profile__path__startswith=place.path)
    if filters.honour is not None:
        honours = honours.filter(title=filters.honour)
    if filters.level:
        honours = honours.filter(title__level=filters.level)
    if filters.category:
        honours = honours.filter(category=filters.category)
    if filters.year:
        honours = honours.filter(year=filters.year)

    streets = {street.path: street.title for street in StreetPage.objects.only("title", "path")}
    communities = {x.path: x.title for x in CommunityPage.objects.only("title", "path")}
    street_lengths = sorted({len(path) for path in streets})
    community_lengths = sorted({len(path) for path in communities})

    def place_of(path, places, lengths):
        """(the place's tree path, its title) for the place of this type above `path`."""
        return next(((path[:n], places[path[:n]]) for n in lengths if path[:n] in places), ("", ""))

    keyed = []
    for honour in honours:
        profile = honour.profile
        street_path, street = place_of(profile.path, streets, street_lengths)
        community_path, community = place_of(profile.path, communities, community_lengths)
        row = [
            profile.title,
            street,
            community,
            honour.title.name,
            LEVELS.get(honour.title.level, ""),
            CATEGORIES.get(honour.category, ""),
            honour.year,
            profile.occupation,
            profile.summary,
            honour.note,
        ]
        if include_consent:
            consent = profile
            scopes = [
                label
                for scope, label in SCOPE_LABELS.items()
                if getattr(consent, f"consent_scope_{scope}", False)
            ]
            row += [
                consent.consent_given_by,
                consent.consent_date.isoformat() if consent.consent_date else "",
                "、".join(scopes),
                "是" if consent.consent_form_id else "否",
                "是" if consent.subject_under_14 else "否",
                consent.guardian_name,
            ]
        # The district's own order of places, then names by pinyin (as Chinese rolls list them).
        key = (
            street_path,
            community_path,
            pinyin_key(profile.title),
            profile.title,
            honour.year,
            honour.title.name,
        )
        keyed.append((key, row))
    rows = [row for _key, row in sorted(keyed, key=lambda item: item[0])]
    header = c.TEMPLATE_HEADERS + (CONSENT_HEADERS if include_consent else [])
    return [header, *rows]


# Writers ------------------------------------------------------------------------------------------------


def to_csv(rows):
    """UTF-8 with a BOM (so Excel opens it as UTF-8), CRLF line ends, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise("" if value is None else value) for value in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def text_cell(sheet, value, bold=False):
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        # Never a formula, whatever it starts with; the quote prefix keeps it text when edited.
        cell.data_type = "s"
        if value.startswith(c.FORMULA_STARTS):
            cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


def add_rows(sheet, rows):
    for index, row in enumerate(rows):
        sheet.append([text_cell(sheet, value, bold=index == 0) for value in row])


def to_xlsx(rows, title="荣誉名单"):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    add_rows(sheet, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The template -------------------------------------------------------------------------------------------


def template_csv():
    return to_csv([c.TEMPLATE_HEADERS])


def template_xlsx(communities=None):
    """The import template: an empty 名单 sheet with drop-down lists, how to fill it in, and the
    communities and honour titles the site knows (the lists the drop-downs offer)."""
    if communities is None:
        communities = CommunityPage.objects.order_by("path")
    communities = list(communities)
    streets = {street.path: street.title for street in StreetPage.objects.only("title", "path")}
    titles = list(HonourTitle.objects.order_by("sort_order", "name"))

    workbook = Workbook()
    roster = workbook.active
    roster.title = "名单"
    roster.append(c.TEMPLATE_HEADERS)
    for cell in roster[1]:
        cell.font = Font(bold=True)
    roster.freeze_panes = "A2"
    widths = {"姓名": 10, "街道": 12, "社区": 14, "荣誉称号": 18, "事迹": 50, "身份/职业": 16, "备注": 16}
    for index, header in enumerate(c.TEMPLATE_HEADERS, 1):
        roster.column_dimensions[roster.cell(1, index).column_letter].width = widths.get(header, 10)

    def letter(key):
        return roster.cell(1, c.TEMPLATE_HEADERS.index(c.COLUMN_BY_KEY[key].label) + 1).column_letter

    def validation(key, formula):
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning")
        rule.error = "不在列表中，导入时会提示。"
        roster.add_data_validation(rule)
        rule.add(f"{letter(key)}2:{letter(key)}5001")

    validation("category", '"' + ",".join(CATEGORIES.values()) + '"')
    validation("level", '"' + ",".join(LEVELS.values()) + '"')

    guide = workbook.create_sheet("填写说明")
    guide.append(["列", "必填", "说明", "也可以写作"])
    for column in c.COLUMNS:
        guide.append([column.label, "是" if column.required else "", column.help, "、".join(column.aliases)])
    guide.append([])
    guide.append(["", "", "第一行是表头，从第二行起每行一项荣誉；同一人有几项荣誉就写几行。"])
    guide.append(["", "", "多出来的列（序号、联系电话等）不会导入；“性别”列不保存。"])
    guide.append(
        ["", "", "同一社区已有同名档案的，视为同一人：只添加他还没有的荣誉。重复导入同一文件不会重复添加。"]
    )
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["C"].width = 70
    guide.column_dimensions["D"].width = 40

    places = workbook.create_sheet("社区")
    places.append(["街道", "社区"])
    for community in communities:
        street = next((title for path, title in streets.items() if community.path.startswith(path)), "")
        places.append([street, community.title])
    if communities:
        validation("community", f"'社区'!$B$2:$B${len(communities) + 1}")

    honours = workbook.create_sheet("荣誉称号")
    honours.append(["荣誉称号", "级别", "评选/授予单位"])
    for title in titles:
        honours.append([title.name, LEVELS.get(title.level, ""), title.awarding_body])
    if titles:
        validation("title", f"'荣誉称号'!$A$2:$A${len(titles) + 1}")
    for sheet in (places, honours):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 18
        sheet.column_dimensions["B"].width = 18

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
