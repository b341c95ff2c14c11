"""While the database or Redis restarts: a 503 that says so, pages served without the cache, rate
limits that fail closed; and production settings that reconnect as soon as the service is back.

The fault script (bench/faults.py) shows the same with real restarts under load.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.db import OperationalError
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from cms.settings.base import redis_caches
from nominations.models import Nomination

from .nominating import NominationTestCase, form_data

ROOT = Path(__file__).resolve().parent.parent
# Nothing listens here (a port of this helper's own range): Redis "down", refused at once.
DEAD_REDIS = "redis://127.0.0.1:18199/0"

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "d = s.DATABASES['default']; "
    "print(json.dumps({'max_age': d['CONN_MAX_AGE'], 'health_checks': d['CONN_HEALTH_CHECKS'], "
    "'connect_timeout': d['OPTIONS'].get('connect_timeout'), "
    "'caches': {k: {'location': v['LOCATION'], 'ignore': v['OPTIONS'].get('IGNORE_EXCEPTIONS', False)} "
    "for k, v in s.CACHES.items()}, 'ratelimit_cache': s.RATELIMIT_USE_CACHE, "
    "'redirect_exempt': s.SECURE_REDIRECT_EXEMPT}))"
)


def production_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "CACHE_"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="wenming.example.org",
        DATABASE_URL="postgres://u:p@db.example.org:5432/wenming",
        REDIS_URL="redis://127.0.0.1:6379/1",
        WAGTAILADMIN_BASE_URL="https://wenming.example.org",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class ProductionSettingsTests(NominationTestCase):
    def test_connections_are_kept_and_checked_before_reuse(self):
        loaded = production_settings()
        self.assertEqual(loaded["max_age"], 60)
        self.assertTrue(loaded["health_checks"])
        self.assertEqual(loaded["connect_timeout"], 5)
        self.assertEqual(production_settings(DATABASE_CONN_MAX_AGE="0")["max_age"], 0)

    def test_the_page_cache_survives_redis_errors_and_the_rate_limit_cache_does_not(self):
        loaded = production_settings()
        self.assertEqual(loaded["caches"]["default"]["ignore"], True)
        self.assertEqual(loaded["caches"]["ratelimit"]["ignore"], False)
        self.assertEqual(loaded["caches"]["ratelimit"]["location"], loaded["caches"]["default"]["location"])
        self.assertEqual(loaded["ratelimit_cache"], "ratelimit")

    def test_health_check_is_not_redirected_to_https(self):
        self.assertEqual(production_settings()["redirect_exempt"], [r"^healthz/$"])


class DatabaseDownTests(NominationTestCase):
    def test_a_page_answers_503_in_chinese_while_the_database_is_down(self):
        with mock.patch(
            "home.models.HomePage.serve",
            side_effect=OperationalError("terminating connection due to administrator command"),
        ):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertIn("no-store", response["Cache-Control"])
        html = response.content.decode()
        self.assertIn("网站正在维护", html)
        self.assertIn("请稍后刷新本页面", html)
        self.assertNotIn("再提交一次", html)  # nothing was posted: a reload is all it takes
        self.assertNotIn("administrator command", html)

    def test_a_middleware_meeting_the_outage_answers_503_too(self):
        self.client.raise_request_exception = False
        with mock.patch(
            "moderation.middleware.SessionLimitMiddleware.__call__",
            side_effect=OperationalError("the database system is shutting down"),
        ):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 503)
        self.assertIn("网站正在维护", response.content.decode())

    def test_other_errors_stay_500(self):
        self.client.raise_request_exception = False
        with mock.patch("home.models.HomePage.serve", side_effect=ValueError("a bug")):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 500)


class RedisDownTests(NominationTestCase):
    """django-redis against a port where nothing listens, with the production cache settings."""

    def setUp(self):
        super().setUp()
        self.override = override_settings(CACHES=redis_caches(DEAD_REDIS), RATELIMIT_USE_CACHE="ratelimit")
        self.override.enable()
        self.addCleanup(self.override.disable)

    def test_public_pages_are_served_from_the_database(self):
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertEqual(self.client.get(self.world.page.url).status_code, 200)

    def test_nominations_fail_closed_with_a_503_not_a_false_too_many(self):
        response = self.client.post(self.world.page.url, form_data(self.world))
        self.assertEqual(response.status_code, 503)
        self.assertIn("返回上一页再提交一次", response.content.decode())
        self.assertEqual(Nomination.objects.count(), 0)

    def test_health_check_reports_the_cache(self):
        response = self.client.get("/healthz/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(json.loads(response.content)["checks"]["cache"], "fail")


class RedisLostAfterTheCommitTests(NominationTestCase):
    def test_a_stored_nomination_still_gets_its_receipt(self):
        counted = []

        def hit(request, group, rate):
            if group == "nominations.submit":
                raise RedisConnectionError("Connection closed by server.")
            counted.append(group)
            return False

        with mock.patch("nominations.form_views.hit", side_effect=hit):
            response = self.post()
        self.assertEqual(response.status_code, 303)
        nomination = Nomination.objects.get()
        receipt = self.client.get(response["Location"])
        self.assertContains(receipt, nomination.receipt_display)
        self.assertEqual(counted, ["nominations.attempt"])
