"""Every public page type passes axe-core (WCAG 2.1 A/AA, and AAA contrast in elder mode) and the
Nu Html Checker.

Both run on the same pages, in normal and in elder mode: axe-core inside Debian's Chromium at a
phone's and a desktop's width (browser test), the Nu Html Checker (vnu.jar, on Java) on the HTML
the test client gets, all files in one run. `make test` installs both from package-lock.json.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from . import factories as f
from .browser import DESKTOP, PHONE, chromium, screenshot
from .discovery_content import build_content, publish

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Pages whose screenshots are kept in tests/screenshots/ for review.
SCREENSHOTS = {"search", "no-results", "stats", "placard", "profile"}


def require(path):
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: `make test` installs it with `npm ci`")


def build_site(home):
    """One page of every public type, with pictures, and the URL of each."""
    content = build_content(home)
    # Large enough that every rendition width in a srcset is a different one.
    image = f.SiteImageFactory(file__width=1600, file__height=1200)
    pages = content.pages
    for key, field in (
        ("chen", "portrait"),
        ("roll", "cover_image"),
        ("hall", "cover_image"),
        ("video", "poster"),
    ):
        page = type(pages[key]).objects.get(pk=pages[key].pk)
        setattr(page, field, image)
        pages[key] = publish(page)
    community = content.communities["xunmei"]
    community.cover_image = image
    community.address = "丰泽区城东街道浔美社区"
    community.phone = "0595-22222222"
    publish(community)
    point = publish(f.PracticePointPageFactory(parent=community, title="美仙山小区实践点"))
    publish(f.StoryPageFactory(parent=point, title="小区里的好邻居"))
    return {
        "home": "/",
        "centre": content.centre.url,
        "street": content.streets["chengdong"].url,
        "community": community.url,
        "point": point.url,
        "profile": pages["chen"].url,
        "wall": pages["roll"].url,
        "hall": pages["hall"].url,
        "story": pages["story"].url,
        "video": pages["video"].url,
        **{f"{key}-listing": listing.url for key, listing in content.listings.items()},
        "profile-listing-filtered": content.listings["profile"].url + "?level=provincial",
        "search": "/search/?q=浔美",
        "search-kind": "/search/?q=社区&kind=profile",
        "no-results": "/search/?q=没有这个词",
        "stats": "/stats/",
        "placard": f"/q/{pages['roll'].pk}/placard/?size=a4",
        "placard-a5": f"/q/{pages['hall'].pk}/placard/?size=a5",
        "not-found": "/no/such/page/",
    }


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, home_page, tmp_path):
    require(VNU)
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "java is missing: the Nu Html Checker needs a Java runtime (Debian: default-jre-headless)"
        )
    urls = build_site(home_page)
    files = []
    for mode in ("normal", "elder"):
        client.cookies["elder"] = "1" if mode == "elder" else "0"
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == (404 if name == "not-found" else 200), url
            path = tmp_path / f"{name}-{mode}.html"
            path.write_bytes(response.content)
            files.append(path)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error" or message.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(sorted({error.split(": ", 1)[1][:200] for error in errors}))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_axe_finds_no_wcag_violations(live_server, home_page):
    require(AXE)
    urls = build_site(home_page)
    axe = AXE.read_text()
    failures = []
    with chromium() as browser:
        for mode in ("normal", "elder"):
            for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                # The site's Content Security Policy forbids injected scripts; only the test bypasses it.
                context = browser.new_context(viewport=viewport, bypass_csp=True)
                if mode == "elder":
                    context.add_cookies([{"name": "elder", "value": "1", "url": live_server.url}])
                page = context.new_page()
                for name, url in urls.items():
                    page.goto(live_server.url + url)
                    page.add_script_tag(content=axe)
                    # Elder mode promises more: contrast of at least 7:1 (WCAG 1.4.6, AAA).
                    result = page.evaluate(
                        """([tags, elder]) => axe.run(document, {
                            runOnly: {type: 'tag', values: tags},
                            rules: {'color-contrast-enhanced': {enabled: elder}},
                        })""",
                        [WCAG_TAGS, mode == "elder"],
                    )
                    for violation in result["violations"]:
                        targets = [node["target"] for node in violation["nodes"]][:3]
                        failures.append(
                            f"{name} ({mode}, {label}): {violation['id']}: {violation['help']} {targets}"
                        )
                    if name in SCREENSHOTS:
                        screenshot(page, f"discovery-{name}-{mode}-{label}")
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    if scroll_width > viewport["width"]:
                        failures.append(
                            f"{name} ({mode}, {label}): {scroll_width}px wide, wider than the screen"
                        )
                context.close()
    assert failures == []
