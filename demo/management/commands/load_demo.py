from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import accounts_table
from demo.build import demo_is_loaded, load_demo


class Command(BaseCommand):
    help = "Load the demo content (places, exhibits, honour roll) and demo accounts. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has content (used by `make run`).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even where settings say demo content is not allowed (production).",
        )

    def handle(self, *args, if_empty=False, force=False, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False) and not force:
            raise CommandError(
                "Demo content is not allowed with these settings (DEMO_CONTENT_ALLOWED is off). "
                "Demo accounts have published passwords: never load them into a real site."
            )
        if if_empty and demo_is_loaded():
            self.stdout.write("The site already has content; demo content not loaded.")
        else:
            created = load_demo()
            if created:
                summary = "，".join(f"{kind} {count}" for kind, count in created.items())
                self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {summary}"))
            else:
                self.stdout.write(self.style.SUCCESS("Demo content already complete; nothing changed."))
        self.stdout.write(accounts_table())
