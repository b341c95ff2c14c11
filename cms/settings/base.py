"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment here, so
`dev`, `test` and `production` only change defaults and switch things on or off.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from redis.backoff import NoBackoff
from redis.retry import Retry

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The project's apps, from the ground up: each imports only those listed before it
# (tests/test_layering.py holds the same order and enforces it).
INSTALLED_APPS = [
    "operations",
    "core",
    "videos",
    "home",
    "exhibits",
    "moderation",
    "discovery",
    "nominations",
    "rosters",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    # wagtail.users with the user management of moderation/users.py (see its AppConfig).
    "moderation.apps.WenmingUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_ratelimit",
    "captcha",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A database or Redis that is restarting answers 503 + Retry-After instead of 500.
    "operations.middleware.ServiceUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous visitors from the page cache before sessions, CSRF or the database.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "moderation.middleware.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "discovery.middleware.ElderModeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Tells a reviewer what their approval or request for changes did (moderation/feedback.py).
    "moderation.feedback.WorkflowConfirmationMiddleware",
    # Last, as django-axes asks: turns a lockout into the Chinese 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_shell",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite next to the code unless DATABASE_URL names another database (PostgreSQL in production).
# A kept connection is checked before each request reuses it (CONN_HEALTH_CHECKS), so after the
# database restarts the first request reconnects instead of failing on a dead connection.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails a request in seconds instead of hanging a worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes; a busy timeout avoids
    # "database is locked" when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_caches(url, key_prefix="wenming", ignore_errors=True):
    """Two aliases on the same Redis, because a Redis outage must be handled differently by each:

    - "default" (pages, renditions, statistics, the search dictionary) treats Redis errors as
      misses (IGNORE_EXCEPTIONS): while Redis restarts the site reads from the database instead;
    - "ratelimit" (django-ratelimit's counters) raises them, so rate-limited posts fail closed with
      a 503 page (operations.middleware) instead of being let through uncounted, or being told
      wrongly that they were too many (django-ratelimit's answer to a cache that fails silently).
    """
    redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": key_prefix}
    options = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        # A Redis that does not answer costs a request one second, not a hung worker.
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
        # One immediate retry: enough to replace a pooled connection that a Redis restart closed,
        # where redis-py's default (three retries with backoff) holds every request ~4 s while
        # Redis is down.
        "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 1)},
    }
    return {
        "default": {**redis, "OPTIONS": {**options, "IGNORE_EXCEPTIONS": ignore_errors}},
        "ratelimit": {**redis, "OPTIONS": options},
    }


# Local memory unless REDIS_URL points at a shared cache (needed once there are several workers).
if env("REDIS_URL"):
    CACHES = redis_caches(
        env("REDIS_URL"), env("CACHE_KEY_PREFIX", "wenming"), env_bool("CACHE_IGNORE_REDIS_ERRORS", True)
    )
    RATELIMIT_USE_CACHE = "ratelimit"
    # Ignored errors are still logged (django_redis.cache, WARNING level).
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    RATELIMIT_USE_CACHE = "default"

# django-axes first: it refuses a locked-out user name or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Whole public pages for anonymous visitors (core/pagecache.py), dropped whenever content changes
# (core/generation.py). 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
# Parts of pages kept for every visitor (core/fragments.py: exhibits' and places' articles, listing
# results, share tags), also dropped whenever content changes. 0 turns them off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 60 * 60)
# The ranked matches of each search (discovery/search/results.py), also dropped whenever content
# changes. 0 ranks afresh every time.
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 60 * 60)
# Pages found for visitors' URLs, remembered in each worker until content changes (core/routing.py):
# a few kilobytes each. 0 turns this off.
REMEMBERED_ROUTES = env_int("REMEMBERED_ROUTES", 2000)
# What shared caches in front (Varnish, purged on publish) may keep a page for.
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", 600)
# The only cookies a public page depends on: elder mode (discovery/middleware.py).
PAGE_CACHE_VARY_COOKIES = ["elder"]
PAGE_CACHE_EXCLUDED_PATHS = [
    "/healthz/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/media/",
    "/captcha/",
    "/nominations/",
]
# A cache in front of gunicorn (Varnish, README "Front-end cache") purged page by page on publish
# (discovery/purge.py): FRONTEND_CACHE_URL is where it takes PURGE requests.
if env("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_URL"),
        }
    }
# Rows that change on every visit, or never show on a public page, do not move the generation on.
CONTENT_GENERATION_IGNORED_MODELS = [
    "discovery.ScanCount",
    "nominations.Nomination",
    "nominations.NominationPhoto",
    "nominations.Endorsement",
    "captcha.CaptchaStore",
    "moderation.PlaceRole",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "rosters.RosterImport",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"

MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = env("MEDIA_URL", "/media/")
# Django serves MEDIA_ROOT itself in the embedded default; production hands it to nginx or S3.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# Uploads get random file names (core/storage.py): nothing a draft uses can be guessed under /media/.
STORAGES = {
    "default": {"BACKEND": "core.storage.RandomNameFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "wenming@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers that hold in every environment; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page of ours is meant to be framed; Wagtail's preview panel overrides this to SAMEORIGIN itself.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Browser features no page uses are switched off (django-permissions-policy). Fullscreen and
# picture-in-picture are left alone: a video page lets the Bilibili/Tencent player it frames use them.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Login throttling (django-axes): LOGIN_FAILURE_LIMIT failed logins for one user name, or from one
# address, lock that name or address out for LOGIN_COOLOFF_MINUTES (each further try restarts the
# wait). The address is found like the nominations' rate limits (TRUSTED_PROXY_COUNT), so a forged
# X-Forwarded-For changes nothing. `manage.py axes_reset_username <name>` / `axes_reset_ip <addr>`
# / `axes_reset` unlock at once. A successful login does not clear earlier failures: it would let
# anyone with an account of their own reset an address's count between guesses.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"
AXES_LOCKOUT_TEMPLATE = "moderation/lockout.html"
AXES_RESET_ON_SUCCESS = False
# Logins and failures are in Wagtail's audit log already; axes keeps only the failure counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False

# Signed-in sessions end after ADMIN_SESSION_IDLE_MINUTES without a request, and in any case
# ADMIN_SESSION_MAX_HOURS after signing in (moderation.middleware.SessionLimitMiddleware).
ADMIN_SESSION_IDLE_MINUTES = env_int("ADMIN_SESSION_IDLE_MINUTES", 30)
ADMIN_SESSION_MAX_HOURS = env_int("ADMIN_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = ADMIN_SESSION_MAX_HOURS * 60 * 60

# A strict Content Security Policy on the public site: every script, style, font and image comes
# from this host. The Wagtail admin ships inline scripts of its own, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-src": ["'none'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "丰泽区新时代文明实践数字展馆")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Every edit to a page in moderation must be approved again from the first step.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
# One district, one time zone: the account page offers Beijing time, not 600 zone names.
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_USAGE_COUNT_ENABLED = False
# Wagtail's database backend with Chinese word segmentation (jieba) of queries; pages index a
# segmented copy of their text (see core/search/). "simple": no English stemming or stop words.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "discovery.search.backend", "SEARCH_CONFIG": "simple", "ATOMIC_REBUILD": True}
}
# The read API (/api/v2/) for the mini-program: read-only, public content only.
# Absolute URLs in API answers; unset, they follow the Wagtail Site record.
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL")
WAGTAILAPI_LIMIT_MAX = 50
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
WAGTAILIMAGES_IMAGE_MODEL = "home.SiteImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.SiteImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "odt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Bilibili and Tencent Video players built from the link alone: no oEmbed request leaves the site.
WAGTAILEMBEDS_FINDERS = [{"class": "videos.embeds.ChinesePlatformFinder"}]
WAGTAILMEDIA = {
    "MEDIA_MODEL": "videos.VideoMedia",
    # Checks uploads from their bytes, reads duration and size, takes a poster frame (PyAV).
    "MEDIA_FORM_BASE": "videos.forms.VideoMediaForm",
    "AUDIO_EXTENSIONS": ["mp3", "m4a"],
    "VIDEO_EXTENSIONS": ["mp4", "webm", "m4v"],
}
# Largest audio or video upload, in bytes (nginx's client_max_body_size must allow it too).
VIDEOS_MAX_UPLOAD_SIZE = env_int("VIDEOS_MAX_UPLOAD_SIZE", 1024 * 1024 * 1024)
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "h3", "h4", "ol", "ul", "link", "hr"]},
    }
}

# Public nominations (nominations/): limits, abuse defences, private photos, retention.
NOMINATION_MAX_PHOTOS = 5
NOMINATION_MAX_PHOTO_BYTES = env_int("NOMINATION_MAX_PHOTO_BYTES", 8 * 1024 * 1024)
NOMINATION_MAX_PHOTO_PIXELS = env_int("NOMINATION_MAX_PHOTO_PIXELS", 40_000_000)
NOMINATION_MIN_FILL_SECONDS = env_int("NOMINATION_MIN_FILL_SECONDS", 3)
# django-ratelimit rates per client address ("5/h" = five an hour): stored nominations, all form
# posts (failed ones too), status look-ups and 评议 endorsements.
NOMINATION_RATE = env("NOMINATION_RATE", "5/h")
NOMINATION_ATTEMPT_RATE = env("NOMINATION_ATTEMPT_RATE", "30/h")
NOMINATION_LOOKUP_RATE = env("NOMINATION_LOOKUP_RATE", "20/h")
ENDORSEMENT_RATE = env("ENDORSEMENT_RATE", "60/h")
NOMINATION_RETENTION_DAYS = env_int("NOMINATION_RETENTION_DAYS", 180)
# Who hears of a new nomination; empty: the active members of 「区委文明办」 with an email address.
NOMINATION_NOTIFY_EMAILS = env_list("NOMINATION_NOTIFY_EMAILS")
# A self-hosted image captcha (django-simple-captcha) on the public form; off by default.
NOMINATION_CAPTCHA = env_bool("NOMINATION_CAPTCHA", False)
CAPTCHA_TIMEOUT = 30  # minutes: time enough to write a story
CAPTCHA_LENGTH = 4
# Per address: new captcha images through /captcha/refresh/ (each one is a database row;
# `manage.py captcha_clean` deletes expired ones).
CAPTCHA_REFRESH_RATE = env("CAPTCHA_REFRESH_RATE", "20/h")
# How many reverse proxies in front of Django append to X-Forwarded-For. 0: the client is
# REMOTE_ADDR and X-Forwarded-For is ignored; N: the Nth address from the right.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Nomination photos: never under MEDIA_ROOT, never served by nginx or S3; staff see them through
# a view that checks permissions.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
# Rate limits count in the shared cache (Redis via REDIS_URL in production): RATELIMIT_USE_CACHE
# is set with CACHES above.
# Backups (manage.py backup_site): where archives go. They hold personal data (nominators' phone
# numbers, consent forms, private photos): never under MEDIA_ROOT, STATIC_ROOT or a served folder.
BACKUP_ROOT = Path(env("BACKUP_ROOT", BASE_DIR / "backups"))

# Honour rosters (rosters/): the largest file, the most rows and the most a .xlsx may unpack to.
ROSTERS_MAX_UPLOAD_BYTES = env_int("ROSTERS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
ROSTERS_MAX_ROWS = env_int("ROSTERS_MAX_ROWS", 5000)
ROSTERS_MAX_UNPACKED_BYTES = env_int("ROSTERS_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
# Imports creating more drafts than this leave them out of the admin's search index until
# `manage.py update_index` runs (indexing takes longer than the import; see bench/).
ROSTERS_INDEX_NOW_MAX = env_int("ROSTERS_INDEX_NOW_MAX", 100)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO", "propagate": True},
        # One line per background task and per page action is noise on a console.
        "django_tasks": {"level": env("TASKS_LOG_LEVEL", "WARNING")},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}
