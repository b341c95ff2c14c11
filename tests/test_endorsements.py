"""Public 评议 rounds: once per visitor per candidate per round, counts visible, closed is closed."""

import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from nominations.endorsements import COOKIE, visitor_hash
from nominations.models import Candidate, Endorsement, EndorsementRound, Nomination

from . import factories as f
from .moderation import build_world


class EndorsementTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.profile = f.ProfilePageFactory(parent=cls.world.community_a, title="陈国栋")
        cls.profile.save_revision().publish()
        cls.accepted = Nomination.objects.create(
            nominee_name="黄美玲",
            community=cls.world.community_b,
            category="filial",
            story="孝老爱亲" * 20,
            nominator_name="推荐人",
            nominator_phone="13800000000",
            privacy_notice_version="2026-01",
            status=Nomination.Status.ACCEPTED,
        )
        cls.round = EndorsementRound.objects.create(
            title="2026年度“身边好人”评议",
            status=EndorsementRound.Status.OPEN,
            starts_at=timezone.now() - datetime.timedelta(days=1),
        )
        cls.by_profile = Candidate.objects.create(round=cls.round, profile=cls.profile, sort_order=0)
        cls.by_nomination = Candidate.objects.create(
            round=cls.round, nomination=cls.accepted, description="照顾瘫痪婆婆二十年", sort_order=1
        )

    def endorse(self, candidate, client=None, **extra):
        client = client or self.client
        return client.post(f"/nominations/pingyi/{self.round.pk}/{candidate.pk}/endorse/", **extra)

    def count(self, candidate):
        return Endorsement.objects.filter(candidate=candidate).count()


class EndorsingTests(EndorsementTestCase):
    def test_rounds_and_candidates_are_listed_with_counts(self):
        response = self.client.get("/nominations/pingyi/")
        self.assertContains(response, "2026年度“身边好人”评议")
        response = self.client.get(f"/nominations/pingyi/{self.round.pk}/")
        self.assertContains(response, "陈国栋")
        self.assertContains(response, "黄美玲")
        self.assertContains(response, "照顾瘫痪婆婆二十年")
        self.assertContains(response, 'class="candidate__number">0</span>', count=2)
        self.assertContains(response, self.profile.url)
        self.assertNotContains(response, "13800000000")
        self.assertNotRegex(response.content.decode(), r"<script(?![^>]*\ssrc=)")  # scripts only from files

    def test_a_second_endorsement_from_the_same_visitor_is_not_counted(self):
        response = self.endorse(self.by_profile)
        self.assertEqual(response.status_code, 303)
        self.assertIn(COOKIE, response.cookies)
        self.assertTrue(response.cookies[COOKIE]["httponly"])
        self.assertEqual(self.count(self.by_profile), 1)

        page = self.client.get(response["Location"])
        self.assertContains(page, "已支持 陈国栋")
        self.assertContains(page, "您已支持")

        again = self.endorse(self.by_profile)
        self.assertEqual(self.count(self.by_profile), 1)
        self.assertContains(self.client.get(again["Location"]), "您已经支持过 陈国栋")

        # The same visitor may still support another candidate, once.
        self.endorse(self.by_nomination)
        self.endorse(self.by_nomination)
        self.assertEqual(self.count(self.by_nomination), 1)

    def test_another_visitor_counts(self):
        self.endorse(self.by_profile)
        self.client.cookies.clear()
        self.endorse(self.by_profile)
        self.assertEqual(self.count(self.by_profile), 2)

    def test_no_address_and_no_raw_cookie_id_is_stored(self):
        self.endorse(self.by_profile, REMOTE_ADDR="198.51.100.23")
        endorsement = Endorsement.objects.get()
        fields = {field.name for field in Endorsement._meta.get_fields()}
        self.assertEqual(fields, {"id", "round", "candidate", "visitor_hash", "created_at"})
        self.assertNotIn("198.51.100.23", endorsement.visitor_hash)
        self.assertEqual(len(endorsement.visitor_hash), 64)

    def test_a_tampered_cookie_is_a_new_visitor_and_the_database_refuses_repeats(self):
        self.client.cookies[COOKIE] = "forged-value"
        self.endorse(self.by_profile)
        self.assertEqual(self.count(self.by_profile), 1)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Endorsement.objects.create(
                round=self.round,
                candidate=self.by_profile,
                visitor_hash=Endorsement.objects.get().visitor_hash,
            )
        self.assertEqual(len(visitor_hash("x")), 64)

    def test_endorsing_needs_a_post_with_csrf(self):
        self.assertEqual(
            self.client.get(f"/nominations/pingyi/{self.round.pk}/{self.by_profile.pk}/endorse/").status_code,
            405,
        )
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        self.assertEqual(self.endorse(self.by_profile, client=strict).status_code, 403)
        self.assertEqual(self.count(self.by_profile), 0)

    def test_a_candidate_of_another_round_is_refused(self):
        other = EndorsementRound.objects.create(title="另一轮", status=EndorsementRound.Status.OPEN)
        response = self.client.post(f"/nominations/pingyi/{other.pk}/{self.by_profile.pk}/endorse/")
        self.assertEqual(response.status_code, 404)

    @override_settings(ENDORSEMENT_RATE="3/d")
    def test_a_client_dropping_its_cookie_is_rate_limited(self):
        for _ in range(3):
            self.client.cookies.clear()
            self.assertEqual(self.endorse(self.by_profile).status_code, 303)
        self.client.cookies.clear()
        response = self.endorse(self.by_profile, HTTP_X_FORWARDED_FOR="203.0.113.9")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(self.count(self.by_profile), 3)


class ClosedRoundTests(EndorsementTestCase):
    def test_a_closed_round_refuses_more_and_keeps_its_results(self):
        self.endorse(self.by_nomination)
        EndorsementRound.objects.filter(pk=self.round.pk).update(status=EndorsementRound.Status.CLOSED)
        self.client.cookies.clear()
        response = self.endorse(self.by_profile)
        self.assertEqual(self.count(self.by_profile), 0)
        page = self.client.get(response["Location"])
        self.assertContains(page, "本轮评议已结束，不再接受支持")
        self.assertContains(page, "以下为最终结果")
        self.assertNotContains(page, "/endorse/")
        # The results stay, highest first.
        html = page.content.decode()
        self.assertLess(html.index("黄美玲"), html.index("陈国栋"))
        self.assertContains(page, 'class="candidate__number">1</span>')
        self.assertContains(self.client.get("/nominations/pingyi/"), "往期评议结果")

    def test_a_round_past_its_end_date_is_closed(self):
        EndorsementRound.objects.filter(pk=self.round.pk).update(
            ends_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        self.endorse(self.by_profile)
        self.assertEqual(self.count(self.by_profile), 0)

    def test_a_draft_round_is_not_public(self):
        EndorsementRound.objects.filter(pk=self.round.pk).update(status=EndorsementRound.Status.DRAFT)
        self.assertEqual(self.client.get(f"/nominations/pingyi/{self.round.pk}/").status_code, 404)
        self.assertEqual(self.endorse(self.by_profile).status_code, 404)


class RoundAdminTests(EndorsementTestCase):
    def test_the_office_opens_and_closes_rounds_in_the_admin(self):
        office = get_user_model().objects.get(username="office")
        self.client.force_login(office)
        self.assertEqual(self.client.get("/admin/pingyi/").status_code, 200)
        self.assertEqual(self.client.get("/admin/pingyi/new/").status_code, 200)
        self.client.force_login(get_user_model().objects.get(username="editor_a"))
        self.assertNotEqual(self.client.get("/admin/pingyi/").status_code, 200)

    def test_candidates_must_be_live_profiles_or_accepted_nominations(self):
        from django.core.exceptions import ValidationError

        draft = f.ProfilePageFactory(parent=self.world.community_a, live=False)
        pending = Nomination.objects.create(
            nominee_name="某某",
            category="helping",
            story="x" * 60,
            privacy_notice_version="1",
        )
        for candidate in (
            Candidate(round=self.round),
            Candidate(round=self.round, profile=self.profile, nomination=self.accepted),
            Candidate(round=self.round, profile=draft),
            Candidate(round=self.round, nomination=pending),
        ):
            with self.assertRaises(ValidationError):
                candidate.clean()
        Candidate(round=self.round, nomination=self.accepted).clean()


class RoundCreationTests(EndorsementTestCase):
    def test_the_office_creates_a_round_with_candidates_in_the_admin(self):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data

        self.client.force_login(get_user_model().objects.get(username="office"))
        data = nested_form_data(
            {
                "title": "第二轮评议",
                "description": "",
                "status": "open",
                "starts_at": "2026-01-01 09:00",
                "ends_at": "",
                "candidates": inline_formset(
                    [
                        {
                            "profile": self.profile.pk,
                            "nomination": "",
                            "display_name": "",
                            "description": "修车",
                        },
                        {
                            "profile": "",
                            "nomination": self.accepted.pk,
                            "display_name": "",
                            "description": "",
                        },
                    ]
                ),
            }
        )
        response = self.client.post("/admin/pingyi/new/", data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        created = EndorsementRound.objects.get(title="第二轮评议")
        self.assertEqual(created.candidates.count(), 2)

        # A candidate that is neither a profile nor a nomination is refused with a message.
        data["title"] = "第三轮评议"
        data["candidates-0-profile"] = ""
        response = self.client.post("/admin/pingyi/new/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "二选一")
        self.assertFalse(EndorsementRound.objects.filter(title="第三轮评议").exists())
