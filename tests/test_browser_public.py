"""The public site as residents see it, in Chromium at 390×844 and 1280×800, normal and elder mode.

Loading the demo costs half a minute, so one test walks every page type in both modes at both
widths with one server and one browser, collecting what fails: sideways scrolling, a header that
wraps or cuts, and in elder mode the MIIT rules (every visible text at least 20px, line spacing of
at least 1.3, paragraph spacing, 48px targets, 7:1 contrast with axe-core, the heading within the
first screen). Full-page screenshots land in tests/screenshots/public-<page>-<mode>-<width>.png
for review. Reading aloud and placards run on the small test site (tests/discovery_content.py).
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from exhibits.models import FamilyMottoHallPage, GoodPeopleWallPage, ProfilePage, StoryPage, VideoPage
from home.models import CommunityPage

from . import factories as f
from .browser import DESKTOP, PHONE, SCREENSHOTS, OffHostWatcher, chromium, screenshot
from .discovery_content import build_content, publish

# Transactional (the live server reads what the test wrote); serialized rollback restores the
# rows the migrations made (root page, home page, site, root collection) for each test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHECKS = (Path(__file__).parent / "public_checks.js").read_text()
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
MODES = ("normal", "elder")
PAGE_TYPES = [
    "home",
    "listing",
    "profile",
    "wall",
    "hall",
    "video",
    "story",
    "search",
    "nomination",
    "stats",
    "community",  # grids of one, two and many cards
]


def demo_urls():
    return {
        "home": "/",
        "listing": "/daode-mofan/",
        "profile": ProfilePage.objects.live().get(slug="li-meiji").url,
        "wall": GoodPeopleWallPage.objects.live().get(slug="haoren-qiang").url,
        "hall": FamilyMottoHallPage.objects.live().get(title="浔美社区家风家训馆").url,
        "video": VideoPage.objects.live().get(slug="zouguo-de-lu").url,
        "story": StoryPage.objects.live().get(slug="zhencheng-gongyi-tuandui").url,
        "search": "/search/?q=好人",
        "nomination": "/nominate/",
        "stats": "/stats/",
        "community": CommunityPage.objects.live().get(slug="xunmei").url,
    }


def new_context(browser, base_url, viewport, elder=False, bypass_csp=False):
    # Only axe-core needs the Content Security Policy bypassed (it is injected inline).
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=bypass_csp)
    if elder:
        context.add_cookies([{"name": "elder", "value": "1", "url": base_url}])
    return context


def test_every_page_type_at_both_widths_in_both_modes(live_server):
    call_command("load_demo", stdout=StringIO())
    urls = demo_urls()
    failures = []
    with chromium() as browser:
        for viewport in VIEWPORTS:
            for mode in MODES:
                failures += check_pages(browser, live_server.url, urls, viewport, mode)
        for mode in MODES:
            failures += check_phone_home(browser, live_server.url, mode)
    assert failures == [], "\n".join(failures)


def check_pages(browser, base_url, urls, viewport, mode):
    elder = mode == "elder"
    context = new_context(browser, base_url, viewport, elder, bypass_csp=elder)
    page = context.new_page()
    watcher = OffHostWatcher(page, base_url)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    failures = []
    where = f"{mode}, {viewport}"
    for name in PAGE_TYPES:
        response = page.goto(base_url + urls[name])
        if response.status != 200:
            failures.append(f"{name} ({where}): status {response.status}")
            continue
        # Load every lazy picture, so the broken-image check and the screenshot see them all.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
        page.wait_for_load_state("networkidle")
        failures += [f"{name} ({where}): {problem}" for problem in page.evaluate(CHECKS, elder)]
        broken = page.evaluate(
            "Array.from(document.images).filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
        )
        failures += [f"{name} ({where}): broken image {src}" for src in broken]
        if elder and viewport == "phone":
            # Content starts within the first screen, under a header that leaves room for it.
            heading = page.locator("main h1").first.bounding_box()
            if heading is None or heading["y"] + heading["height"] > PHONE["height"]:
                failures.append(f"{name} ({where}): the page's heading is not on the first screen")
        if elder:
            failures += [f"{name} ({where}): {problem}" for problem in aaa_contrast(page)]
        screenshot(page, f"public-{name}-{mode}-{viewport}")
    if viewport == "phone":
        # The menu opens without script and reads at full size, one wide link per row.
        page.goto(base_url + "/")
        page.locator(".site-menu > summary").click()
        links = page.locator(".site-menu__panel a")
        if links.count() < 7 or not links.first.is_visible():
            failures.append(f"menu ({where}): {links.count()} links, shown: {links.first.is_visible()}")
        failures += [f"menu ({where}): {problem}" for problem in page.evaluate(CHECKS, elder)]
        narrow = [
            i for i in range(links.count()) if links.nth(i).bounding_box()["width"] < PHONE["width"] * 0.8
        ]
        if narrow:
            failures.append(f"menu ({where}): links {narrow} narrower than the screen")
        screenshot(page, f"public-menu-{mode}-{viewport}")
    context.close()
    failures += [f"{where}: request to another host: {url}" for url in watcher.off_host]
    failures += [f"{where}: script error: {error}" for error in errors]
    return failures


def aaa_contrast(page):
    """axe-core's enhanced contrast rule (WCAG 1.4.6, 7:1) on the page as shown."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: `make test` installs it with `npm ci`")
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast-enhanced']}})"
    )
    return [
        f"contrast below 7:1 at {node['target']}: {node['any'][0]['message'] if node['any'] else ''}"
        for violation in result["violations"]
        for node in violation["nodes"][:5]
    ]


def check_phone_home(browser, base_url, mode):
    """The first screen of the home page on a phone: people, the way to nominate, the switches."""
    context = new_context(browser, base_url, "phone", elder=mode == "elder")
    page = context.new_page()
    page.goto(base_url + "/")
    page.wait_for_load_state("networkidle")
    failures = []

    def on_first_screen(label, locator):
        box = locator.bounding_box() if locator.count() else None
        if box is None or box["y"] < 0 or box["y"] + box["height"] > PHONE["height"]:
            failures.append(f"phone home ({mode}): {label} not on the first screen ({box})")

    nominate = page.locator("main a.button--nominate")
    on_first_screen("我推荐身边好人", nominate)
    if nominate.count() and "我推荐身边好人" not in nominate.inner_text():
        failures.append(f"phone home ({mode}): the nomination button says {nominate.inner_text()!r}")
    on_first_screen("the elder-mode switch", page.locator(".site-header a.elder-toggle"))
    on_first_screen("the menu button", page.locator(".site-menu > summary"))
    # At least one person, with a picture (portrait or name seal) and an honour, fully on screen.
    person = page.locator(".home-people .person-card").first
    on_first_screen("a person", person)
    on_first_screen("a portrait", person.locator(".person-card__portrait"))
    honour = person.locator(".person-card__honour")
    if not honour.count() or not re.search(r"(模范|好人|志愿者)", honour.inner_text()):
        failures.append(f"phone home ({mode}): the first person shows no honour")
    # Only the first screen, as a resident sees it before scrolling.
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"public-home-first-screen-{mode}.png"))
    context.close()
    return failures


@pytest.fixture
def small_site(home_page):
    """The small test site, with pictures, and a page of each kind the tests below open."""
    content = build_content(home_page)
    image = f.SiteImageFactory(file__width=1600, file__height=1200)
    pages = content.pages
    for key, field in (("roll", "cover_image"), ("hall", "cover_image"), ("chen", "portrait")):
        page = type(pages[key]).objects.get(pk=pages[key].pk)
        setattr(page, field, image)
        pages[key] = publish(page)
    nomination = f.NominationPageFactory(parent=home_page)
    return content, nomination


STUB_SPEECH = """
(voiceLang) => {
    window.__spoken = [];
    window.__synth = {paused: false, cancelled: 0, pending: null};
    class FakeUtterance {
        constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; }
    }
    const finish = (u) => { window.__synth.pending = null; if (u.onend) u.onend({}); };
    const synth = {
        speaking: false,
        get paused() { return window.__synth.paused; },
        getVoices: () => [{name: "测试语音", lang: voiceLang, default: true, localService: true, voiceURI: "test"}],
        speak(u) {
            window.__spoken.push({text: u.text, lang: u.lang});
            this.speaking = true;
            window.__synth.pending = u;
            setTimeout(() => { if (u.onstart) u.onstart({}); if (window.__autoEnd) setTimeout(() => finish(u), 5); }, 5);
        },
        cancel() { window.__synth.cancelled += 1; window.__synth.pending = null; this.speaking = false; },
        pause() { window.__synth.paused = true; },
        resume() { window.__synth.paused = false; },
        addEventListener() {},
    };
    window.__finishCurrent = () => window.__synth.pending && finish(window.__synth.pending);
    Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
    Object.defineProperty(window, "SpeechSynthesisUtterance", {value: FakeUtterance, configurable: true});
}
"""


def test_read_aloud_reads_the_page_in_mandarin_with_pause_and_stop(live_server, small_site):
    content, nomination = small_site
    profile = content.pages["chen"]
    with chromium() as browser:
        context = new_context(browser, live_server.url, "phone", elder=True)
        context.add_init_script(f"({STUB_SPEECH})('zh-CN')")
        page = context.new_page()
        watcher = OffHostWatcher(page, live_server.url)
        page.goto(live_server.url + profile.url)
        control = page.locator(".read-aloud")
        assert control.is_visible()
        toggle = control.locator("[data-read-aloud-toggle]")
        box = toggle.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48  # large in elder mode

        toggle.click()
        page.wait_for_function("() => window.__spoken.length === 1")
        first = page.evaluate("window.__spoken[0]")
        assert first["lang"] == "zh-CN"
        assert first["text"] in page.locator("main .page-header").inner_text()
        # The sentence being read is marked (a CSS highlight in Chromium, and its paragraph).
        page.wait_for_function(
            "() => CSS.highlights.has('read-aloud') && document.querySelector('.is-being-read')"
        )
        assert toggle.inner_text().strip() == "暂停"
        screenshot(page, "public-read-aloud-elder-phone")

        page.evaluate("window.__finishCurrent()")
        page.wait_for_function("() => window.__spoken.length === 2")
        toggle.click()
        assert page.evaluate("window.__synth.paused") is True
        assert toggle.inner_text().strip() == "继续朗读"
        toggle.click()
        assert page.evaluate("window.__synth.paused") is False
        control.locator("[data-read-aloud-stop]").click()
        assert page.evaluate("window.__synth.cancelled") >= 1
        assert toggle.inner_text().strip() == "朗读本页"
        assert page.evaluate("CSS.highlights.has('read-aloud')") is False

        # Read to the end: every sentence of the page's main text, in order, in Mandarin.
        page.evaluate("window.__spoken = []; window.__autoEnd = true")
        toggle.click()
        page.wait_for_function("() => document.querySelector('.read-aloud').dataset.state === 'idle'")
        spoken = page.evaluate("window.__spoken")
        assert {item["lang"] for item in spoken} == {"zh-CN"}
        text = "".join(item["text"] for item in spoken)
        main_text = re.sub(r"\s+", "", page.locator("main .exhibit").inner_text())
        positions = [main_text.find(re.sub(r"\s+", "", item["text"])) for item in spoken]
        assert -1 not in positions and positions == sorted(positions)
        for expected in (profile.title, profile.intro, "退休教师，孝老爱亲的好儿媳。", "荣誉"):
            assert expected in text
        assert "朗读本页" not in text
        assert watcher.off_host == []
        context.close()

        # The nomination form's help is read too.
        context = new_context(browser, live_server.url, "desktop")
        context.add_init_script(f"({STUB_SPEECH})('zh-CN')")
        page = context.new_page()
        page.goto(live_server.url + nomination.url)
        page.evaluate("window.__autoEnd = true")
        page.locator("[data-read-aloud-toggle]").click()
        page.wait_for_function("() => document.querySelector('.read-aloud').dataset.state === 'idle'")
        text = "".join(item["text"] for item in page.evaluate("window.__spoken"))
        assert nomination.title in text and "隐私说明" in text and "不会公开" in text
        context.close()

        # Without a Chinese voice, or without speech synthesis, the control stays hidden.
        for stub in (
            f"({STUB_SPEECH})('en-US')",
            "Object.defineProperty(window, 'speechSynthesis', {value: undefined})",
        ):
            context = new_context(browser, live_server.url, "desktop")
            context.add_init_script(stub)
            page = context.new_page()
            page.goto(live_server.url + content.pages["story"].url)
            page.wait_for_load_state("load")
            assert page.locator(".read-aloud").count() == 1
            assert not page.locator(".read-aloud").is_visible()
            context.close()


def test_placards_print_on_one_sheet_that_they_fill(live_server, small_site):
    content, _ = small_site
    pages = content.pages
    placards = {
        "placard-a4": (pages["roll"], "a4"),
        "placard-a5": (pages["hall"], "a5"),
        "placard-person-a4": (pages["chen"], "a4"),
        "placard-no-picture-a5": (pages["lin"], "a5"),
    }
    with chromium() as browser:
        context = browser.new_context(viewport=DESKTOP)
        for name, (exhibit, size) in placards.items():
            page = context.new_page()
            page.goto(f"{live_server.url}/q/{exhibit.pk}/placard/?size={size}")
            page.wait_for_load_state("networkidle")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            SCREENSHOTS.mkdir(exist_ok=True)
            (SCREENSHOTS / f"public-{name}.pdf").write_bytes(pdf)
            sheets = re.findall(rb"/Type\s*/Page\b", pdf)
            assert len(sheets) == 1, f"{name} prints on {len(sheets)} sheets"
            box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
            expected = {"a4": (595, 842), "a5": (420, 595)}[size]
            assert (round(float(box.group(1))), round(float(box.group(2)))) == expected, name

            # On paper: title, place, picture, introduction, QR code and site name, top to bottom.
            page.emulate_media(media="print")
            sheet = page.locator("main.placard").bounding_box()
            for part in (
                ".placard__title",
                ".placard__place",
                ".placard__picture",
                ".placard__intro",
                ".placard__qr",
                ".placard__site",
            ):
                assert page.locator(part).is_visible(), (name, part)
            if exhibit.pk != pages["lin"].pk:
                assert page.locator(".placard__picture img").evaluate("i => i.complete && i.naturalWidth > 0")
            else:
                assert page.locator(".placard__picture .name-seal").is_visible()
            scan = page.locator(".placard__scan").bounding_box()
            assert scan["y"] + scan["height"] >= sheet["y"] + sheet["height"] * 0.9, name  # filled
            assert page.locator(".placard__picture").bounding_box()["height"] >= sheet["height"] * 0.25
            qr = page.locator(".placard__qr").bounding_box()
            assert qr["width"] >= sheet["width"] * 0.3, name  # large enough to scan from a step away
            screenshot(page, f"public-{name}-print")
            page.close()
        context.close()
