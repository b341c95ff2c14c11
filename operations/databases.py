"""Dumping and restoring the database with the database's own tools.

- SQLite: the online backup API (Python's sqlite3), which copies a consistent snapshot while the
  site keeps running, and copies it back page by page into the live database on restore (so WAL
  mode and other open connections are handled by SQLite itself, not by overwriting the file).
- PostgreSQL: `pg_dump --format=custom` (one consistent snapshot, compressed) and `pg_restore`
  in a single transaction: a failed restore leaves the database as it was.

The password reaches the PostgreSQL tools through the environment (PGPASSWORD), never the
command line, where other users of the machine could read it.
"""

import gzip
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from .errors import BackupError

SUPPORTED_VENDORS = ("sqlite", "postgresql")
# Connection options Django passes to libpq, and the environment variables the command line tools
# read them from.
PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def member_name(vendor):
    return {"sqlite": "database/db.sqlite3.gz", "postgresql": "database/postgresql.dump"}[vendor]


def check_supported(connection):
    if connection.vendor not in SUPPORTED_VENDORS:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def dump(connection, destination):
    """Write a snapshot of the database to `destination` (a path)."""
    check_supported(connection)
    if connection.in_atomic_block:
        # SQLite's backup would wait forever for this connection's own write lock, and pg_dump
        # for the locks this transaction holds; neither would see its uncommitted rows anyway.
        raise BackupError("The database cannot be backed up from inside a transaction.")
    if connection.vendor == "sqlite":
        _dump_sqlite(connection, Path(destination))
    else:
        _run_pg("pg_dump", connection, ["--format=custom", f"--file={destination}"])


def restore(connection, source):
    """Replace the database's content with the snapshot at `source` (a path)."""
    check_supported(connection)
    if connection.in_atomic_block:
        raise BackupError("The database cannot be restored inside a transaction.")
    if connection.vendor == "sqlite":
        _restore_sqlite(connection, Path(source))
    else:
        # Django's own connection would keep prepared statements for tables that are dropped.
        connection.close()
        _run_pg(
            "pg_restore",
            connection,
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(source),
            ],
        )
    connection.close()


# SQLite -------------------------------------------------------------------------------------------


def _dump_sqlite(connection, destination):
    connection.ensure_connection()
    snapshot = destination.with_suffix(".tmp")
    try:
        with closing(sqlite3.connect(snapshot)) as target:
            connection.connection.backup(target)
            # A single self-contained file: the copy would otherwise carry the WAL flag along.
            target.execute("PRAGMA journal_mode=DELETE")
        with open(snapshot, "rb") as raw, gzip.open(destination, "wb", compresslevel=6) as packed:
            shutil.copyfileobj(raw, packed, 1024 * 1024)
    finally:
        snapshot.unlink(missing_ok=True)


def _restore_sqlite(connection, source):
    snapshot = source.with_suffix(".tmp")
    try:
        with gzip.open(source, "rb") as packed, open(snapshot, "wb") as raw:
            shutil.copyfileobj(packed, raw, 1024 * 1024)
        connection.ensure_connection()
        with closing(sqlite3.connect(snapshot)) as origin:
            origin.backup(connection.connection)
    finally:
        snapshot.unlink(missing_ok=True)


# PostgreSQL ---------------------------------------------------------------------------------------


def pg_environment(settings_dict):
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in PG_OPTION_ENV.items():
        if options.get(option) not in (None, ""):
            env[variable] = str(options[option])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def pg_connection_args(settings_dict):
    args = ["--no-password"]
    if settings_dict.get("HOST"):
        args.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        args.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        args.append(f"--username={settings_dict['USER']}")
    args.append(f"--dbname={settings_dict['NAME']}")
    return args


def _run_pg(tool, connection, extra):
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} was not found: install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) at the server's major version or newer."
        )
    settings_dict = connection.settings_dict
    command = [executable, *pg_connection_args(settings_dict), *extra]
    result = subprocess.run(  # noqa: S603 - fixed executable, arguments as a list, no shell
        command, env=pg_environment(settings_dict), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")
