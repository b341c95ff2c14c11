"""The real admin in Debian's Chromium: an editor submits, the street and the office approve,
and the page appears on the public site. Screenshots of each step are kept for review."""

import pytest

from exhibits.models import ProfilePage

from . import factories as f
from .browser import DESKTOP, chromium, screenshot
from .moderation import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")


def log_out(page, base_url):
    page.context.clear_cookies()


def approve_from_dashboard(page, base_url, title, shot):
    page.goto(base_url + "/admin/")
    row = page.locator("tr", has_text=title)
    row.locator(".w-dropdown__toggle").first.click()
    screenshot(page, shot)
    # The action ends by loading /admin/ again, the URL it started from: wait for that load.
    with page.expect_navigation(url=base_url + "/admin/"):
        row.locator("button[data-workflow-action-url]", has_text="批准").first.click()
    page.wait_for_load_state("networkidle")


def test_editor_submits_street_and_office_approve_public_sees_it(live_server):
    world = build_world()
    draft = f.ProfilePageFactory(
        parent=world.community_a,
        title="许惠珍",
        slug="xu-huizhen",
        intro="三十年照顾瘫痪婆婆",
        summary="许惠珍，退休教师，三十年如一日照顾瘫痪在床的婆婆。",
        live=False,
        owner=world.users["editor_a"],
    )
    draft.save_revision(user=world.users["editor_a"])
    base = live_server.url

    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)

        # The community editor logs in through the form and submits the draft.
        log_in(page, base, "editor_a")
        screenshot(page, "moderation-1-editor-dashboard")
        page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
        page.locator("footer .w-dropdown__toggle").click()
        page.get_by_role("button", name="提交").click()
        page.wait_for_url(f"{base}/admin/pages/{world.community_a.pk}/")
        screenshot(page, "moderation-2-submitted")
        log_out(page, base)
        assert page.goto(base + draft.url).status == 404

        # The street's reviewer approves from the dashboard.
        log_in(page, base, "reviewer_a")
        approve_from_dashboard(page, base, "许惠珍", "moderation-3-street-review")
        log_out(page, base)
        assert not ProfilePage.objects.get(pk=draft.pk).live

        # The district office gives the final approval.
        log_in(page, base, "office")
        approve_from_dashboard(page, base, "许惠珍", "moderation-4-office-review")
        log_out(page, base)

        # The public sees it.
        response = page.goto(base + ProfilePage.objects.get(pk=draft.pk).url)
        assert response.status == 200
        assert page.locator("h1").inner_text() == "许惠珍"
        assert "三十年如一日照顾瘫痪在床的婆婆" in page.content()
        screenshot(page, "moderation-5-public")
