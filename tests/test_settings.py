"""Settings chosen by environment: the embedded default, and a production that refuses to guess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parent.parent

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'db': s.DATABASES['default']['ENGINE'],"
    " 'static': s.STORAGES['staticfiles']['BACKEND'], 'cache': s.CACHES['default']['BACKEND'],"
    " 'media': s.SERVE_MEDIA, 'demo': s.DEMO_CONTENT_ALLOWED, 'admin_url': s.WAGTAILADMIN_BASE_URL}))"
)


def load(module, **env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "WAGTAILADMIN_BASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(DJANGO_SETTINGS_MODULE=module, **env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load("cms.settings.production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load("cms.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_the_admin_base_url():
    for value in (None, "", "wenming.example.org"):
        extra = {} if value is None else {"WAGTAILADMIN_BASE_URL": value}
        result = load("cms.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org", **extra)
        assert result.returncode != 0, value
        assert "WAGTAILADMIN_BASE_URL must be set" in result.stderr


def test_production_with_its_environment():
    result = load(
        "cms.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="wenming.example.org",
        DATABASE_URL="postgres://u:p@db.example.org:5432/wenming",
        REDIS_URL="redis://127.0.0.1:6379/1",
        WAGTAILADMIN_BASE_URL="https://wenming.example.org/",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == {
        "debug": False,
        "hosts": ["wenming.example.org"],
        "db": "django.db.backends.postgresql",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "cache": "django_redis.cache.RedisCache",
        "media": False,
        "demo": False,
        "admin_url": "https://wenming.example.org",
    }


def test_embedded_default_is_sqlite_with_local_memory_cache():
    result = load("cms.settings.dev")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["db"] == "django.db.backends.sqlite3"
    assert loaded["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert loaded["media"] is True


def test_a_malformed_boolean_is_a_clear_error():
    result = load("cms.settings.dev", DJANGO_DEBUG="perhaps")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


@pytest.mark.django_db
def test_the_admin_speaks_chinese_and_calls_no_outside_host(client, home_page):
    login = client.get("/admin/login/")
    assert '<html lang="zh-hans"' in login.content.decode()
    assert "登录" in login.content.decode()
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    # No avatar from Gravatar and no check for new Wagtail releases: both would call another host.
    assert "gravatar" not in dashboard.lower()
    assert "w-upgrade" not in dashboard


def test_production_stores_uploads_in_a_bucket_when_one_is_named():
    probe = (
        "import django; django.setup(); from django.core.files.storage import default_storage as s; "
        "from storages.backends.s3 import S3Storage; w = s._wrapped if hasattr(s, '_wrapped') else s; "
        "print(type(w).__name__, isinstance(w, S3Storage), s.bucket_name)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="wenming.example.org",
        WAGTAILADMIN_BASE_URL="https://wenming.example.org",
        AWS_STORAGE_BUCKET_NAME="wenming-media",
        AWS_S3_ENDPOINT_URL="https://oss.example.org",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    # django-storages' S3 backend, naming files at random (core/storage.py).
    assert result.stdout.split() == ["RandomNameS3Storage", "True", "wenming-media"]
