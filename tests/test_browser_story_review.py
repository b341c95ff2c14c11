"""A story's whole way through the real admin, in Debian's Chromium, with the demo accounts:

editor_xunmei writes a 身边好人故事 with a Chinese title and no slug, a cover image and two people
chosen through the page chooser's search, saves and submits it; the street's reviewer asks for
changes with a comment; the editor sees the comment on the edit page and resubmits; the street
and the office approve; the story is live at its pinyin URL and found by the site search.
Screenshots of each step: tests/screenshots/story-review-*.png.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.accounts import DEMO_ACCOUNTS
from exhibits.models import StoryPage
from home.models import CommunityPage

from .browser import DESKTOP, chromium, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORDS = {account.username: account.password for account in DEMO_ACCOUNTS}
TITLE = "浔美社区爱心厨房"
COMMENT = "请补充爱心厨房开放的时间和地点。"


class InFlight:
    """Counts the page's unfinished requests, so a click can wait for Wagtail's autosave.

    The test server's in-memory SQLite refuses a second writer at once ("table is locked")
    where a real database would wait; the save and submit buttons are clicked only after any
    autosave has finished.
    """

    def __init__(self, page):
        self.page, self.count = page, 0
        page.on("request", self.started)
        page.on("requestfinished", self.finished)
        page.on("requestfailed", self.finished)

    def started(self, request):
        self.count += 1

    def finished(self, request):
        self.count = max(0, self.count - 1)

    def settle(self, quiet_ms=1200):
        quiet = 0
        while quiet < quiet_ms:
            self.page.wait_for_timeout(100)
            quiet = quiet + 100 if self.count == 0 else 0


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORDS[username])
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def open_footer_menu(page):
    page.locator("footer .w-dropdown__toggle").first.click()


def choose_from_dashboard(page, base, action, shot, comment=None):
    page.goto(base + "/admin/")
    row = page.locator("#awaiting-review-content tr", has_text=TITLE)
    row.locator(".w-dropdown__toggle").first.click()
    # The dashboard posts the action and then loads /admin/ again: the URL it ends on is the one
    # it started from, so only the navigation itself says the action has been done.
    with page.expect_navigation(url=base + "/admin/"):
        row.locator("button[data-workflow-action-url]", has_text=action).first.click()
        if comment is not None:
            page.wait_for_selector(".modal-dialog textarea")
            page.fill(".modal-dialog textarea", comment)
            screenshot(page, f"{shot}-comment")
            page.locator(".modal-dialog button[type=submit], .modal-dialog input[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(".messages li").first.wait_for()
    screenshot(page, shot)
    return page.locator(".messages").inner_text()


def test_a_story_from_draft_to_the_public_through_changes_requested(live_server):
    call_command("load_demo", stdout=StringIO())
    base = live_server.url
    xunmei = CommunityPage.objects.get(title__startswith="浔美社区")

    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.set_default_timeout(15_000)
        requests = InFlight(page)

        # The editor writes the story: Chinese title, no slug, a cover image, two people.
        log_in(page, base, "editor_xunmei")
        page.goto(f"{base}/admin/pages/add/exhibits/storypage/{xunmei.pk}/")
        page.fill("#id_title", TITLE)
        page.fill("#id_intro", "社区志愿者每天为独居老人做午饭，已坚持三年")
        page.select_option("#id_category", "helping")
        page.locator("[data-contentpath='cover_image'] button.chooser__choose-button").click()
        page.locator(".modal-dialog a[data-chooser-modal-choice]").first.click()
        page.wait_for_selector(".modal-dialog", state="detached")

        page.click("#id_related_people-OPEN_MODAL")
        page.wait_for_selector(".modal-dialog input[name=q]")
        page.fill(".modal-dialog input[name=q]", "陈")
        # The search replaces the browsing list: wait until only people called 陈… are offered.
        page.wait_for_function(
            """() => {
                const rows = [...document.querySelectorAll('.modal-dialog tbody tr')]
                    .filter(row => row.querySelector('[data-multiple-choice-select]'));
                return rows.length >= 2 && rows.every(row => row.innerText.includes('陈'));
            }"""
        )
        screenshot(page, "story-review-1-search-people")
        rows = page.locator(".modal-dialog tbody tr", has=page.locator("[data-multiple-choice-select]"))
        chosen = []
        for index in range(2):
            row = rows.nth(index)
            chosen.append(row.locator("td.title a, td.title").first.inner_text().strip().splitlines()[0])
            row.locator("[data-multiple-choice-select]").check()
        page.click(".modal-dialog [data-multiple-choice-submit]")
        page.wait_for_selector(".modal-dialog", state="detached")
        assert (
            page.locator(
                "#id_related_people-FORMS [data-contentpath], #id_related_people-FORMS > div"
            ).count()
            >= 2
        )
        screenshot(page, "story-review-2-filled-in")

        # Wagtail autosaves a new page once typing pauses, and moves the form to its edit URL;
        # saving after that updates the same page (saving during it would make a second one).
        # Choosing in a modal is not typing: the intro's last keystroke, typed now, starts the
        # autosave even when the one after the first fields ran out while a modal was open.
        page.locator("#id_intro").press("End")
        page.locator("#id_intro").type("。")
        page.wait_for_url("**/admin/pages/*/edit/", timeout=30_000)
        requests.settle()
        page.click("footer button.action-save")
        page.wait_for_load_state("networkidle")
        story = StoryPage.objects.get(title=TITLE)
        assert story.slug == "xunmei-shequ-aixin-chufang"
        draft = story.get_latest_revision_as_object()
        assert draft.cover_image_id is not None
        people = [link.person.title for link in draft.related_people.all()]
        assert len(people) == 2
        assert all(name.startswith("陈") for name in people), people
        screenshot(page, "story-review-3-saved")

        requests.settle()
        open_footer_menu(page)
        page.locator("footer button[name=action-submit]").click()
        page.wait_for_load_state("networkidle")
        screenshot(page, "story-review-4-submitted")
        story.refresh_from_db()
        assert story.current_workflow_task.name == "城东街道初审"

        # The street's reviewer asks for changes, with a comment, from the dashboard.
        log_in(page, base, "reviewer_chengdong")
        message = choose_from_dashboard(page, base, "退回修改", "story-review-5-changes-requested", COMMENT)
        assert f"已将「{TITLE}」退回修改" in message

        # The editor sees the comment where they work, and resubmits from the first step.
        log_in(page, base, "editor_xunmei")
        screenshot(page, "story-review-6-editor-dashboard")
        assert COMMENT in page.locator("#community-pages-content").inner_text()
        page.goto(f"{base}/admin/pages/{story.pk}/edit/")
        banner = page.locator(".messages").inner_text()
        assert COMMENT in banner and "退回修改" in banner
        page.fill("#id_intro", "社区志愿者每天中午为独居老人做饭，地点在浔美社区党群服务中心。")
        requests.settle()
        open_footer_menu(page)
        screenshot(page, "story-review-7-comment-and-resubmit")
        page.locator("footer button[name=action-submit]", has_text="重新提交审核（从第一步开始）").click()
        page.wait_for_load_state("networkidle")
        story.refresh_from_db()
        assert story.current_workflow_task.name == "城东街道初审"

        # The street approves, then the office.
        log_in(page, base, "reviewer_chengdong")
        message = choose_from_dashboard(page, base, "批准", "story-review-8-street-approves")
        assert f"已批准「{TITLE}」（城东街道初审），现转交“区委文明办终审”" in message
        log_in(page, base, "office")
        message = choose_from_dashboard(page, base, "批准", "story-review-9-office-approves")
        assert "审核流程已全部完成，页面已发布" in message

        # Live at its pinyin URL, and found by the site's search.
        story.refresh_from_db()
        assert story.live
        assert story.url.endswith("/xunmei-shequ-aixin-chufang/")
        page.context.clear_cookies()
        response = page.goto(base + story.url)
        assert response.status == 200
        assert page.locator("h1").inner_text() == TITLE
        for name in chosen:
            assert page.get_by_role("link", name=name).count() >= 1
        screenshot(page, "story-review-10-public")
        page.goto(base + "/search/?q=爱心厨房")
        assert page.get_by_role("link", name=TITLE).count() >= 1
        screenshot(page, "story-review-11-search")
