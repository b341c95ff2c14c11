"""The demo site in Debian's Chromium at phone and desktop widths; screenshots kept for review."""

from io import StringIO

import pytest
from django.core.management import call_command

from exhibits.models import ProfilePage

from .browser import DESKTOP, PHONE, OffHostWatcher, chromium, screenshot

# Transactional (the live server reads what the test wrote); serialized rollback restores the
# rows the migrations made (root page, home page, site, root collection) for each test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", stdout=StringIO())
    return live_server.url


def test_home_listing_and_profile_on_phone_and_desktop(demo_site):
    profile = ProfilePage.objects.get(honours__title__name="福建省道德模范")
    pages = {
        "home": "/",
        "listing-filtered": "/daode-mofan/?level=provincial&category=helping",
        "profile": profile.url,
    }
    with chromium() as browser:
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page = browser.new_page(viewport=viewport)
            watcher = OffHostWatcher(page, demo_site)
            errors = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            for name, path in pages.items():
                response = page.goto(demo_site + path)
                assert response.status == 200, path
                page.wait_for_load_state("networkidle")
                # Nothing wider than the screen: no sideways scrolling on a phone.
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                assert scroll_width <= viewport["width"], (name, label, scroll_width)
                # Every image the page shows actually loaded.
                broken = page.evaluate(
                    "Array.from(document.images).filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
                )
                assert broken == [], (name, label, broken)
                screenshot(page, f"{name}-{label}")
            assert watcher.off_host == []
            assert errors == []

            # The filtered listing shows exactly what its counts promise.
            page.goto(demo_site + pages["listing-filtered"])
            count_text = page.locator(".results-bar__count strong").inner_text()
            assert int(count_text) == page.locator(".card").count() > 0
            page.goto(demo_site + pages["profile"])
            assert page.locator("h1").inner_text() == profile.title
            assert page.locator(".honour").count() == profile.honours.count()
            page.close()


def test_filters_fold_away_on_a_phone_and_stay_open_on_a_desktop(demo_site):
    with chromium() as browser:
        phone = browser.new_page(viewport=PHONE)
        phone.goto(demo_site + "/daode-mofan/")
        assert not phone.locator(".facet").first.is_visible()
        phone.locator(".filters > summary").click()
        assert phone.locator(".facet").first.is_visible()
        phone.get_by_role("link", name="省级").first.click()
        phone.wait_for_url("**level=provincial**")
        assert phone.locator(".chip", has_text="荣誉级别：省级").is_visible()

        desktop = browser.new_page(viewport=DESKTOP)
        desktop.goto(demo_site + "/daode-mofan/")
        assert desktop.locator(".facet").first.is_visible()
