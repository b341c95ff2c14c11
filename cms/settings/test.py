"""Settings for pytest: fast hashing, immediate tasks, plain static files, a fixed key."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# A sixth exhibit kind that only the tests know (tests/sixth_kind): see tests/test_exhibit_kinds.py.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.sixth_kind"]

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="wenming-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="wenming-test-private-"))
BACKUP_ROOT = Path(tempfile.mkdtemp(prefix="wenming-test-backups-"))
STORAGES = {
    "default": {"BACKEND": "core.storage.RandomNameFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_USE_CACHE = "default"
# django-ratelimit wants a cache shared by every worker; the test run is one process, so local
# memory is shared enough. Only the locmem complaints are silenced; production keeps the check.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
WAGTAILADMIN_BASE_URL = "http://testserver"
DEMO_CONTENT_ALLOWED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# django-axes refuses authenticate() calls without a request, which the test client's login()
# makes; tests of login throttling switch it on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False
