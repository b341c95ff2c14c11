from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rosters.importing import import_bytes
from rosters.permissions import can_import
from rosters.planning import OUTCOME_LABELS
from rosters.reading import RosterFileError


def plan_lines(plan):
    """The preview as text: where the data was found, each row's outcome and its problems."""
    where = f"CSV, {plan.encoding}" if plan.kind == "csv" else f"sheet “{plan.sheet}”"
    lines = [f"{where}; header on row {plan.header_row}" if plan.header_row else where]
    lines += [f"  note: {note}" for note in plan.notes]
    lines += [f"  ERROR: {error}" for error in plan.file_errors]
    for row in plan.rows:
        name = row.name or row.values.get("name", "")
        title = row.title.name if row.title else row.values.get("title", "")
        community = row.community.title if row.community else row.values.get("community", "")
        lines.append(
            f"row {row.number}: {name} | {community} | {title} | {row.year or ''} -> {row.outcome_label}"
        )
        for problem in row.problems:
            where = f"{problem.column}（{problem.cell}）: " if problem.column else ""
            lines.append(f"    {'ERROR' if problem.error else 'note'}: {where}{problem.message}")
    counts = plan.counts
    lines.append(
        ", ".join(f"{OUTCOME_LABELS[outcome]} {counts[outcome]}" for outcome in OUTCOME_LABELS)
        + f"; problems {plan.problem_count}"
    )
    return lines


class Command(BaseCommand):
    help = "Import an honour roster (.xlsx or .csv) into draft profiles, as the admin's import does."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the roster file (.xlsx or .csv)")
        parser.add_argument("--user", required=True, help="username of the importer (the office, usually)")
        parser.add_argument("--sheet", help="the worksheet to read (default: the first with a header)")
        parser.add_argument("--dry-run", action="store_true", help="print the preview and change nothing")

    def handle(self, *args, path, user, sheet=None, dry_run=False, **options):
        importer = get_user_model().objects.filter(username=user).first()
        if importer is None or not can_import(importer):
            raise CommandError(f"No active user {user!r} allowed to import rosters.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            plan, report = import_bytes(file.read_bytes(), file.name, importer, sheet=sheet, dry_run=dry_run)
        except RosterFileError as error:
            raise CommandError(str(error)) from error
        for line in plan_lines(plan):
            self.stdout.write(line)
        if plan.has_errors:
            raise CommandError(f"Not imported: {plan.problem_count} problem(s) to fix in the file.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported (report {report.pk}): {report.profiles_created} draft profiles created, "
                f"{report.honours_added} honours added, {report.rows_skipped} rows skipped."
            )
        )
