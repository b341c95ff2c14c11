"""Confirming an import: write what the plan shows, all of it or nothing, and keep a report.

New people become draft profiles in their community, submitted to the community's workflow with
consent not yet recorded (so nobody can publish them until it is). Honours for people already on
the site are added to a new revision of their profile, submitted the same way: a published
profile stays as it is until the revision is approved. Rows whose honour the profile already has
change nothing, so importing the same file twice changes nothing the second time.
"""

import datetime
import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.log_actions import log

from core.slugs import sibling_slugs, slug_from_title, unique_slug
from exhibits.models import ProfileHonour, ProfilePage
from moderation.drafts import create_drafts, submit_revisions

from .models import RosterImport
from .planning import CATEGORY_LABELS, HONOUR, NEW, SKIP, plan_import
from .reading import read_roster


class ImportRefused(Exception):
    """The plan cannot be imported (it has errors); the message is for the importer."""


def checksum(data):
    return hashlib.sha256(data).hexdigest()


def summary_for(row):
    """The profile's summary: the deeds as given, or what the roster says of the person."""
    return row.deeds or f"{row.name}，{row.year}年获评“{row.title.name}”（{CATEGORY_LABELS[row.category]}）。"


def intro_for(row):
    if row.deeds:
        return Truncator(row.deeds.replace("\n", " ")).chars(100)
    return f"{row.year}年获评“{row.title.name}”（{CATEGORY_LABELS[row.category]}）。"


def honour_for(row, sort_order):
    return ProfileHonour(
        title=row.title, category=row.category, year=row.year, note=row.note, sort_order=sort_order
    )


def free_slugs(community, names, fallback):
    """Slugs for new pages named `names` under `community`, by the site's pinyin rule
    (core.slugs), free among its children and each other; `fallback(i)` for a name that gives
    none (a name in characters the rule does not read)."""
    taken = sibling_slugs(community)
    slugs = []
    for index, name in enumerate(names):
        slug = unique_slug(slug_from_title(name) or fallback(index), taken)
        taken.add(slug)
        slugs.append(slug)
    return slugs


@transaction.atomic
def import_plan(report, plan, user, *, index_now=None):
    """Write `plan` for `report` (a pending RosterImport); returns the report, now imported.

    The new and edited profiles join the admin's search once the transaction commits, unless
    there are more than ROSTERS_INDEX_NOW_MAX of them and `index_now` is not set: indexing takes
    far longer than importing (see bench/rosters_import.py), too long for one request, so a large
    import is left to `manage.py update_index` (or to each page's next save) and the report says so.
    """
    if plan.has_errors:
        raise ImportRefused(f"名单有{plan.problem_count}处错误，请修改后重新上传。")
    report = RosterImport.objects.select_for_update().get(pk=report.pk)
    if report.status != RosterImport.Status.PENDING:
        raise ImportRefused("这个文件已经导入或放弃过了。")

    rows_by_community = defaultdict(list)
    for row in plan.rows:
        if row.outcome == NEW:
            rows_by_community[row.community.pk].append(row)

    new_pages = {}
    items = []
    for community_rows in rows_by_community.values():
        community = community_rows[0].community
        slugs = free_slugs(
            community,
            [row.name for row in community_rows],
            lambda index, rows=community_rows: f"daoru-{report.pk}-{rows[index].number}",
        )
        for row, slug in zip(community_rows, slugs, strict=True):
            page = ProfilePage(
                title=row.name,
                slug=slug,
                intro=intro_for(row),
                summary=summary_for(row),
                occupation=row.occupation,
                year=row.year,
            )
            page.honours.add(honour_for(row, 0))
            new_pages[row.number] = page
            items.append((community, page))

    to_existing = defaultdict(list)
    for row in plan.rows:
        if row.outcome == HONOUR and row.first_row is not None:
            page = new_pages[row.first_row]
            page.honours.add(honour_for(row, len(page.honours.all())))
        elif row.outcome == HONOUR:
            to_existing[row.profile_id].append(row)

    edited = []
    for profile in ProfilePage.objects.filter(pk__in=to_existing).order_by("path"):
        latest = profile.get_latest_revision_as_object()
        held = len(latest.honours.all())
        for offset, row in enumerate(to_existing[profile.pk]):
            latest.honours.add(honour_for(row, held + offset))
        edited.append(latest)
    if index_now is None:
        index_now = len(items) + len(edited) <= settings.ROSTERS_INDEX_NOW_MAX
    create_drafts(items, user, notify="summary", index=index_now)
    submit_revisions(edited, user, notify="summary", index=index_now)

    records = []
    for row in plan.rows:
        page = new_pages.get(row.first_row or row.number)
        records.append(row.as_record(page_id=page.pk if page is not None else None))
    counts = plan.counts
    report.status = RosterImport.Status.IMPORTED
    report.imported_at = timezone.now()
    report.sheet = plan.sheet
    report.encoding = plan.encoding
    report.row_count = len(plan.rows)
    report.profiles_created = counts[NEW]
    report.honours_added = counts[NEW] + counts[HONOUR]
    report.rows_skipped = counts[SKIP]
    report.rows = records
    report.search_indexed = index_now
    stored = report.file.name if report.file else ""
    report.file = ""
    report.save()
    if stored:
        storage = report.file.storage
        transaction.on_commit(lambda: storage.delete(stored))
    log(
        instance=report,
        action="rosters.import",
        user=user,
        data={
            "file_name": report.file_name,
            "checksum": report.checksum,
            "rows": report.row_count,
            "profiles_created": report.profiles_created,
            "honours_added": report.honours_added,
            "rows_skipped": report.rows_skipped,
        },
    )
    return report


def discard_stale(days=2):
    """Discard uploads left pending for more than `days` days (their files hold personal data)."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    stale = list(RosterImport.objects.filter(status=RosterImport.Status.PENDING, uploaded_at__lt=cutoff))
    for report in stale:
        discard(report, None)
    return len(stale)


def discard(report, user):
    """Drop a pending upload and its file (nothing was imported from it)."""
    with transaction.atomic():
        report = RosterImport.objects.select_for_update().get(pk=report.pk)
        if report.status != RosterImport.Status.PENDING:
            return report
        stored = report.file.name if report.file else ""
        storage = report.file.storage
        report.status = RosterImport.Status.DISCARDED
        report.file = ""
        report.save(update_fields=["status", "file"])
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))
        log(instance=report, action="rosters.discard", user=user, data={"file_name": report.file_name})
    return report


def import_bytes(data, file_name, user, *, sheet=None, dry_run=False):
    """Read, plan and (unless `dry_run` or the plan has errors) import a roster in one go: what the
    management command does. Returns (plan, report or None); RosterFileError for unreadable files."""
    workbook = read_roster(data, file_name)
    plan = plan_import(workbook, user, sheet=sheet)
    if dry_run or plan.has_errors:
        return plan, None
    report = RosterImport.objects.create(
        file_name=file_name[-200:],
        checksum=checksum(data),
        size=len(data),
        encoding=plan.encoding,
        sheet=plan.sheet,
        uploaded_by=user,
    )
    return plan, import_plan(report, plan, user, index_now=True)
