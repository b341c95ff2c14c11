"""Production hardening: Django's deployment checks pass, and public pages carry the headers.

`check --deploy` runs in a subprocess with the production settings and the environment they
refuse to start without (a fresh random SECRET_KEY, ALLOWED_HOSTS, REDIS_URL for the rate limits).
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra):
    # Not the test run's own switches: DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests.
    skip = {"DATABASE_URL", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="wenming.example.org",
        REDIS_URL="redis://127.0.0.1:6379/15",
        DATABASE_URL="postgres://wenming:secret@db.example.org:5432/wenming",
        WAGTAILADMIN_BASE_URL="https://wenming.example.org",
        **extra,
    )
    return env


def check_deploy(**extra):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_finds_nothing_with_production_settings():
    result = check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_still_speaks_up_when_hsts_is_weakened():
    result = check_deploy(SECURE_HSTS_INCLUDE_SUBDOMAINS="0", SECURE_HSTS_PRELOAD="0")
    assert result.returncode != 0
    assert "security.W005" in result.stderr + result.stdout
    assert "security.W021" in result.stderr + result.stdout


@pytest.mark.django_db
def test_public_pages_carry_permissions_policy_and_refuse_framing(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    # Fullscreen is not restricted: the Bilibili/Tencent player a video page frames may use it.
    assert "fullscreen" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_throttling_and_session_limits_are_on_outside_tests():
    """Test settings switch django-axes off for the test client's login(); nothing else may."""
    for module in ("base", "dev", "production"):
        source = (ROOT / "cms" / "settings" / f"{module}.py").read_text()
        assert "AXES_ENABLED = False" not in source, module
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert "moderation.middleware.SessionLimitMiddleware" in settings.MIDDLEWARE
