from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nominations.retention import purge_nominations


class Command(BaseCommand):
    help = (
        "Erase nominators' contact details and photos from closed nominations older than "
        "NOMINATION_RETENTION_DAYS (the nominations themselves are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would go; change nothing.")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Retention period in days (default NOMINATION_RETENTION_DAYS, now {settings.NOMINATION_RETENTION_DAYS}).",
        )

    def handle(self, *args, dry_run=False, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        report = purge_nominations(days=days, dry_run=dry_run)
        verb = "Would purge" if dry_run else "Purged"
        style = self.style.WARNING if dry_run else self.style.SUCCESS
        self.stdout.write(
            style(
                f"{verb} contact details of {report.nominations} nomination(s) and {report.photos} photo(s)."
            )
        )
