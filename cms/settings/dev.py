"""The embedded default that `make run` serves: SQLite, local media, local-memory cache."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Demo content may be loaded into this database.
DEMO_CONTENT_ALLOWED = True
# django-ratelimit wants a cache shared by every worker; the dev server is one process, so the
# local-memory cache is enough here unless REDIS_URL is set. Production keeps the check.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Serve static files straight from the apps even with DJANGO_DEBUG=0 (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
