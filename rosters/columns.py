"""The roster's columns as offices write them, and the text clean-up every cell goes through.

A header is recognised after NFKC (full-width letters and spaces become half-width), with spaces,
notes in brackets ("年份（必填）") and marks such as * removed, so "姓　名", "姓名*" and
"姓名（必填）" are all 姓名. Columns nobody asked for (序号, 联系电话, 身份证号 …) are ignored;
personal ones are named in the preview so the importer knows they were not read.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from openpyxl.utils.datetime import from_excel

from exhibits.choices import DeedCategory, HonourLevel


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    aliases: tuple
    required: bool = False
    help: str = ""


COLUMNS = (
    Column(
        "name",
        "姓名",
        ("名字", "人员姓名", "获奖人", "获评人", "获奖者", "人物", "人物姓名", "推荐对象", "候选人"),
        required=True,
        help="本人姓名。同一社区里姓名相同的，视为同一人。",
    ),
    Column(
        "street",
        "街道",
        ("所属街道", "所在街道", "街道名称", "镇街", "镇街道", "街道实践所", "街镇"),
        help="可不填；填了会核对社区是否属于该街道，社区重名时用来区分。",
    ),
    Column(
        "community",
        "社区",
        ("所属社区", "所在社区", "社区名称", "社区实践站", "村", "村居", "村社区", "社区村"),
        required=True,
        help="系统中已有的社区名称，如“浔美社区”（“浔美”也可以）。",
    ),
    Column(
        "title",
        "荣誉称号",
        ("称号", "荣誉", "获得荣誉", "所获荣誉", "荣誉名称", "榜单", "获评称号", "获得称号", "入选榜单"),
        required=True,
        help="系统“荣誉称号”中已有的名称，如“中国好人榜”。“第七届”等届次可写在备注里。",
    ),
    Column(
        "level",
        "级别",
        ("荣誉级别", "层级", "等级"),
        help="可不填；级别以荣誉称号的设置为准，填了会核对。",
    ),
    Column(
        "category",
        "类别",
        ("类型", "事迹类别", "分类", "所属类别", "荣誉类别"),
        required=True,
        help="助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲之一。",
    ),
    Column(
        "year",
        "年份",
        ("年度", "获评年份", "评选年份", "获评时间", "获奖时间", "时间", "入选年份", "评选年度", "获评年度"),
        required=True,
        help="四位数年份，如 2019；日期也可以，只取年份。",
    ),
    Column(
        "occupation",
        "身份/职业",
        ("职业", "身份", "身份职业", "工作单位及职务", "单位及职务", "单位职务", "工作单位", "职务"),
        help="可不填，80字以内，如“退休教师”。",
    ),
    Column(
        "deeds",
        "事迹",
        ("主要事迹", "事迹简介", "简要事迹", "人物简介", "简介", "先进事迹", "事迹摘要", "事迹介绍"),
        help="可不填；填了作为人物简介。",
    ),
    Column(
        "note",
        "备注",
        ("届次", "期次", "批次"),
        help="可不填，120字以内，如“第七届”“2019年第二季度”。",
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
TEMPLATE_HEADERS = [column.label for column in COLUMNS]
# Recognised so the preview can say it is not kept: the site has no use for it.
GENDER_HEADERS = ("性别",)
PERSONAL_HINTS = (
    "身份证",
    "证件",
    "电话",
    "手机",
    "联系方式",
    "住址",
    "地址",
    "出生",
    "邮箱",
    "微信",
    "银行",
)

MIN_YEAR = 1949
MAX_NAME_LENGTH = 40
MAX_OCCUPATION_LENGTH = 80
MAX_NOTE_LENGTH = 120
MAX_DEEDS_LENGTH = 5000

# Characters spreadsheets leave in text that nobody typed on purpose.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff"


def header_key(text):
    """The comparable form of a column header."""
    text = unicodedata.normalize("NFKC", str(text or "")).translate(INVISIBLE)
    text = re.sub(r"[(\[【].*?[)\]】]", "", text)
    text = re.sub(r"[\s*※:：、．.]", "", text)
    return text.replace("／", "/").replace("\\", "/").lower()


ALIASES = {}
for _column in COLUMNS:
    for _alias in (_column.label, *_column.aliases):
        ALIASES[header_key(_alias)] = _column.key
for _alias in GENDER_HEADERS:
    ALIASES[header_key(_alias)] = "gender"


def column_for_header(text):
    """The column key a header names ("name", "gender" …), or None."""
    return ALIASES.get(header_key(text))


def is_personal(header):
    key = header_key(header)
    return any(hint in key for hint in PERSONAL_HINTS)


def clean_text(value):
    """A cell as one line of text: NFKC, invisible characters gone, spaces collapsed, stripped.

    A leading apostrophe that an export put before = + - @ (see `rosters.export.neutralise`)
    is taken off again, so an exported file imports as it was.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", str(value)).translate(INVISIBLE)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def clean_long_text(value):
    """Like `clean_text`, but keeping line breaks (事迹 may run to several paragraphs)."""
    if value is None:
        return ""
    lines = [clean_text(line) for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(line for line in lines if line)
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def clean_name(value):
    """A person's name: spaces inside a Chinese name are alignment ("王　芳" is 王芳); the dots of
    names such as 买买提·艾力 come in many shapes and are made one."""
    text = clean_text(value)
    text = re.sub(r"[•‧・･∙⋅]", "·", text)
    text = re.sub(rf"(?<=[{CJK}·])\s+(?=[{CJK}·])", "", text)
    return text


def place_key(text, suffixes):
    """A place name without the suffixes offices add or leave off ("浔美社区居委会" → "浔美")."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).translate(INVISIBLE)
    changed = True
    while changed:
        changed = False
        for suffix in suffixes:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)]
                changed = True
    return key


COMMUNITY_SUFFIXES = (
    "新时代文明实践站",
    "文明实践站",
    "实践站",
    "居民委员会",
    "村民委员会",
    "居委会",
    "村委会",
    "社区",
    "村",
)
STREET_SUFFIXES = ("新时代文明实践所", "文明实践所", "实践所", "街道办事处", "办事处", "街道", "镇")


def title_key(text):
    text = re.sub(r"[\s\"'“”‘’《》「」『』]", "", unicodedata.normalize("NFKC", text or ""))
    return text.translate(INVISIBLE).removesuffix("榜")


EDITION = re.compile(r"(?:(\d{4})年度?)?(第[一二三四五六七八九十百零〇\d]+(?:届|期|批|季度|次))")
YEAR_PREFIX = re.compile(r"^(\d{4})年度?")


def split_edition(text):
    """("第七届福建省道德模范") → ("福建省道德模范", "第七届"); the edition goes to the note."""
    edition = ""
    match = EDITION.search(text)
    if match:
        edition = match.group(0)
        text = text[: match.start()] + text[match.end() :]
    else:
        match = YEAR_PREFIX.match(text)
        if match:
            edition = match.group(0)
            text = text[match.end() :]
    return text, edition


CATEGORY_BY_TEXT = {label: value for value, label in DeedCategory.choices} | {
    value: value for value in DeedCategory.values
}


def parse_category(text):
    """A DeedCategory value, or None. "孝老爱亲类", "（见义勇为）" and "helping" are understood."""
    key = re.sub(r"[\s()（）\[\]【】]", "", text)
    if key in CATEGORY_BY_TEXT:
        return CATEGORY_BY_TEXT[key]
    found = {value for label, value in CATEGORY_BY_TEXT.items() if label in key and len(label) == 4}
    return found.pop() if len(found) == 1 else None


LEVEL_BY_TEXT = {label: value for value, label in HonourLevel.choices} | {
    "全国": HonourLevel.NATIONAL,
    "国家": HonourLevel.NATIONAL,
    "全国级": HonourLevel.NATIONAL,
    "省": HonourLevel.PROVINCIAL,
    "省部级": HonourLevel.PROVINCIAL,
    "市": HonourLevel.MUNICIPAL,
    "地市级": HonourLevel.MUNICIPAL,
    "区": HonourLevel.DISTRICT,
    "县区级": HonourLevel.DISTRICT,
    "区县级": HonourLevel.DISTRICT,
    "县级": HonourLevel.DISTRICT,
    "街道": HonourLevel.STREET,
    "镇街级": HonourLevel.STREET,
    "乡镇级": HonourLevel.STREET,
}


def parse_level(text):
    return LEVEL_BY_TEXT.get(re.sub(r"\s", "", text))


# Excel day numbers from 1927 to 2119: a date that lost its format shows up as one of these.
EXCEL_SERIALS = range(10_000, 80_000)


def parse_year(value):
    """The year a cell gives, or None: 2019, 2019.0, "2019年", "2019-05", a date, or a workbook's
    date that lost its format and shows as an Excel day number (43586 → 2019). Five digits typed
    as text ("20210") are a typo, not a day number."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime | datetime.date):
        return value.year
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return None
        number = int(value)
        if number in EXCEL_SERIALS:
            return from_excel(number).year
        return number
    text = clean_text(value)
    match = re.fullmatch(r"(\d{4})(?:\s*年度?|[-/.年]\s*\d{1,2}(?:[-/.月]\s*\d{1,2}日?)?月?)?", text)
    if match:
        return int(match.group(1))
    return None


def is_day_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and int(value) in EXCEL_SERIALS


def max_year():
    return datetime.date.today().year + 1
