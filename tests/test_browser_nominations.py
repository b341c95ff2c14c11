"""The nomination form, receipt, status look-up and 评议 in Debian's Chromium, phone and desktop."""

import datetime

import pytest
from django.utils import timezone

from nominations.models import Candidate, EndorsementRound, Nomination

from . import factories as f
from .browser import DESKTOP, PHONE, OffHostWatcher, chromium, screenshot
from .nominating import STORY, nomination_world, photo_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.NOMINATION_MIN_FILL_SECONDS = 0
    world = nomination_world()
    profile = f.ProfilePageFactory(parent=world.community_a, title="陈国栋", intro="三十年义务修车")
    profile.save_revision().publish()
    endorsement_round = EndorsementRound.objects.create(
        title="2026年度身边好人评议",
        status=EndorsementRound.Status.OPEN,
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    Candidate.objects.create(round=endorsement_round, profile=profile, description="三十年义务为街坊修车")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(photo_bytes(size=(640, 480)))
    return live_server.url, endorsement_round, photo


def check_layout(page, viewport, label):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= viewport["width"], (label, scroll_width)


def test_nominate_on_a_phone_and_a_desktop(site):
    base, endorsement_round, photo = site
    with chromium() as browser:
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page = browser.new_page(viewport=viewport)
            watcher = OffHostWatcher(page, base)
            errors = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            page.on(
                "console",
                lambda message, errors=errors: (
                    errors.append(message.text) if message.type == "error" else None
                ),
            )

            page.goto(base + "/nominate/")
            check_layout(page, viewport, label)
            # The honeypot is out of sight and out of the tab order.
            assert (
                not page.locator("#id_website").is_visible()
                or page.locator("#id_website").bounding_box()["x"] < 0
            )
            screenshot(page, f"nominate-form-{label}")

            # An empty post: a summary at the top and a message at each field, in Chinese.
            page.get_by_role("button", name="提交推荐").click()
            page.wait_for_load_state()
            assert page.locator(".form-errors").is_visible()
            assert "请填写被推荐人的姓名" in page.locator("#id_nominee_name-error").inner_text()
            check_layout(page, viewport, label)
            screenshot(page, f"nominate-errors-{label}")

            page.get_by_label("被推荐人姓名").fill("王秀英")
            page.get_by_label("所在社区").select_option(label="浔美社区")
            page.get_by_label("助人为乐").check()
            page.get_by_label("好人好事").fill(STORY)
            page.get_by_label("照片（可选）").set_input_files(str(photo))
            page.get_by_label("您的姓名").fill("陈明")
            page.get_by_label("您的手机号").fill("138 1234 5678")
            page.get_by_label("我已阅读隐私说明", exact=False).check()
            page.get_by_label("被推荐人知道此次推荐", exact=False).check()
            page.get_by_role("button", name="提交推荐").click()
            page.wait_for_url("**/nominate/thanks/")
            receipt = page.locator(".receipt__number").inner_text()
            check_layout(page, viewport, label)
            screenshot(page, f"nominate-receipt-{label}")

            page.goto(base + "/nominations/status/")
            page.get_by_label("回执编号").fill(receipt)
            page.get_by_label("手机号后四位").fill("5678")
            page.get_by_role("button", name="查询").click()
            page.wait_for_load_state()
            assert "已提交" in page.locator(".receipt").inner_text()
            screenshot(page, f"nominate-status-{label}")

            page.goto(f"{base}/nominations/pingyi/{endorsement_round.pk}/")
            page.get_by_role("button", name="支持 陈国栋").click()
            page.wait_for_load_state()
            assert "已支持 陈国栋" in page.locator(".notice").first.inner_text()
            check_layout(page, viewport, label)
            screenshot(page, f"pingyi-{label}")

            assert watcher.off_host == []
            assert errors == []
            page.close()
    assert Nomination.objects.count() == 2
    assert all(n.photos.count() == 1 for n in Nomination.objects.all())


def test_nomination_pages_pass_axe_in_normal_and_elder_mode(site):
    from .test_accessibility import AXE, WCAG_TAGS, require

    require(AXE)
    base, endorsement_round, _photo = site
    axe = AXE.read_text()
    failures = []
    with chromium() as browser:
        for mode in ("normal", "elder"):
            for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                context = browser.new_context(viewport=viewport, bypass_csp=True)
                if mode == "elder":
                    context.add_cookies([{"name": "elder", "value": "1", "url": base}])
                page = context.new_page()
                for name, path, submit in (
                    ("form", "/nominate/", False),
                    ("form-errors", "/nominate/", True),
                    ("status", "/nominations/status/", False),
                    ("status-error", "/nominations/status/", True),
                    ("rounds", "/nominations/pingyi/", False),
                    ("round", f"/nominations/pingyi/{endorsement_round.pk}/", False),
                ):
                    page.goto(base + path)
                    if submit:
                        page.locator("form.nomination-form button[type=submit]").click()
                        page.wait_for_load_state()
                    page.add_script_tag(content=axe)
                    result = page.evaluate(
                        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
                    )
                    for violation in result["violations"]:
                        targets = [node["target"] for node in violation["nodes"]][:3]
                        failures.append(
                            f"{name} ({mode}, {label}): {violation['id']}: {violation['help']} {targets}"
                        )
                    if page.evaluate("document.documentElement.scrollWidth") > viewport["width"]:
                        failures.append(f"{name} ({mode}, {label}): wider than the screen")
                context.close()
    assert failures == []
