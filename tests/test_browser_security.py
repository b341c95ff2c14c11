"""What a site administrator and a locked-out visitor see, in Chromium (screenshots for review)."""

import pytest
from django.test import override_settings

from .browser import DESKTOP, PHONE, chromium, screenshot
from .moderation import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_site_admin_sees_place_groups_only(live_server):
    world = build_world()
    editor = world.users["editor_a"]
    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        sign_in(page, live_server.url, "site_admin", PASSWORD)
        page.goto(f"{live_server.url}/admin/users/edit/{editor.pk}/#tab-roles")
        page.click("#tab-label-roles")
        offered = page.locator("#tab-roles input[name=groups]")
        labels = {
            page.locator(f"label[for='{offered.nth(i).get_attribute('id')}']").inner_text().strip()
            for i in range(offered.count())
        }
        assert {"浔美社区编辑", "华大街道审核"} <= labels, labels
        assert not labels & {"区委文明办", "站点管理员"}, labels
        assert page.locator("input[name=is_superuser]").count() == 0
        screenshot(page, "security-site-admin-user-roles")
        # Its own account and the office's are refused.
        page.goto(f"{live_server.url}/admin/users/edit/{world.users['office'].pk}/")
        assert page.url.rstrip("/").endswith("/admin")
        assert "对不起" in page.content() or "没有权限" in page.content()


@override_settings(AXES_ENABLED=True)
def test_lockout_page(live_server):
    build_world()
    with chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        for _ in range(5):
            sign_in(page, live_server.url, "editor_a", "wrong password")
        assert "登录已暂时锁定" in page.content()
        screenshot(page, "security-login-lockout-phone")
        sign_in(page, live_server.url, "editor_a", PASSWORD)
        assert "登录已暂时锁定" in page.content()
