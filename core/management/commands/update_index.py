"""Wagtail's `update_index`, with the content generation read once for the whole run.

Segmenting each page checks the site dictionary's version (core.search.segmenting), which is the
content generation; outside a request that would be a cache read per check.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as WagtailCommand

from core import generation


class Command(WagtailCommand):
    def handle(self, *args, **options):
        with generation.pinned():
            return super().handle(*args, **options)
