from django.core.management.base import BaseCommand

from core.translations import compile_catalogues


class Command(BaseCommand):
    help = "Compile the project's .po catalogues (LOCALE_PATHS) to .mo files, without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="compile even catalogues that are up to date"
        )

    def handle(self, *args, force=False, **options):
        compiled = compile_catalogues(force=force)
        for path, count in compiled:
            self.stdout.write(f"  {path}: {count} messages")
        self.stdout.write(self.style.SUCCESS(f"Translations: {len(compiled)} catalogue(s) compiled."))
