"""Wagtail's `update_index`, with the content generation read once for the whole run, and on
PostgreSQL the index table vacuumed afterwards.

Segmenting each page checks the site dictionary's version (core.search.segmenting), which is the
content generation; outside a request that would be a cache read per check.

A rebuild writes every entry afresh and leaves the old ones behind as dead rows: after one at
10,000 exhibits, a search for a common word read three times the table until autovacuum came by
(130 ms instead of 25). `VACUUM ANALYZE` right away clears them and refreshes the planner's
statistics.
"""

from django.db import connections
from modelsearch.management.commands.rebuild_modelsearch_index import Command as WagtailCommand

from core import generation

INDEX_TABLES = ("wagtailsearch_indexentry",)


class Command(WagtailCommand):
    def handle(self, *args, **options):
        with generation.pinned():
            result = super().handle(*args, **options)
        for connection in connections.all():
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                with connection.cursor() as cursor:
                    for table in INDEX_TABLES:
                        cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
        return result
