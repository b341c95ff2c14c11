"""The preview: what importing a roster would do, row by row, without writing anything.

`plan_import` finds the header, maps the columns, checks every cell and matches every row against
the site: communities and streets, honour titles, and the people already there (same name in the
same community is the same person). Each row ends with one outcome (a new draft profile, an honour
added to a profile, or skipped because the profile has that honour already) or with errors; each
problem names its column. The look-ups are a handful of queries for the whole file, whatever its
length.

Confirming (`rosters.importing`) plans again against the database as it is then and writes what
the plan says, so a preview that has gone stale cannot write anything it no longer shows.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from openpyxl.utils import get_column_letter
from pypinyin import lazy_pinyin
from wagtail.models import Revision

from exhibits.choices import DeedCategory, HonourLevel
from exhibits.models import HonourTitle, ProfileHonour, ProfilePage
from home.models import CommunityPage, StreetPage

from . import columns as c
from .permissions import importable_communities

NEW, HONOUR, SKIP, ERROR = "new", "honour", "skip", "error"
OUTCOME_LABELS = {
    NEW: "新建草稿档案",
    HONOUR: "为已有档案添加荣誉",
    SKIP: "已有此荣誉，跳过",
    ERROR: "有错误，不导入",
}
HEADER_SEARCH_ROWS = 20
FOOTNOTE_STARTS = ("注", "备注", "说明", "制表", "填表", "审核", "联系人", "合计", "总计", "附")
CATEGORY_LABELS = dict(DeedCategory.choices)
LEVEL_LABELS = dict(HonourLevel.choices)


@dataclass
class Problem:
    column: str  # the column's label ("社区"), or "" for the row as a whole
    message: str
    error: bool = True
    cell: str = ""  # "C7"


@dataclass
class RowPlan:
    number: int
    values: dict
    outcome: str = ""
    problems: list = field(default_factory=list)
    name: str = ""
    community: object = None
    title: object = None
    category: str = ""
    year: int | None = None
    occupation: str = ""
    deeds: str = ""
    note: str = ""
    profile_id: int | None = None  # the existing profile the honour goes to, or is found on
    first_row: int | None = None  # the row of this file that creates the person

    @property
    def has_errors(self):
        return any(problem.error for problem in self.problems)

    @property
    def outcome_label(self):
        return OUTCOME_LABELS.get(self.outcome, "")

    @property
    def category_label(self):
        return CATEGORY_LABELS.get(self.category, "")

    def problems_in(self, key):
        label = c.COLUMN_BY_KEY[key].label if key in c.COLUMN_BY_KEY else key
        return [problem for problem in self.problems if problem.column == label]

    def as_record(self, page_id=None):
        """What the import report keeps of the row."""
        return {
            "row": self.number,
            "name": self.name or self.values.get("name", ""),
            "community": self.community.title if self.community else self.values.get("community", ""),
            "title": self.title.name if self.title else self.values.get("title", ""),
            "year": self.year,
            "outcome": self.outcome,
            "page": page_id or self.profile_id,
            "notes": [problem.message for problem in self.problems],
        }


@dataclass
class Plan:
    kind: str = ""
    encoding: str = ""
    sheet: str = ""
    sheets: list = field(default_factory=list)
    header_row: int | None = None
    mapping: list = field(default_factory=list)  # [(letter, header text, column key or None)]
    file_errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    default_community: object = None

    @property
    def has_errors(self):
        return bool(self.file_errors) or any(row.has_errors for row in self.rows)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.has_errors]

    @property
    def problem_count(self):
        return len(self.file_errors) + sum(
            1 for row in self.rows for problem in row.problems if problem.error
        )

    @property
    def counts(self):
        counts = dict.fromkeys(OUTCOME_LABELS, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def warning_count(self):
        return sum(1 for row in self.rows for problem in row.problems if not problem.error)

    @property
    def can_confirm(self):
        return not self.has_errors and any(row.outcome in (NEW, HONOUR) for row in self.rows)

    @property
    def ignored_headers(self):
        return [header for _letter, header, key in self.mapping if key is None and header]

    @property
    def personal_headers(self):
        return [header for header in self.ignored_headers if c.is_personal(header)]


# Header -------------------------------------------------------------------------------------------


def find_header(rows):
    """(index into rows, {column index: key}) of the header row, or (None, {})."""
    best = (None, {})
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = {i: c.column_for_header(cell) for i, cell in enumerate(cells) if c.clean_text(cell)}
        found = {key for key in keys.values() if key}
        if "name" in found and len(found) >= 2 and len(found) > len(set(best[1].values()) - {None}):
            best = (index, keys)
            if len(found) >= 4:
                break
    return best


def choose_sheet(workbook, name=None):
    if name:
        sheet = workbook.sheet(name)
        if sheet is not None:
            return sheet
    for sheet in workbook.sheets:
        if find_header(sheet.rows)[0] is not None:
            return sheet
    return workbook.sheets[0]


# Suggestions ----------------------------------------------------------------------------------------


def pinyin_key(text):
    return "".join(lazy_pinyin(text))


def suggestions(text, candidates, key=lambda candidate: candidate, limit=3):
    """The candidates closest to `text`: similar characters, or the same sound (训美 → 浔美)."""
    wanted, wanted_pinyin = key(text), pinyin_key(key(text))
    scored = []
    for candidate in candidates:
        candidate_key = key(candidate)
        score = difflib.SequenceMatcher(None, wanted, candidate_key).ratio()
        if wanted and wanted_pinyin == pinyin_key(candidate_key):
            score += 1
        elif wanted and (wanted in candidate_key or candidate_key in wanted):
            score += 0.3
        if score >= 0.5:
            scored.append((-score, candidate))
    return [candidate for _score, candidate in sorted(scored)[:limit]]


def did_you_mean(names):
    return f"您是不是要找：{'、'.join(f'“{name}”' for name in names)}？" if names else ""


# Look-ups -------------------------------------------------------------------------------------------


class Places:
    """Every street and community, by name with and without suffixes, in two queries."""

    def __init__(self, user):
        self.communities = list(
            CommunityPage.objects.only("id", "title", "path", "depth", "content_type_id").order_by("path")
        )
        self.streets = list(StreetPage.objects.only("id", "title", "path").order_by("path"))
        self.allowed = importable_communities(user, self.communities)
        self.by_key = defaultdict(list)
        for community in self.communities:
            self.by_key[community.title].append(community)
            key = c.place_key(community.title, c.COMMUNITY_SUFFIXES)
            if key != community.title:
                self.by_key[key].append(community)
        self.streets_by_key = defaultdict(list)
        for street in self.streets:
            self.streets_by_key[street.title].append(street)
            self.streets_by_key[c.place_key(street.title, c.STREET_SUFFIXES)].append(street)

    def street_of(self, community):
        return next((street for street in self.streets if community.path.startswith(street.path)), None)

    def find_street(self, text):
        found = self.streets_by_key.get(text) or self.streets_by_key.get(c.place_key(text, c.STREET_SUFFIXES))
        return list(dict.fromkeys(found or []))

    def find_community(self, text):
        exact = [community for community in self.communities if community.title == text]
        if exact:
            return exact
        return list(dict.fromkeys(self.by_key.get(c.place_key(text, c.COMMUNITY_SUFFIXES), [])))

    def allowed_names(self):
        return [community.title for community in self.communities if community.pk in self.allowed]


class Titles:
    def __init__(self):
        self.all = list(HonourTitle.objects.order_by("sort_order", "name"))
        self.by_key = {c.title_key(title.name): title for title in self.all}

    def find(self, text):
        """(title, edition) for a title as written; the edition ("第七届") is taken off."""
        title = self.by_key.get(c.title_key(text))
        if title is not None:
            return title, ""
        core, edition = c.split_edition(text)
        title = self.by_key.get(c.title_key(core))
        return (title, edition) if title is not None else (None, "")


class People:
    """Profiles already under the communities the file names, and the honours each holds.

    A profile's honours are read from its latest revision when it has unpublished changes (a
    draft this import or an editor saved), else from its rows: re-importing then finds what the
    last import added even before anyone published it.
    """

    def __init__(self, communities):
        self.by_key = defaultdict(list)
        self.honours = defaultdict(dict)
        self.live = {}
        if not communities:
            return
        prefixes = {community.path: community for community in communities}
        lengths = sorted({len(path) for path in prefixes})
        condition = Q()
        for path in prefixes:
            condition |= Q(path__startswith=path)
        profiles = list(
            ProfilePage.objects.filter(condition)
            .order_by("path")
            .values_list("pk", "title", "path", "live", "has_unpublished_changes", "latest_revision_id")
        )
        from_revisions, from_rows = {}, []
        for pk, title, path, live, changed, revision_id in profiles:
            community = next(
                (prefixes[path[:length]] for length in lengths if path[:length] in prefixes), None
            )
            self.by_key[(c.clean_name(title), community.pk)].append(pk)
            self.live[pk] = live
            if changed and revision_id:
                from_revisions[revision_id] = pk
            else:
                from_rows.append(pk)
        for profile_id, title_id, year, category in ProfileHonour.objects.filter(
            profile_id__in=from_rows
        ).values_list("profile_id", "title_id", "year", "category"):
            self.honours[profile_id][(title_id, year)] = category
        for revision_id, content in Revision.objects.filter(pk__in=from_revisions).values_list(
            "pk", "content"
        ):
            for honour in (content or {}).get("honours") or []:
                key = (honour.get("title"), honour.get("year"))
                self.honours[from_revisions[revision_id]][key] = honour.get("category", "")

    def find(self, name, community_id):
        return self.by_key.get((name, community_id), [])


# The plan ----------------------------------------------------------------------------------------------


def plan_import(workbook, user, sheet=None):
    plan = Plan(kind=workbook.kind, encoding=workbook.encoding, sheets=[s.name for s in workbook.sheets])
    chosen = choose_sheet(workbook, sheet)
    plan.sheet = chosen.name
    index, keys = find_header(chosen.rows)
    if index is None:
        plan.file_errors.append(
            f"前{HEADER_SEARCH_ROWS}行里找不到表头（至少要有“姓名”和“社区”“荣誉称号”等列）。"
            "请使用下载的模板，或把表头改成模板中的列名。"
        )
        return plan
    header_number, header_cells = chosen.rows[index]
    plan.header_row = header_number
    letters = {}
    seen = {}
    for i, cell in enumerate(header_cells):
        text = c.clean_text(cell)
        key = keys.get(i)
        letter = get_column_letter(i + 1)
        plan.mapping.append((letter, text, key))
        if key is None:
            continue
        if key in seen:
            label = c.COLUMN_BY_KEY[key].label if key in c.COLUMN_BY_KEY else "性别"
            plan.file_errors.append(f"表头中“{label}”出现了两次（{seen[key]}列和{letter}列），请只保留一列。")
            continue
        seen[key] = letter
        letters[key] = letter
    places = Places(user)
    if "gender" in letters:
        plan.notes.append("“性别”列不会导入：网站的人物档案不记录性别。")
    missing = [column for column in c.COLUMNS if column.required and column.key not in letters]
    if any(column.key == "community" for column in missing) and len(places.allowed) == 1:
        plan.default_community = next(x for x in places.communities if x.pk in places.allowed)
        missing = [column for column in missing if column.key != "community"]
        plan.notes.append(f"文件没有“社区”列：全部导入到{plan.default_community.title}。")
    for column in missing:
        aliases = "、".join(column.aliases[:3])
        plan.file_errors.append(f"缺少“{column.label}”列（也可以叫{aliases}）。")
    if plan.personal_headers:
        plan.notes.append(
            f"这些列含个人信息，不会读取或保存：{'、'.join(plan.personal_headers)}。"
            "上传的文件在导入或放弃后即删除。"
        )
    if plan.file_errors:
        return plan

    if not places.allowed:
        plan.file_errors.append("您没有在任何社区新建页面的权限，不能导入名单。")
        return plan

    titles = Titles()
    for number, cells in chosen.rows[index + 1 :]:
        values = {key: cells[i] if i < len(cells) else None for i, key in keys.items() if key}
        if is_footnote(cells):
            continue
        row = RowPlan(number=number, values={key: c.clean_text(value) for key, value in values.items()})
        check_cells(row, values, places, titles, plan, letters)
        plan.rows.append(row)

    communities = {row.community.pk: row.community for row in plan.rows if row.community}
    match_people(plan.rows, People(list(communities.values())))
    return plan


def is_footnote(cells):
    filled = [c.clean_text(cell) for cell in cells if c.clean_text(cell)]
    return len(filled) == 1 and filled[0].startswith(FOOTNOTE_STARTS)


def add(row, key, message, letters, error=True):
    label = c.COLUMN_BY_KEY[key].label if key in c.COLUMN_BY_KEY else ""
    cell = f"{letters[key]}{row.number}" if key in letters else ""
    row.problems.append(Problem(column=label, message=message, error=error, cell=cell))


def check_cells(row, values, places, titles, plan, letters):
    """Every cell of one row on its own (people are matched afterwards, for all rows at once)."""
    text = row.values
    # Name
    row.name = c.clean_name(values.get("name"))
    if not row.name:
        add(row, "name", "姓名为空。", letters)
    elif len(row.name) > c.MAX_NAME_LENGTH:
        add(row, "name", f"姓名超过{c.MAX_NAME_LENGTH}个字，请检查是否填错了列。", letters)
    elif not any(char.isalpha() for char in row.name):
        add(row, "name", f"“{row.name}”不像是姓名。", letters)

    # Street and community
    street = None
    if text.get("street"):
        streets = places.find_street(text["street"])
        if not streets:
            names = suggestions(text["street"], [s.title for s in places.streets])
            add(row, "street", f"没有“{text['street']}”这个街道。{did_you_mean(names)}", letters)
        else:
            street = streets[0]
    if plan.default_community is not None and "community" not in letters:
        row.community = plan.default_community
    elif not text.get("community"):
        add(row, "community", "社区为空。", letters)
    else:
        found = places.find_community(text["community"])
        if street is not None and len(found) > 1:
            found = [community for community in found if community.path.startswith(street.path)] or found
        if not found:
            candidates = [x.title for x in places.communities if x.pk in places.allowed]
            names = suggestions(
                text["community"], candidates, key=lambda name: c.place_key(name, c.COMMUNITY_SUFFIXES)
            )
            add(row, "community", f"没有“{text['community']}”这个社区。{did_you_mean(names)}", letters)
        elif len(found) > 1:
            names = "、".join(f"{places.street_of(x).title}的{x.title}" for x in found if places.street_of(x))
            add(
                row,
                "community",
                f"有几个社区都叫“{text['community']}”（{names}），请填写“街道”列加以区分。",
                letters,
            )
        else:
            row.community = found[0]
    if row.community is not None:
        actual_street = places.street_of(row.community)
        if street is not None and actual_street is not None and street.pk != actual_street.pk:
            add(
                row,
                "street",
                f"{row.community.title}属于{actual_street.title}，不属于{street.title}。",
                letters,
            )
        if row.community.pk not in places.allowed:
            allowed = "、".join(places.allowed_names()[:3])
            add(
                row,
                "community",
                f"您只能导入本社区（{allowed}）的名单，不能导入{row.community.title}。",
                letters,
            )
            row.community = None

    # Title, level, category, year
    edition = ""
    if not text.get("title"):
        add(row, "title", "荣誉称号为空。", letters)
    else:
        row.title, edition = titles.find(text["title"])
        if row.title is None:
            names = suggestions(text["title"], [title.name for title in titles.all], key=c.title_key)
            add(
                row,
                "title",
                f"系统中没有“{text['title']}”这个荣誉称号。{did_you_mean(names)}"
                "如确是新的称号，请先请区委文明办在“荣誉称号”中添加。",
                letters,
            )
    if text.get("level"):
        level = c.parse_level(text["level"])
        if level is None:
            add(
                row,
                "level",
                f"“{text['level']}”不是级别（应为{'、'.join(LEVEL_LABELS.values())}之一）。",
                letters,
            )
        elif row.title is not None and level != row.title.level:
            add(
                row,
                "level",
                f"“{row.title.name}”在系统中是{LEVEL_LABELS[row.title.level]}，与文件中的“{text['level']}”不同；"
                "以系统为准。",
                letters,
                error=False,
            )
    if not text.get("category"):
        add(row, "category", f"类别为空（应为{'、'.join(CATEGORY_LABELS.values())}之一）。", letters)
    else:
        row.category = c.parse_category(text["category"]) or ""
        if not row.category:
            add(
                row,
                "category",
                f"“{text['category']}”不是类别（应为{'、'.join(CATEGORY_LABELS.values())}之一）。",
                letters,
            )
    row.year = c.parse_year(values.get("year"))
    if values.get("year") in (None, "") and edition[:4].isdigit():
        row.year = int(edition[:4])
    if row.year is None:
        if text.get("year"):
            add(row, "year", f"“{text['year']}”不是年份（请写四位数年份，如 2019）。", letters)
        else:
            add(row, "year", "年份为空。", letters)
    elif not c.MIN_YEAR <= row.year <= c.max_year():
        add(row, "year", f"年份 {row.year} 超出范围（{c.MIN_YEAR}—{c.max_year()}）。", letters)
    elif c.is_day_number(values.get("year")):
        add(row, "year", f"{values['year']} 按 Excel 日期读作 {row.year} 年，请核对。", letters, error=False)

    # Free text
    row.occupation = text.get("occupation", "")
    if len(row.occupation) > c.MAX_OCCUPATION_LENGTH:
        add(row, "occupation", f"身份/职业超过{c.MAX_OCCUPATION_LENGTH}个字。", letters)
    row.note = text.get("note", "") or edition
    if len(row.note) > c.MAX_NOTE_LENGTH:
        add(row, "note", f"备注超过{c.MAX_NOTE_LENGTH}个字。", letters)
    row.deeds = c.clean_long_text(values.get("deeds"))
    if len(row.deeds) > c.MAX_DEEDS_LENGTH:
        add(row, "deeds", f"事迹超过{c.MAX_DEEDS_LENGTH}个字，请精简（全文可在导入后由编辑补充）。", letters)


def match_people(rows, people):
    """Give every row without errors its outcome; flag duplicates within the file."""
    letters = {}
    first_of_honour = {}  # (name, community, title, year) → row number
    new_people = {}  # (name, community) → the row creating the person
    added = defaultdict(set)  # profile id → honours this file adds
    for row in rows:
        if row.has_errors or row.community is None or row.title is None:
            row.outcome = ERROR
            continue
        person = (row.name, row.community.pk)
        honour = (row.title.pk, row.year)
        if (*person, *honour) in first_of_honour:
            first = first_of_honour[(*person, *honour)]
            add(row, "", f"与第{first}行重复（同一人、同一荣誉、同一年份），请删去一行。", letters)
            row.outcome = ERROR
            continue
        first_of_honour[(*person, *honour)] = row.number
        existing = people.find(*person)
        if person in new_people:
            creator = new_people[person]
            row.outcome, row.first_row = HONOUR, creator.number
            row.problems.append(
                Problem(
                    "", f"与第{creator.number}行是同一人，荣誉加到第{creator.number}行新建的档案里。", False
                )
            )
            if row.deeds and creator.deeds and row.deeds != creator.deeds:
                add(
                    row,
                    "deeds",
                    f"与第{creator.number}行的事迹不同，以第{creator.number}行为准。",
                    letters,
                    error=False,
                )
        elif len(existing) > 1:
            add(
                row,
                "name",
                f"{row.community.title}已有{len(existing)}份名为“{row.name}”的档案，无法确定是哪一位；"
                "请先在系统中处理重名的档案。",
                letters,
            )
            row.outcome = ERROR
        elif existing:
            row.profile_id = existing[0]
            held = people.honours.get(row.profile_id, {})
            if honour in held:
                row.outcome = SKIP
                if held[honour] and held[honour] != row.category:
                    row.problems.append(
                        Problem(
                            "类别",
                            f"系统中这项荣誉的类别是{CATEGORY_LABELS.get(held[honour], held[honour])}，未修改。",
                            False,
                        )
                    )
            else:
                row.outcome = HONOUR
                added[row.profile_id].add(honour)
                if people.live.get(row.profile_id):
                    row.problems.append(
                        Problem("", "这份档案已发布：新荣誉先存为草稿并提交审核，审核通过后才公开。", False)
                    )
        else:
            row.outcome = NEW
            new_people[person] = row
