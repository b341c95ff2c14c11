"""Choosers list what the user may edit, plus live public pages: never another community's drafts.

The attacker's case from issue 10: a nomination accepted as a draft 人物档案 carries the nominee's
name as its title before the nominee has consented. Editors of other communities, reviewers of
other streets and the site administrators must not find that name through any chooser — not by
browsing, not by searching, not by asking for the page by id — nor the photos, consent form and
film that go with it. The community's own editors, its street's reviewers and the office do.
"""

import json
import re

from django.test import TestCase
from django.urls import reverse
from wagtail.models import DraftStateMixin
from wagtail.snippets.models import get_snippet_models

from exhibits.models import ProfilePage

from . import factories as f
from .moderation import build_world, make_user

NAME = "陈秀英"
PINYIN = "xiuying"
DRAFT_RENAME = "林美华"
REFUSED = ["editor_b", "editor_a2", "reviewer_b", "site_admin"]
ALLOWED = ["editor_a", "reviewer_a", "office"]


class ChooserTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        w = cls.world
        cls.users = {**w.users, "editor_a2": make_user("editor_a2", "东美社区编辑")}
        editors_a = w.roles["editors_a"]
        cls.draft = f.ProfilePageFactory(
            parent=w.community_a,
            title=NAME,
            slug="nominee",
            live=False,
            consent_form=None,
            consent_given_by="",
            owner=cls.users["editor_a"],
        )
        cls.draft.save_revision(user=cls.users["editor_a"])
        # A live exhibit whose latest draft renames it after a person: the draft title is private too.
        cls.renamed = f.StoryPageFactory(parent=w.community_a, title="邻里互助的故事", slug="story")
        cls.renamed.save_revision().publish()
        cls.renamed.title = DRAFT_RENAME
        cls.renamed.save_revision()
        # Searched by a Latin word: the admin's image, document and media search index titles
        # without Chinese segmentation, so a name inside a title is not a token of its own.
        cls.image = f.SiteImageFactory(title=f"{NAME} {PINYIN} 照片", collection=editors_a.image_collection)
        cls.form = f.ConsentFormFactory(
            title=f"{NAME} {PINYIN} 同意书", collection=editors_a.consent_collection
        )
        cls.film = f.VideoMediaFactory(
            title=f"{NAME} {PINYIN} 访谈",
            collection=editors_a.image_collection,
            uploaded_by_user=cls.users["editor_a"],
        )

    def as_role(self, role):
        self.client.force_login(self.users[role])

    def get(self, name, *args, **query):
        return self.client.get(reverse(name, args=args), query)

    def shows(self, response, text):
        """`text` listed in the answer (JSON modal answers decoded; the search box's echo ignored)."""
        if response.status_code != 200:
            return False
        content = response.content.decode()
        if "json" in response.get("Content-Type", ""):
            content = json.dumps(json.loads(content), ensure_ascii=False)
        content = re.sub(r"<em>[^<]*</em>|value=\\?\"[^\"]*\"", "", content)
        return text in content

    # Page chooser -----------------------------------------------------------------------------------

    def page_chooser_answers(self):
        w = self.world
        return {
            "browse the community": self.get("wagtailadmin_choose_page_child", w.community_a.pk),
            "browse the street": self.get("wagtailadmin_choose_page_child", w.street_a.pk),
            "browse by page type": self.get("wagtailadmin_choose_page", page_type="exhibits.profilepage"),
            "browse into the draft": self.get("wagtailadmin_choose_page_child", self.draft.pk),
            "search": self.get("wagtailadmin_choose_page_search", q=NAME),
            "search by type": self.get(
                "wagtailadmin_choose_page_search", q=NAME, page_type="exhibits.profilepage"
            ),
            "chosen by id": self.get("wagtailadmin_choose_page_chosen_multiple", id=self.draft.pk),
        }

    def test_refused_roles_never_see_the_draft_in_the_page_chooser(self):
        for role in REFUSED:
            self.as_role(role)
            for how, response in self.page_chooser_answers().items():
                with self.subTest(role=role, how=how):
                    self.assertFalse(self.shows(response, NAME), response.status_code)

    def test_the_community_its_street_and_the_office_do(self):
        for role in ALLOWED:
            self.as_role(role)
            answers = self.page_chooser_answers()
            for how in ("browse the community", "search", "chosen by id"):
                with self.subTest(role=role, how=how):
                    self.assertTrue(self.shows(answers[how], NAME), answers[how].status_code)

    def test_live_pages_are_listed_by_their_live_title_to_other_communities(self):
        for role in REFUSED:
            self.as_role(role)
            listing = self.get("wagtailadmin_choose_page_child", self.world.community_a.pk)
            chosen = self.get("wagtailadmin_choose_page_chosen_multiple", id=self.renamed.pk)
            with self.subTest(role=role):
                self.assertTrue(self.shows(listing, "邻里互助的故事"))
                self.assertFalse(self.shows(listing, DRAFT_RENAME))
                self.assertTrue(self.shows(chosen, "邻里互助的故事"))
                self.assertFalse(self.shows(chosen, DRAFT_RENAME))
        self.as_role("editor_a")
        listing = self.get("wagtailadmin_choose_page_child", self.world.community_a.pk)
        self.assertTrue(self.shows(listing, DRAFT_RENAME))

    def test_live_public_pages_stay_choosable_for_everyone(self):
        published = f.ProfilePageFactory(parent=self.world.community_a, title="黄志强", slug="huang")
        published.save_revision().publish()
        for role in REFUSED:
            self.as_role(role)
            with self.subTest(role=role):
                self.assertTrue(self.shows(self.get("wagtailadmin_choose_page_search", q="黄志强"), "黄志强"))
                self.assertTrue(
                    self.shows(
                        self.get("wagtailadmin_choose_page_child", self.world.community_a.pk), "黄志强"
                    )
                )

    def test_a_private_live_page_is_not_public(self):
        from wagtail.models import PageViewRestriction

        private = f.ProfilePageFactory(parent=self.world.community_a, title="周丽娟", slug="zhou")
        private.save_revision().publish()
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        self.as_role("editor_b")
        self.assertFalse(self.shows(self.get("wagtailadmin_choose_page_search", q="周丽娟"), "周丽娟"))
        self.assertTrue(ProfilePage.objects.filter(pk=private.pk, live=True).exists())

    # Image, document, media and snippet choosers ------------------------------------------------------

    def other_chooser_answers(self):
        return {
            "image listing": self.get("wagtailimages_chooser:choose"),
            "image search": self.get("wagtailimages_chooser:choose_results", q=PINYIN),
            "image by id": self.get("wagtailimages_chooser:chosen", self.image.pk),
            "document listing": self.get("wagtaildocs_chooser:choose"),
            "document search": self.get("wagtaildocs_chooser:choose_results", q=PINYIN),
            "document by id": self.get("wagtaildocs_chooser:chosen", self.form.pk),
            "media listing": self.get("wagtailmedia:chooser"),
            "media search": self.get("wagtailmedia:chooser", q=PINYIN),
            "media by id": self.get("wagtailmedia:media_chosen", self.film.pk),
        }

    def test_refused_roles_never_see_its_photo_consent_form_or_film(self):
        for role in REFUSED:
            self.as_role(role)
            for how, response in self.other_chooser_answers().items():
                with self.subTest(role=role, how=how):
                    self.assertFalse(self.shows(response, NAME), response.status_code)

    def test_the_community_sees_its_photo_consent_form_and_film(self):
        self.as_role("editor_a")
        answers = self.other_chooser_answers()
        for how in answers:
            with self.subTest(how=how):
                self.assertTrue(self.shows(answers[how], NAME), answers[how].status_code)

    def test_no_snippet_has_drafts_that_a_chooser_could_show(self):
        """Snippet choosers list every row: fine while no snippet model keeps drafts."""
        for model in get_snippet_models():
            self.assertFalse(issubclass(model, DraftStateMixin), model)
