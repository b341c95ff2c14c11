"""Driving Debian's Chromium with Playwright: the launch options every browser test shares."""

import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made meanwhile by
# fixtures in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def require_chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class OffHostWatcher:
    """Records every request the page makes to a host other than the site under test."""

    def __init__(self, page, base_url):
        self.host = urlsplit(base_url).netloc
        self.off_host = []
        page.on("request", self.record)

    def record(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https"} and parts.netloc != self.host:
            self.off_host.append(request.url)


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
