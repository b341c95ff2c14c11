from django.core.management.base import BaseCommand

from moderation.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update groups, permissions, collections and workflows from the place tree."

    def handle(self, *args, **options):
        report = sync_roles()
        if report.changed:
            summary = "，".join(f"{what} {count}" for what, count in report.changes.items())
            self.stdout.write(self.style.SUCCESS(f"Roles synchronised: {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS("Roles already match the place tree; nothing changed."))
