"""Every screen the six demo accounts use, in Debian's Chromium: not one English word.

The demo is loaded once, pages are put in each workflow state (in moderation, changes requested,
approved) and nominations are made; then each account logs in through the form and walks its
screens: dashboard, page explorer and search, creating a page with a validation error, editing
pages in each state with the status panel open, the block picker and the page chooser, history,
images, media and documents with uploads, snippets, reports, the nomination queue and user
management. Any English word outside `admin_text.ALLOWED` fails the test, listed by screen.
Screenshots land in tests/screenshots/admin-zh-<account>-<screen>.png.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from demo.accounts import DEMO_ACCOUNTS
from exhibits.models import HonourTitle, ProfilePage, StoryPage
from home.models import CommunityPage, SiteImage, StreetPage
from nominations import queue
from nominations.models import Nomination

from .admin_text import VISIBLE_TEXT_JS, english_lines, english_words
from .browser import DESKTOP, chromium, screenshot
from .nominating import photo_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORDS = {account.username: account.password for account in DEMO_ACCOUNTS}
# Data, not words: the demo's user names and the site's host name.
DATA_WORDS = [*PASSWORDS, "localhost", "testserver"]


def user(username):
    return get_user_model().objects.get(username=username)


def story(parent, title, slug, author):
    page = StoryPage(title=title, slug=slug, intro="演示：用于检查后台界面。", live=False)
    parent.add_child(instance=page)
    page.save_revision(user=author)
    return page


def build_states():
    """Pages in every workflow state and nominations, on top of the demo."""
    editor, reviewer, office = user("editor_xunmei"), user("reviewer_chengdong"), user("office")
    xunmei = CommunityPage.objects.get(title__startswith="浔美社区")
    waiting = story(xunmei, "等待审核的故事", "dengdai-shenhe", editor)
    waiting.get_workflow().start(waiting, editor)
    returned = story(xunmei, "退回修改的故事", "tuihui-xiugai", editor)
    returned.get_workflow().start(returned, editor)
    task_state = returned.current_workflow_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="请补充活动的时间和地点。")
    approved = story(xunmei, "已通过审核的故事", "yi-tongguo", editor)
    approved.get_workflow().start(approved, editor)
    for who in (reviewer, office):
        approved.refresh_from_db()
        task_state = approved.current_workflow_task_state
        task_state.task.specific.on_action(task_state, who, "approve")

    common = {
        "community": xunmei,
        "category": "helping",
        "story": "她每天清早为独居老人送去热饭热菜，坚持了整整五年，邻居们都称她为“爱心大姐”。" * 2,
        "nominator_name": "陈明",
        "nominator_phone": "13800001234",
        "nominator_email": "chenming@example.com",
        "privacy_notice_version": "2026-01",
        "consent_processing": True,
        "consent_nominee_informed": True,
    }
    new = Nomination.objects.create(nominee_name="王秀英", **common)
    accepted = Nomination.objects.create(nominee_name="林美玲", **common)
    accepted.photos.create(file=photo_file(), width=64, height=48)
    queue.accept(accepted, office, kind="profile", community=xunmei, title="林美玲")
    return {
        "xunmei": xunmei,
        "street": StreetPage.objects.get(title__startswith="城东街道"),
        "waiting": waiting,
        "returned": returned,
        "approved": approved,
        "profile": ProfilePage.objects.child_of(xunmei).live().first(),
        "new": new,
        "accepted": accepted,
        "honour": HonourTitle.objects.first(),
        "image": SiteImage.objects.first(),
        "editor": editor,
    }


def photo_file():
    from django.core.files.base import ContentFile

    return ContentFile(photo_bytes(), name="photo.jpg")


class Walk:
    """One account's walk through its screens; English found is kept per screen."""

    def __init__(self, browser, base, username, problems):
        self.base, self.username, self.problems = base, username, problems
        self.context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.goto(base + "/admin/login/")
        self.read("login")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORDS[username])
        self.page.click("button[type=submit]")
        self.page.wait_for_url(base + "/admin/")

    def read(self, screen):
        self.page.wait_for_load_state("networkidle")
        text = self.page.evaluate(VISIBLE_TEXT_JS)
        if english_words(text, DATA_WORDS):
            self.problems[f"{self.username} · {screen}"] = english_lines(text, DATA_WORDS)[:8]
        screenshot(self.page, f"admin-zh-{self.username}-{screen}")

    def visit(self, screen, path):
        response = self.page.goto(self.base + path)
        assert response.status == 200, f"{self.username} {screen} {path}: {response.status}"
        self.read(screen)

    def status_panel(self, screen):
        self.page.click("button[data-side-panel-toggle='status']")
        self.page.wait_for_selector("[data-side-panel='status']:not([hidden])")
        self.read(screen)

    def footer_menu(self, screen):
        toggle = self.page.locator("footer .w-dropdown__toggle")
        if toggle.count():
            toggle.first.click()
        self.read(screen)

    def close(self):
        self.context.close()


def editor_screens(walk, ids):
    xunmei = ids["xunmei"].pk
    walk.visit("dashboard", "/admin/")
    walk.visit("explorer", f"/admin/pages/{xunmei}/")
    walk.visit("search", "/admin/pages/search/?q=浔美")
    walk.visit("account", "/admin/account/")
    # A new story: the block picker, the page chooser, then saving with no title.
    walk.visit("create", f"/admin/pages/add/exhibits/storypage/{xunmei}/")
    page = walk.page
    page.locator(
        "[data-contentpath='body'] button[title], [data-contentpath='body'] .c-sf-add-button"
    ).first.click()
    walk.read("create-block-picker")
    page.keyboard.press("Escape")
    page.click("#id_related_people-OPEN_MODAL")
    page.wait_for_selector(".modal-dialog .modal-content")
    walk.read("create-page-chooser")
    page.locator(".modal-dialog input[name=q]").first.fill("陈")
    page.wait_for_timeout(800)
    walk.read("create-page-chooser-search")
    page.keyboard.press("Escape")
    page.wait_for_selector(".modal-dialog", state="detached")
    page.click("footer button.action-save")
    page.wait_for_load_state("networkidle")
    walk.read("create-validation-error")
    walk.status_panel("create-validation-error-status")
    for name in ("waiting", "returned", "approved"):
        walk.visit(f"edit-{name}", f"/admin/pages/{ids[name].pk}/edit/")
        walk.footer_menu(f"edit-{name}-actions")
        walk.status_panel(f"edit-{name}-status")
    walk.visit("edit-profile", f"/admin/pages/{ids['profile'].pk}/edit/")
    walk.visit("history", f"/admin/pages/{ids['approved'].pk}/history/")
    media_screens(walk)
    walk.visit("nominations", "/admin/nominations/")
    walk.visit("nomination", f"/admin/nominations/inspect/{ids['new'].pk}/")


def media_screens(walk):
    walk.visit("images", "/admin/images/")
    walk.visit("images-upload", "/admin/images/multiple/add/")
    walk.page.set_input_files("#fileupload", files=[image_upload()])
    walk.page.wait_for_selector("#upload-list li form, #upload-list .upload-success", timeout=20_000)
    walk.read("images-uploaded")
    walk.visit("media", "/admin/media/")
    walk.visit("media-upload", "/admin/media/video/add/")
    walk.visit("documents", "/admin/documents/")
    walk.visit("documents-upload", "/admin/documents/multiple/add/")


def image_upload():
    return {
        "name": "huodong.jpg",
        "mimeType": "image/jpeg",
        "buffer": photo_bytes(size=(320, 240), gps=False),
    }


def reviewer_screens(walk, ids):
    walk.visit("dashboard", "/admin/")
    walk.visit("explorer", f"/admin/pages/{ids['street'].pk}/")
    walk.visit("review", f"/admin/pages/{ids['waiting'].pk}/edit/")
    walk.footer_menu("review-actions")
    walk.status_panel("review-status")
    walk.visit("dashboard-actions", "/admin/")
    row = walk.page.locator("#awaiting-review-content tr", has_text="等待审核的故事")
    row.locator(".w-dropdown__toggle").first.click()
    walk.read("dashboard-actions")
    row.locator("button[data-workflow-action-url]", has_text="退回修改").first.click()
    walk.page.wait_for_selector(".modal-dialog textarea")
    walk.read("request-changes-dialog")
    walk.visit("history", f"/admin/pages/{ids['returned'].pk}/history/")
    walk.visit("images", "/admin/images/")


def office_screens(walk, ids):
    walk.visit("dashboard", "/admin/")
    walk.visit("explorer", "/admin/pages/")
    walk.visit("final-review", f"/admin/pages/{ids['approved'].pk}/edit/")
    walk.status_panel("final-review-status")
    walk.visit("nominations", "/admin/nominations/")
    walk.visit("nomination", f"/admin/nominations/inspect/{ids['new'].pk}/")
    walk.visit("nomination-accepted", f"/admin/nominations/accepted/{ids['accepted'].pk}/")
    walk.visit("pingyi", "/admin/pingyi/")
    walk.visit("pingyi-add", "/admin/pingyi/new/")
    walk.visit("snippets", "/admin/snippets/")
    honour = ids["honour"]
    walk.visit("honour-titles", f"/admin/snippets/{honour._meta.app_label}/{honour._meta.model_name}/")
    walk.visit(
        "honour-title",
        f"/admin/snippets/{honour._meta.app_label}/{honour._meta.model_name}/edit/{honour.pk}/",
    )
    walk.visit("site-history", "/admin/reports/site-history/")
    walk.visit("aging-pages", "/admin/reports/aging-pages/")
    walk.visit("locked-pages", "/admin/reports/locked/")
    walk.visit("workflows-report", "/admin/reports/workflow/")
    walk.visit("workflow-tasks-report", "/admin/reports/workflow_tasks/")
    walk.visit("documents", "/admin/documents/")


def siteadmin_screens(walk, ids):
    walk.visit("dashboard", "/admin/")
    walk.visit("users", "/admin/users/")
    walk.visit("user-add", reverse("wagtailusers_users:add"))
    walk.page.click("main button[type=submit], main input[type=submit]")
    walk.read("user-add-validation-error")
    walk.visit("user-edit", reverse("wagtailusers_users:edit", args=[ids["editor"].pk]))
    walk.visit("groups", "/admin/groups/")
    walk.visit("redirects", "/admin/redirects/")
    walk.visit("redirect-add", "/admin/redirects/add/")
    walk.visit("settings", reverse("wagtailsettings:edit", args=["home", "sitesettings"]))


def admin_screens(walk, ids):
    walk.visit("dashboard", "/admin/")
    walk.visit("workflows", "/admin/workflows/list/")
    walk.visit("tasks", "/admin/workflows/tasks/index/")
    walk.visit("collections", "/admin/collections/")
    walk.visit("sites", "/admin/sites/")
    walk.visit("groups", "/admin/groups/")
    walk.visit("page-types", "/admin/reports/page-types-usage/")


SCREENS = {
    "admin": admin_screens,
    "editor_xunmei": editor_screens,
    "editor_chengdong": lambda walk, ids: (
        walk.visit("dashboard", "/admin/"),
        walk.visit("explorer", "/admin/pages/"),
    ),
    "reviewer_chengdong": reviewer_screens,
    "office": office_screens,
    "siteadmin": siteadmin_screens,
}


def test_every_demo_account_sees_the_admin_in_chinese(live_server):
    call_command("load_demo", stdout=StringIO())
    ids = build_states()
    problems = {}
    with chromium() as browser:
        for account in DEMO_ACCOUNTS:
            walk = Walk(browser, live_server.url, account.username, problems)
            SCREENS[account.username](walk, ids)
            walk.close()
    assert problems == {}, "\n".join(f"{screen}: {lines}" for screen, lines in problems.items())
