from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.build import demo_is_loaded
from demo.grow import grow_demo


class Command(BaseCommand):
    help = "Grow the demo site to N generated exhibits for benchmarks (after load_demo). Deterministic."

    def add_arguments(self, parser):
        parser.add_argument("--exhibits", type=int, required=True, help="how many generated exhibits in all")
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, exhibits, seed, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content is not allowed with these settings (DEMO_CONTENT_ALLOWED is off)."
            )
        if exhibits < 0:
            raise CommandError("--exhibits must be 0 or more.")
        if not demo_is_loaded():
            raise CommandError("Load the demo first: manage.py load_demo")
        created = grow_demo(exhibits, seed=seed)
        summary = "，".join(f"{kind} {count}" for kind, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo grown: {summary}"))
        self.stdout.write("Not yet searchable: run manage.py update_index.")
