"""/healthz/ for a load balancer: database, cache and storage; 200 or 503; nothing to learn from it."""

import json
import tempfile
from pathlib import Path
from unittest import mock

import django
import wagtail
from django.conf import settings
from django.core.files.storage import InMemoryStorage
from django.db import OperationalError, connection
from django.test import TestCase, override_settings

URL = "/healthz/"
HEALTHY = {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}
IN_MEMORY_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A cache that swallows every error, as django-redis does with IGNORE_EXCEPTIONS while Redis is down.
SILENT_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


class HealthCheckTests(TestCase):
    def get(self):
        response = self.client.get(URL)
        return response, json.loads(response.content)

    def assertNeverCached(self, response):
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("max-age=0", response["Cache-Control"])

    def test_healthy_site_answers_200(self):
        response, body = self.get()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(body, HEALTHY)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertNeverCached(response)

    def test_it_tells_nothing_about_the_software_or_the_hosts(self):
        response, _body = self.get()
        told = response.content.decode() + " ".join(f"{k}: {v}" for k, v in response.items())
        for secret in (django.get_version(), wagtail.__version__, "postgres", "sqlite", "redis", "127.0.0.1"):
            self.assertNotIn(secret, told.lower())

    def test_it_is_cheap(self):
        with self.assertNumQueries(1):
            self.client.get(URL)

    def test_head_works_and_posts_are_refused(self):
        self.assertEqual(self.client.head(URL).status_code, 200)
        self.assertEqual(self.client.post(URL).status_code, 405)

    def test_database_down_answers_503(self):
        with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
            response, body = self.get()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(body["status"], "unavailable")
        self.assertEqual(body["checks"], {"database": "fail", "cache": "ok", "storage": "ok"})
        self.assertNotIn("connection refused", response.content.decode())
        self.assertNeverCached(response)

    def test_cache_raising_answers_503(self):
        with mock.patch(
            "django.core.cache.backends.locmem.LocMemCache.set", side_effect=ConnectionError("down")
        ):
            response, body = self.get()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(body["checks"]["cache"], "fail")

    @override_settings(CACHES=SILENT_CACHE)
    def test_cache_that_loses_writes_silently_answers_503(self):
        response, body = self.get()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(body["checks"], {"database": "ok", "cache": "fail", "storage": "ok"})

    def test_private_folder_not_writable_answers_503(self):
        with (
            tempfile.NamedTemporaryFile() as in_the_way,
            self.settings(PRIVATE_MEDIA_ROOT=f"{in_the_way.name}/private"),
        ):
            response, body = self.get()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(body["checks"]["storage"], "fail")

    def test_media_folder_not_there_yet_is_fine_while_its_parent_is_writable(self):
        with self.settings(MEDIA_ROOT=str(Path(settings.MEDIA_ROOT) / "not-yet" / "media")):
            response, _body = self.get()
        self.assertEqual(response.status_code, 200)

    @override_settings(STORAGES=IN_MEMORY_STORAGE)
    def test_object_storage_is_asked_once_and_its_failure_answers_503(self):
        with mock.patch.object(InMemoryStorage, "exists", return_value=False) as exists:
            response, _body = self.get()
        self.assertEqual(response.status_code, 200)
        exists.assert_called_once()
        with mock.patch.object(InMemoryStorage, "exists", side_effect=OSError("bucket unreachable")):
            response, body = self.get()
        self.assertEqual(response.status_code, 503)
        self.assertEqual(body["checks"]["storage"], "fail")
