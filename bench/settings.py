"""Production settings as the benchmark serves them: plain HTTP on the loopback, plus the bare view.

`bench/run.py` sets the environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL …) and
PAGE_CACHE_SECONDS (0 for the uncached runs).
"""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# wrk speaks plain HTTP to gunicorn on 127.0.0.1: no redirect to HTTPS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
DEMO_CONTENT_ALLOWED = True
