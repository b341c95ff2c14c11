"""A time limit on the database statements of one search, on SQLite and PostgreSQL alike."""

import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction


class SearchTimeout(Exception):
    """The search took longer than it may."""


@contextmanager
def time_limit(seconds, using=DEFAULT_DB_ALIAS):
    """Abort the statements run inside after `seconds`, raising `SearchTimeout`."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(using=using):
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = %s", [max(1, int(seconds * 1000))])
                yield
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = DEFAULT")
        except OperationalError as exc:
            if "statement timeout" in str(exc) or "canceling statement" in str(exc):
                raise SearchTimeout from exc
            raise
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        deadline = time.monotonic() + seconds
        # SQLite calls this every N virtual-machine instructions; a true result interrupts.
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            yield
        except OperationalError as exc:
            if "interrupted" in str(exc):
                raise SearchTimeout from exc
            raise
        finally:
            raw.set_progress_handler(None, 0)
    else:  # pragma: no cover - other databases run without a limit
        yield
