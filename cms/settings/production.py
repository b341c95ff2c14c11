"""Production: PostgreSQL, Redis, gunicorn behind a reverse proxy; all chosen by environment.

Start-up fails loudly when a setting that must be chosen for the site is missing, rather than
running with a development default.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_int

DEBUG = False

# Keep database connections between requests (a new PostgreSQL connection per request costs more
# than rendering many pages); health checks drop one the server has closed.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment in production (comma-separated)."
    )
# Notification emails link back to the admin at this address; without it they would point at
# the development default, http://127.0.0.1:8000.
if not env("WAGTAILADMIN_BASE_URL", "").startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be set in the environment in production "
        "(the site's address, e.g. https://wenming.example.org)."
    )
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL").rstrip("/")

# Keep database connections for a minute: one connection per worker instead of one per request.
# Each is checked before reuse (CONN_HEALTH_CHECKS, in base.py), so a restarted database costs no
# request once it is back.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# Uploaded files on disk (MEDIA_ROOT) unless an S3-compatible bucket is named.
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "core.storage.RandomNameS3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# Behind nginx (or another proxy) that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer probes the instances over plain HTTP; /healthz/ answers it instead of redirecting.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS for the site and its subdomains, marked for browsers' preload lists (being listed needs a
# max-age of a year and a submission of the domain; the flag alone commits to nothing). Turn the
# two off by environment if a subdomain still serves plain HTTP.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)

SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

DEMO_CONTENT_ALLOWED = env_bool("DEMO_CONTENT_ALLOWED", False)

LOGGING["loggers"]["django.security"] = {"level": "WARNING"}
