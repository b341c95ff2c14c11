"""Compiling the project's translation catalogues (`LOCALE_PATHS`) without GNU gettext.

Django's `compilemessages` shells out to `msgfmt`, which a fresh machine may not have; polib
(pure Python, pinned in requirements.txt) writes the same `.mo` files. Only `.po` files are
checked in. A catalogue is compiled when its `.mo` is missing or older than the `.po`; the file
is written beside it and moved into place, so parallel test workers never read half a file.
"""

import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings


def catalogues(paths=None):
    for root in paths if paths is not None else settings.LOCALE_PATHS:
        yield from sorted(Path(root).glob("*/LC_MESSAGES/*.po"))


def is_stale(po_path):
    mo_path = po_path.with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogue(po_path):
    """Write `po_path`'s `.mo`; returns the number of translated messages."""
    catalogue = polib.pofile(str(po_path))
    mo_path = po_path.with_suffix(".mo")
    handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
    os.close(handle)
    try:
        catalogue.save_as_mofile(temporary)
        os.replace(temporary, mo_path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return len(catalogue.translated_entries())


def compile_catalogues(paths=None, force=False):
    """Compile every stale catalogue (all of them with `force`); returns [(path, messages)]."""
    return [(path, compile_catalogue(path)) for path in catalogues(paths) if force or is_stale(path)]
