"""Logins that resist guessing (django-axes), and admin sessions that end.

Issue 10: twenty wrong passwords on /admin/login/, then the right one, logged in. Now the fifth
failure for a user name, or from an address, locks that name or address out for the cooling-off
period, whatever X-Forwarded-For says, with a Chinese 429 page and an entry in the audit log; the
unlock commands of django-axes lift it.
"""

import time
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from moderation.middleware import LAST_SEEN_AT, SIGNED_IN_AT

from .moderation import PASSWORD, build_world

LOGIN = "/admin/login/"
LIMIT = settings.AXES_FAILURE_LIMIT


@override_settings(AXES_ENABLED=True)
class LoginThrottlingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.editor = cls.world.users["editor_a"]

    def attempt(self, username, password, address="203.0.113.5", **headers):
        self.client.logout()
        return self.client.post(
            LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
        )

    def logged_in(self):
        return "_auth_user_id" in self.client.session

    def fail(self, times, username="editor_a", **kwargs):
        for _ in range(times):
            self.attempt(username, "wrong password", **kwargs)

    def test_the_right_password_after_too_many_wrong_ones_is_refused(self):
        self.fail(LIMIT)
        response = self.attempt("editor_a", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "登录已暂时锁定", status_code=429)
        self.assertContains(
            response, f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} 分钟", status_code=429
        )
        self.assertFalse(self.logged_in())

    def test_fewer_failures_than_the_limit_still_let_the_owner_in(self):
        self.fail(LIMIT - 1)
        response = self.attempt("editor_a", PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.logged_in())

    def test_a_user_name_is_locked_whichever_address_tries_it(self):
        for n in range(LIMIT):
            self.attempt("editor_a", "wrong password", address=f"198.51.100.{n + 1}")
        self.attempt("editor_a", PASSWORD, address="192.0.2.77")
        self.assertFalse(self.logged_in())
        # …while another account from a fresh address is untouched.
        self.attempt("editor_b", PASSWORD, address="192.0.2.78")
        self.assertTrue(self.logged_in())

    def test_an_address_is_locked_whichever_names_it_tries(self):
        for n in range(LIMIT):
            self.attempt(f"guess{n}", "wrong password")
        self.attempt("editor_b", PASSWORD)
        self.assertFalse(self.logged_in())

    def test_a_forged_x_forwarded_for_does_not_reset_the_count(self):
        for n in range(LIMIT):
            self.attempt(f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}")
        self.attempt("editor_b", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.8.200")
        self.assertFalse(self.logged_in())

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_the_proxy_the_address_nginx_saw_is_counted(self):
        proxy = "127.0.0.1"
        for n in range(LIMIT):
            # The visitor forges the left part; nginx appends the address it was called from.
            self.attempt(f"guess{n}", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=f"10.9.8.{n}, 203.0.113.9")
        self.attempt("editor_b", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="10.9.8.200, 203.0.113.9")
        self.assertFalse(self.logged_in())
        # Another visitor behind the same proxy is not locked out with them.
        self.attempt("editor_b", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.10")
        self.assertTrue(self.logged_in())

    def test_the_lockout_is_in_the_audit_log(self):
        self.fail(LIMIT, address="203.0.113.44")
        entry = (
            ModelLogEntry.objects.for_instance(self.editor).filter(action="moderation.login_locked").first()
        )
        self.assertIsNotNone(entry)
        self.assertEqual(entry.data, {"username": "editor_a", "ip": "203.0.113.44"})
        self.assertEqual(entry.message, "登录失败次数过多，已暂时锁定")

    def test_the_lock_lifts_after_the_cooling_off_period(self):
        self.fail(LIMIT)
        self.attempt("editor_a", PASSWORD)
        self.assertFalse(self.logged_in())
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
        )
        self.attempt("editor_a", PASSWORD)
        self.assertTrue(self.logged_in())

    def test_the_unlock_commands(self):
        self.fail(LIMIT)
        call_command("axes_reset_username", "editor_a", verbosity=0)
        call_command("axes_reset_ip", "203.0.113.5", verbosity=0)
        self.attempt("editor_a", PASSWORD)
        self.assertTrue(self.logged_in())

    def test_no_password_is_kept_with_the_failures(self):
        self.fail(1)
        attempt = AccessAttempt.objects.get()
        self.assertNotIn("wrong password", attempt.post_data)


class SessionLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    def setUp(self):
        self.client.force_login(self.world.users["editor_a"])

    def age_session(self, signed_in_ago, last_seen_ago):
        session = self.client.session
        now = time.time()
        session[SIGNED_IN_AT] = now - signed_in_ago
        session[LAST_SEEN_AT] = now - last_seen_ago
        session.save()

    def dashboard(self):
        return self.client.get(reverse("wagtailadmin_home"))

    def test_an_active_session_stays(self):
        self.age_session(signed_in_ago=3600, last_seen_ago=120)
        self.assertEqual(self.dashboard().status_code, 200)

    def test_an_idle_session_ends(self):
        self.age_session(signed_in_ago=3600, last_seen_ago=settings.ADMIN_SESSION_IDLE_MINUTES * 60 + 1)
        response = self.dashboard()
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_busy_session_still_ends_at_the_cap(self):
        self.age_session(signed_in_ago=settings.ADMIN_SESSION_MAX_HOURS * 3600 + 1, last_seen_ago=5)
        self.assertEqual(self.dashboard().status_code, 302)

    @override_settings(ADMIN_SESSION_IDLE_MINUTES=5)
    def test_the_limits_are_settings(self):
        self.age_session(signed_in_ago=600, last_seen_ago=6 * 60)
        self.assertEqual(self.dashboard().status_code, 302)

    def test_activity_moves_the_idle_clock(self):
        self.age_session(signed_in_ago=3600, last_seen_ago=20 * 60)
        self.dashboard()
        self.assertLess(time.time() - self.client.session[LAST_SEEN_AT], 60)
