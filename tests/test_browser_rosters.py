"""The roster import in the real admin, in Debian's Chromium, as the district office: upload a file
with a mistake, read the preview, upload the corrected file, confirm, and find the drafts waiting
for the street's review. Screenshots of each step are kept for review."""

import pytest
from wagtail.models import WorkflowState

from exhibits.models import ProfilePage

from .admin_text import VISIBLE_TEXT_JS, english_lines
from .browser import DESKTOP, chromium, screenshot
from .rosters import csv_bytes, district, office_workbook
from .test_browser_moderation import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# Data, not words: user names and the encodings a file is read in.
DATA_WORDS = ["office", "reviewer_a", "GB18030", "GBK", "UTF", "BOM", "Excel", "CSV", "localhost"]


def shot(page, name, english):
    """Keep a screenshot, and any English a member of staff would read on the screen."""
    page.wait_for_load_state("networkidle")
    if lines := english_lines(page.evaluate(VISIBLE_TEXT_JS), DATA_WORDS):
        english[name] = lines[:8]
    screenshot(page, name)


def test_the_office_imports_a_roster_through_the_admin(live_server, tmp_path):
    district()
    base = live_server.url
    wrong = tmp_path / "道德模范名单（有误）.csv"
    wrong.write_bytes(
        csv_bytes(
            [
                [
                    "陈国栋",
                    "城东街道",
                    "训美社区",
                    "丰泽区道德模范",
                    "区级",
                    "敬业奉献",
                    "2019",
                    "",
                    "三十年义务修车。",
                    "",
                ],
                ["李美玲", "城东街道", "浔美社区", "福建省道德模范", "省级", "孝老爱亲", "20210", "", "", ""],
            ]
        )
    )
    right = tmp_path / "2023年道德模范推荐名单.xlsx"
    right.write_bytes(office_workbook())

    english = {}
    with chromium() as browser:
        page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        log_in(page, base, "office")

        page.goto(base + "/admin/rosters/")
        shot(page, "rosters-1-index", english)
        page.get_by_role("link", name="导入名单").first.click()
        page.wait_for_url(base + "/admin/rosters/new/")
        assert page.get_by_role("link", name="下载模板（.xlsx）").is_visible()
        shot(page, "rosters-2-upload", english)

        # A file with mistakes: every problem next to its row and column, no way to confirm.
        page.get_by_label("名单文件").set_input_files(str(wrong))
        page.get_by_role("button", name="上传并预览").click()
        page.wait_for_url("**/admin/rosters/preview/*/")
        table = page.locator("table.roster-rows")
        assert "没有“训美社区”这个社区" in table.locator("tr", has_text="陈国栋").inner_text()
        assert "您是不是要找：“浔美社区”" in table.inner_text()
        assert "“20210”不是年份" in table.locator("tr", has_text="李美玲").inner_text()
        assert page.get_by_role("button", name="确认导入").count() == 0
        shot(page, "rosters-3-preview-with-errors", english)

        # The corrected workbook, uploaded again from the preview page.
        page.get_by_label("名单文件").set_input_files(str(right))
        # The preview of the new file has a preview URL too: wait for the load, not the URL.
        with page.expect_navigation(url="**/admin/rosters/preview/*/"):
            page.get_by_role("button", name="上传并预览").click()
        assert "工作表“道德模范”" in page.content()
        rows = page.locator("table.roster-rows tbody tr")
        assert rows.count() == 3
        assert "新建草稿档案" in rows.nth(0).inner_text()
        assert ProfilePage.objects.count() == 0
        shot(page, "rosters-4-preview", english)

        page.get_by_role("button", name="确认导入").click()
        page.wait_for_url("**/admin/rosters/inspect/*/")
        assert "已导入：新建草稿档案 3 份" in page.locator(".messages").inner_text()
        shot(page, "rosters-5-report", english)
        page.goto(base + "/admin/rosters/")
        shot(page, "rosters-6-index-after", english)
        page.get_by_role("link", name="导出荣誉名单").first.click()
        page.wait_for_url(base + "/admin/rosters/export/")
        shot(page, "rosters-7-export", english)
        log_out(page, base)

        # The drafts wait in the workflow for the street's reviewers.
        chen = ProfilePage.objects.get(title="陈国栋")
        assert not chen.live
        assert chen.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        log_in(page, base, "reviewer_a")
        page.goto(base + "/admin/")
        assert page.locator("tr", has_text="陈国栋").count() >= 1
        assert page.locator("tr", has_text="李美玲").count() >= 1
        shot(page, "rosters-8-street-review-dashboard", english)
        assert errors == []
    assert english == {}
