"""Every view of ours that takes a `next` address sends hostile values nowhere but this site.

`test_every_next_in_our_code_is_walked_here` greps the project for places that read or pass on a
`next` parameter: a new one fails it until it is added to VIEWS_TAKING_NEXT and walked below.
"""

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse

from . import factories as f
from .moderation import PASSWORD, build_world

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    " https://evil.example/",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    "https://evil.example\\@testserver/",
    "https://testserver.evil.example/",
]

# Files that read or pass on `next`, and the test below that walks each.
VIEWS_TAKING_NEXT = {
    "moderation/wagtail_hooks.py": "test_bulk_publish_refusal",
    "discovery/views/site.py": "test_elder_mode_switch",
    "discovery/templatetags/discovery_tags.py": "test_elder_mode_switch",
    "discovery/templates/discovery/includes/elder_toggle.html": "test_elder_mode_switch",
    "videos/templates/wagtailmedia/media/edit.html": "test_media_edit_form",
}
# Python reading or building a `next` parameter; templates putting one into a link or a form.
NEXT_IN_PYTHON = re.compile(r"""["']next["']|[?&]next=""")
NEXT_IN_TEMPLATES = re.compile(r"""name=["']next["']|[?&]next=|\{\{\s*next\b""")
SOURCE_DIRS = [
    "cms",
    "core",
    "home",
    "exhibits",
    "videos",
    "moderation",
    "discovery",
    "nominations",
    "rosters",
    "demo",
]


def is_outside(location):
    """True if a browser following `location` could leave this site."""
    location = location.strip()
    parts = urlsplit(location.replace("\\", "/"))
    return bool(parts.scheme or parts.netloc) and parts.netloc not in {"", "testserver"}


class SafeRedirectTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.unconsented = f.ProfilePageFactory(
            parent=cls.world.community_a,
            title="未登记同意的人物",
            consent_form=None,
            consent_given_by="",
            live=False,
        )
        cls.unconsented.save_revision()

    def assertStaysHere(self, response, hostile):
        location = response.get("Location", "")
        self.assertFalse(is_outside(location), f"{hostile!r} -> {location!r}")
        self.assertFalse(location.lower().startswith("javascript:"), location)

    def assertNoWayOut(self, response, hostile):
        """No link, form or `next` field on the page leads off the site (a query string may echo it)."""
        html = response.content.decode()
        targets = re.findall(r'(?:href|action)="([^"]*)"', html)
        targets += re.findall(r'name="next"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="next"', html)
        for target in targets:
            target = target if isinstance(target, str) else "".join(target)
            self.assertFalse(is_outside(unescape(target)) and "evil.example" in target, (hostile, target))

    def test_bulk_publish_refusal(self):
        self.client.force_login(self.world.users["office"])
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        for hostile in HOSTILE:
            with self.subTest(hostile=hostile):
                query = {"id": self.unconsented.pk, "next": hostile}
                confirmation = self.client.get(url, query)
                self.assertEqual(confirmation.status_code, 200)
                self.assertNoWayOut(confirmation, hostile)
                response = self.client.post(f"{url}?{urlencode(query)}", {"next": hostile})
                self.assertEqual(response.status_code, 302)
                self.assertStaysHere(response, hostile)
        self.unconsented.refresh_from_db()
        self.assertFalse(self.unconsented.live)

    def test_bulk_publish_refusal_keeps_a_next_on_this_site(self):
        self.client.force_login(self.world.users["office"])
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        back = reverse("wagtailadmin_explore", args=[self.world.community_a.pk])
        response = self.client.post(f"{url}?id={self.unconsented.pk}&next={back}")
        self.assertEqual(response["Location"], back)

    def test_elder_mode_switch(self):
        for state in ("on", "off"):
            for hostile in HOSTILE:
                with self.subTest(state=state, hostile=hostile):
                    response = self.client.get(
                        reverse("discovery:elder_mode", args=[state]), {"next": hostile}
                    )
                    self.assertEqual(response.status_code, 302)
                    self.assertStaysHere(response, hostile)

    def test_media_edit_form(self):
        media = f.VideoMediaFactory()
        self.client.force_login(get_user_model().objects.create_superuser("root", "r@example.com", PASSWORD))
        for hostile in HOSTILE:
            with self.subTest(hostile=hostile):
                response = self.client.get(reverse("wagtailmedia:edit", args=[media.pk]), {"next": hostile})
                self.assertEqual(response.status_code, 200)
                self.assertNoWayOut(response, hostile)

    @override_settings(AXES_ENABLED=True)
    def test_admin_login(self):
        """Wagtail's login view, behind django-axes: `next` is checked there too."""
        for hostile in HOSTILE[:4]:
            with self.subTest(hostile=hostile):
                self.client.logout()
                response = self.client.post(
                    reverse("wagtailadmin_login"),
                    {"username": "editor_a", "password": PASSWORD, "next": hostile},
                )
                self.assertEqual(response.status_code, 302)
                self.assertStaysHere(response, hostile)

    def test_every_next_in_our_code_is_walked_here(self):
        found = set()
        for folder in SOURCE_DIRS:
            for path in (ROOT / folder).rglob("*"):
                pattern = {".py": NEXT_IN_PYTHON, ".html": NEXT_IN_TEMPLATES}.get(path.suffix)
                if (
                    pattern
                    and "migrations" not in path.parts
                    and pattern.search(path.read_text(encoding="utf-8"))
                ):
                    found.add(path.relative_to(ROOT).as_posix())
        unwalked = found - set(VIEWS_TAKING_NEXT)
        self.assertEqual(unwalked, set(), "add these to VIEWS_TAKING_NEXT and walk them in this file")
        for test in VIEWS_TAKING_NEXT.values():
            self.assertTrue(hasattr(self, test), test)
