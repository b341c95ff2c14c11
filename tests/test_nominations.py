"""The public nomination form (/nominate/): from a visitor's post to a stored nomination, a receipt
and a status look-up; hostile posts refused in Chinese with nothing stored; rate limits; the
office's email; and the nominator's contact details kept out of everything public."""

import time

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from nominations.forms import normalise_mobile, start_token
from nominations.models import Nomination

from .nominating import PHONE, STORY, NominationTestCase, form_data


class ExplodingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("smtp server is down")


class FormPageTests(NominationTestCase):
    def test_the_form_is_served_at_nominate(self):
        response = self.client.get("/nominate/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for label in ("被推荐人姓名", "所在社区", "推荐类别", "好人好事", "您的手机号", "隐私说明"):
            self.assertIn(label, html)
        self.assertIn(f'<option value="{self.world.community_a.pk}">浔美社区</option>', html)
        self.assertIn('<optgroup label="城东街道">', html)
        # Consent boxes start unticked; no inline script or style for the strict CSP.
        self.assertNotIn("checked", html)
        self.assertNotRegex(html, r"<script(?![^>]*\ssrc=)")  # scripts only from files
        self.assertNotIn("style=", html)
        self.assertIn("no-store", response["Cache-Control"])

    def test_typed_text_comes_back_with_the_errors(self):
        response = self.post(form_data(self.world, nominator_phone="12345"))
        html = response.content.decode()
        self.assertIn("王秀英", html)
        self.assertIn(STORY[:20], html)
        self.assertIn('value="12345"', html)
        self.assertIn('aria-invalid="true"', html)
        self.assertIn('aria-describedby="id_nominator_phone-help id_nominator_phone-error"', html)

    def test_photos_must_be_chosen_again_and_the_page_says_so(self):
        from .nominating import upload

        response = self.post(form_data(self.world, nominee_name=""), files=[upload()])
        self.assertContains(response, "不会保留已选的照片，请重新选择")

    def test_mobile_numbers_are_normalised(self):
        for typed in (
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 138 1234 5678",
            "0086-13812345678",
        ):
            self.assertEqual(normalise_mobile(typed), PHONE, typed)
        for typed in ("12812345678", "1381234567", "23812345678", "138123456789", "abc"):
            self.assertIsNone(normalise_mobile(typed), typed)


class HappyPathTests(NominationTestCase):
    def test_submit_receipt_and_look_up_the_status(self):
        response = self.post()
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], "/nominate/thanks/")
        nomination = Nomination.objects.get()
        self.assertEqual(nomination.status, Nomination.Status.SUBMITTED)
        self.assertEqual(nomination.community_id, self.world.community_a.pk)
        self.assertEqual(nomination.nominator_phone, PHONE)
        self.assertEqual(nomination.privacy_notice_version, "2026-01")
        self.assertTrue(nomination.consent_processing and nomination.consent_nominee_informed)
        self.assertEqual(len(nomination.receipt_code), 10)

        thanks = self.client.get(response["Location"])
        self.assertContains(thanks, nomination.receipt_display)
        self.assertIn("no-store", thanks["Cache-Control"])

        lookup = self.client.post(
            "/nominations/status/", {"code": nomination.receipt_display.lower(), "last4": "5678"}
        )
        self.assertContains(lookup, "已提交")
        self.assertContains(lookup, "王秀英")
        self.assertNotContains(lookup, PHONE)

        # The office hears of it by email, without the nominator's contact details.
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["office@example.com"])
        self.assertIn(nomination.receipt_display, mail.outbox[0].body)
        self.assertNotIn(PHONE, mail.outbox[0].body)
        self.assertNotIn("chenming@example.com", mail.outbox[0].body)

    def test_a_wrong_pair_gets_one_generic_answer(self):
        self.post()
        nomination = Nomination.objects.get()
        for code, last4 in ((nomination.receipt_code, "0000"), ("ZZZZZZZZZZ", "5678")):
            response = self.client.post("/nominations/status/", {"code": code, "last4": last4})
            self.assertContains(response, "没有找到对应的推荐")
            self.assertNotContains(response, "王秀英")

    def test_the_thanks_page_shows_nothing_to_another_visitor(self):
        self.post()
        self.client.cookies.clear()
        response = self.client.get("/nominate/thanks/")
        self.assertEqual(response.status_code, 302)

    @override_settings(EMAIL_BACKEND="tests.test_nominations.ExplodingBackend")
    def test_a_nomination_survives_an_email_backend_that_raises(self):
        with self.assertLogs("nominations.notifications", level="ERROR") as logs:
            response = self.post()
        self.assertEqual(response.status_code, 303)
        self.assertEqual(Nomination.objects.count(), 1)
        self.assertIn("Could not send", logs.output[0])
        self.assertContains(self.client.get(response["Location"]), Nomination.objects.get().receipt_display)

    @override_settings(NOMINATION_NOTIFY_EMAILS=["triage@example.org"])
    def test_the_notification_goes_to_the_configured_address(self):
        self.post()
        self.assertEqual(mail.outbox[0].to, ["triage@example.org"])


class HostileTextPostTests(NominationTestCase):
    """Each post is refused with a Chinese message where the visitor will see it; nothing stored."""

    def test_missing_fields(self):
        response = self.post({"started": start_token(time.time() - 60), "notice_version": "2026-01"})
        self.assert_refused(response, "nominee_name", "请填写被推荐人的姓名")
        for field, message in (
            ("community", "请选择社区"),
            ("category", "请选择一个推荐类别"),
            ("story", "请写下被推荐人的事迹"),
            ("nominator_name", "请填写您的姓名"),
            ("nominator_phone", "请填写您的手机号"),
        ):
            self.assertIn(message, response.context["form"].errors[field][0])

    def test_an_over_long_story(self):
        self.assert_refused(
            self.post(form_data(self.world, story="好" * 3001)), "story", "事迹不能超过3000个字"
        )

    def test_a_too_short_story(self):
        self.assert_refused(self.post(form_data(self.world, story="好人好事")), "story", "事迹至少写50个字")

    def test_line_breaks_count_once(self):
        story = ("好" * 99 + "\r\n") * 30  # 3000 characters as the browser counts them
        self.assertEqual(self.post(form_data(self.world, story=story)).status_code, 303)

    def test_an_invalid_phone_number(self):
        self.assert_refused(
            self.post(form_data(self.world, nominator_phone="12345678901")),
            "nominator_phone",
            "请填写11位中国大陆手机号",
        )

    def test_an_invalid_email(self):
        self.assert_refused(
            self.post(form_data(self.world, nominator_email="not-an-email")),
            "nominator_email",
            "邮箱格式不正确",
        )

    def test_missing_consent(self):
        response = self.post(form_data(self.world, consent_processing=None))
        self.assert_refused(response, "consent_processing", "请阅读隐私说明并勾选同意")

    def test_missing_confirmation_that_the_nominee_knows(self):
        response = self.post(form_data(self.world, consent_nominee_informed=None))
        self.assert_refused(response, "consent_nominee_informed", "被推荐人知情")

    def test_a_changed_privacy_notice_must_be_agreed_again(self):
        response = self.post(form_data(self.world, notice_version="2025-01"))
        self.assert_refused(response, "consent_processing", "隐私说明已更新")

    def test_a_filled_honeypot(self):
        self.assert_refused(
            self.post(form_data(self.world, website="http://spam.example")), None, "未通过安全检查"
        )

    def test_a_post_faster_than_the_minimum_time(self):
        self.assert_refused(self.post(form_data(self.world, started=start_token())), None, "提交得太快了")

    def test_a_forged_start_time(self):
        self.assert_refused(self.post(form_data(self.world, started="1700000000")), None, "页面已过期")

    def test_a_community_that_is_not_live(self):
        self.world.community_b.unpublish()
        response = self.post(form_data(self.world, community=str(self.world.community_b.pk)))
        self.assert_refused(response, "community", "请从列表中选择社区")

    def test_a_page_that_is_not_a_community(self):
        response = self.post(form_data(self.world, community=str(self.world.street_a.pk)))
        self.assert_refused(response, "community", "请从列表中选择社区")

    def test_a_category_outside_the_five(self):
        self.assert_refused(self.post(form_data(self.world, category="other")), "category", "五个类别")

    def test_null_bytes(self):
        response = self.post(form_data(self.world, nominee_name="王\x00秀英"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("nominee_name", response.context["form"].errors)
        self.assertEqual(Nomination.objects.count(), 0)


XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


class EscapingTests(NominationTestCase):
    def test_xss_payloads_are_escaped_in_the_form_and_the_public_look_up(self):
        response = self.post(form_data(self.world, nominee_name=XSS[:40], nominator_phone="12"))
        self.assertNotIn("<script>alert(1)", response.content.decode())
        self.assertIn("&lt;script&gt;", response.content.decode())

        story = STORY + XSS
        self.post(form_data(self.world, nominee_name=XSS[:40], story=story, nominator_name=XSS[:40]))
        nomination = Nomination.objects.get()
        self.assertEqual(nomination.nominee_name, XSS[:40])
        for url in ("/nominate/thanks/",):
            html = self.client.get(url).content.decode()
            self.assertNotIn("<script>alert(1)", html)
            self.assertIn("&lt;script&gt;", html)
        lookup = self.client.post(
            "/nominations/status/", {"code": nomination.receipt_code, "last4": "5678"}
        ).content.decode()
        self.assertIn("&lt;script&gt;alert(1)", lookup)
        self.assertNotIn("<script>alert(1)", lookup)


@override_settings(NOMINATION_RATE="5/d")
class RateLimitTests(NominationTestCase):
    def test_the_sixth_post_gets_429_even_with_another_x_forwarded_for(self):
        for n in range(5):
            response = self.post(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
            self.assertEqual(response.status_code, 303, n)
        response = self.post(HTTP_X_FORWARDED_FOR="198.51.100.77")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "操作太频繁", status_code=429)
        self.assertEqual(Nomination.objects.count(), 5)
        # Another address is not held back.
        self.assertEqual(self.post(REMOTE_ADDR="192.0.2.9").status_code, 303)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_only_the_address_it_appended_counts(self):
        # nginx appends the address it saw; whatever the visitor sent is to its left.
        for n in range(5):
            forwarded = f"10.0.0.{n}, 198.51.100.20"
            self.assertEqual(self.post(HTTP_X_FORWARDED_FOR=forwarded).status_code, 303)
        forged = self.post(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20")
        self.assertEqual(forged.status_code, 429)
        other = self.post(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.21")
        self.assertEqual(other.status_code, 303)

    @override_settings(NOMINATION_ATTEMPT_RATE="3/d")
    def test_failed_posts_are_limited_too(self):
        for _ in range(3):
            self.assertEqual(self.post(form_data(self.world, nominator_phone="1")).status_code, 200)
        self.assertEqual(self.post().status_code, 429)

    @override_settings(NOMINATION_LOOKUP_RATE="3/d")
    def test_status_look_ups_are_limited(self):
        for _ in range(3):
            response = self.client.post("/nominations/status/", {"code": "ABCDEFGHJK", "last4": "0000"})
            self.assertEqual(response.status_code, 200)
        response = self.client.post("/nominations/status/", {"code": "ABCDEFGHJK", "last4": "0000"})
        self.assertEqual(response.status_code, 429)


@override_settings(NOMINATION_CAPTCHA=True)
class CaptchaTests(NominationTestCase):
    def test_the_captcha_is_served_from_this_site_and_checked(self):
        from captcha.models import CaptchaStore

        html = self.client.get("/nominate/").content.decode()
        self.assertIn('src="/captcha/image/', html)
        store = CaptchaStore.objects.get()
        image = self.client.get(f"/captcha/image/{store.hashkey}/")
        self.assertEqual(image["Content-Type"], "image/png")

        wrong = self.post(form_data(self.world, captcha_0=store.hashkey, captcha_1="wrong"))
        self.assert_refused(wrong, "captcha", "验证码不正确")

        self.client.get("/nominate/")
        store = CaptchaStore.objects.latest("pk")
        right = self.post(form_data(self.world, captcha_0=store.hashkey, captcha_1=store.response))
        self.assertEqual(right.status_code, 303)


class ContactDetailsStayPrivateTests(NominationTestCase):
    """After the office accepts a nomination and the page is published, the nominator's phone
    and email appear nowhere public: pages, listings, feeds, sitemap, API, search, 评议."""

    PUBLIC_URLS = [
        "/",
        "/nominate/",
        "/daode-mofan/",
        "/gushi/",
        "/sitemap.xml",
        "/feeds/latest/",
        "/robots.txt",
        "/stats/",
        "/search/?q=王秀英",
        "/api/v2/pages/",
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?type=exhibits.ProfilePage&fields=*",
        "/api/v2/images/?fields=*",
        "/nominations/pingyi/",
        "/nominations/status/",
    ]

    def test_phone_and_email_are_in_no_public_response(self):
        from django.contrib.auth import get_user_model

        from nominations import queue
        from nominations.models import Candidate, EndorsementRound

        from . import factories as f
        from .nominating import upload

        f.ProfileIndexPageFactory(parent=self.world.home)
        f.StoryIndexPageFactory(parent=self.world.home)
        self.assertEqual(self.post(files=[upload()]).status_code, 303)
        nomination = Nomination.objects.get()
        office = get_user_model().objects.get(username="office")
        page = queue.accept(
            nomination, office, kind="profile", community=self.world.community_a, title="王秀英"
        )

        # The community records the nominee's consent; the office publishes.
        page.consent_given_by = "王秀英"
        page.consent_date = "2026-05-01"
        page.consent_scope_name = page.consent_scope_story = page.consent_scope_portrait = True
        page.consent_form = f.ConsentFormFactory(collection=self.world.roles["editors_a"].consent_collection)
        page.save_revision(user=office).publish(user=office)
        page.refresh_from_db()
        self.assertTrue(page.live)

        endorsement_round = EndorsementRound.objects.create(title="评议", status=EndorsementRound.Status.OPEN)
        Candidate.objects.create(round=endorsement_round, nomination=nomination)

        secrets = [PHONE, "138 1234 5678", "138-1234-5678", "chenming@example.com", "陈明"]
        checked = 0
        for url in [
            *self.PUBLIC_URLS,
            page.url,
            f"/api/v2/pages/{page.pk}/",
            f"/nominations/pingyi/{endorsement_round.pk}/",
        ]:
            response = self.client.get(url)
            if response.status_code == 404 and not url.startswith(("/nominations/", page.url)):
                continue  # a URL that does not exist (yet) on this site
            self.assertEqual(response.status_code, 200, url)
            body = b"".join(response) if response.streaming else response.content
            text = body.decode("utf-8", errors="replace")
            for secret in secrets:
                self.assertNotIn(secret, text, f"{secret} leaked at {url}")
            checked += 1
        self.assertContains(self.client.get(page.url), STORY[:20])
        self.assertGreaterEqual(checked, 12)


class NominationPageTreeTests(NominationTestCase):
    def test_one_nomination_page_under_the_home_page(self):
        from nominations.models import NominationPage

        self.assertEqual(NominationPage.parent_page_types, ["home.HomePage"])
        self.assertFalse(NominationPage.can_create_at(self.world.home))  # max_count = 1, one exists
        self.assertFalse(NominationPage.can_create_at(self.world.community_a))
        self.assertEqual(self.world.page.url, "/nominate/")


class ValidHtmlTests(NominationTestCase):
    def test_the_nomination_pages_are_valid_html(self):
        import json
        import shutil
        import subprocess
        import tempfile
        from pathlib import Path

        from .test_accessibility import VNU, require

        require(VNU)
        java = shutil.which("java")
        self.assertIsNotNone(java, "the Nu Html Checker needs a Java runtime (Debian: default-jre-headless)")
        pages = {
            "form": self.client.get("/nominate/"),
            "form-errors": self.post(form_data(self.world, nominator_phone="1", story="短")),
            "status": self.client.get("/nominations/status/"),
            "status-error": self.client.post("/nominations/status/", {"code": "", "last4": "12"}),
            "rounds": self.client.get("/nominations/pingyi/"),
        }
        self.post()
        pages["thanks"] = self.client.get("/nominate/thanks/")
        with tempfile.TemporaryDirectory() as folder:
            files = []
            for name, response in pages.items():
                self.assertEqual(response.status_code, 200, name)
                path = Path(folder) / f"{name}.html"
                path.write_bytes(response.content)
                files.append(str(path))
            result = subprocess.run(
                [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                capture_output=True,
                text=True,
                timeout=300,
            )
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
        errors = [
            f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
            for m in messages
            if m.get("type") == "error" or m.get("subType") == "fatal"
        ]
        self.assertEqual(errors, [])
