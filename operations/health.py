"""What /healthz/ checks: the database, every configured cache, and upload storage.

Each check is one cheap round trip and answers only True or False: the reason goes to the log,
never to the (unauthenticated) caller.
"""

import logging
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections

logger = logging.getLogger(__name__)
PROBE_NAME = "healthz-probe"


def check_database(alias="default"):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as exc:
        logger.warning("Health check: database %s unavailable: %r", alias, exc)
        return False


def check_caches():
    """Write and read back a random value: a cache that ignores its errors (django-redis's
    IGNORE_EXCEPTIONS) would otherwise look healthy while Redis is down."""
    healthy = True
    for alias in settings.CACHES:
        key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
        try:
            cache = caches[alias]
            cache.set(key, value, 10)
            if cache.get(key) != value:
                raise ConnectionError("value not read back")
            cache.delete(key)
        except Exception as exc:
            logger.warning("Health check: cache %s unavailable: %r", alias, exc)
            healthy = False
    return healthy


def _folder_writable(folder):
    """The folder, or the nearest folder above it that exists (storage creates the rest on the
    first upload), is a writable directory."""
    path = Path(folder)
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def check_storage():
    try:
        storage = storages["default"]
        if isinstance(storage, FileSystemStorage):
            uploads = _folder_writable(storage.location)
        else:
            # Object storage: one metadata request answers whether the bucket is reachable.
            storage.exists(PROBE_NAME)
            uploads = True
        private = _folder_writable(settings.PRIVATE_MEDIA_ROOT)
    except Exception as exc:
        logger.warning("Health check: storage unavailable: %r", exc)
        return False
    if not (uploads and private):
        logger.warning("Health check: upload or private folder missing or not writable")
    return uploads and private


def run_checks():
    return {"database": check_database(), "cache": check_caches(), "storage": check_storage()}
