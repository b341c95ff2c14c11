"""A demo film in Debian's Chromium: metadata loads, seeking works, the caption cue shows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test.testcases import _MediaFilesHandler

from exhibits.models import VideoPage

from .browser import DESKTOP, PHONE, OffHostWatcher, chromium, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIDEO = "document.querySelector('video.video__player')"
SEEK_TO_MIDDLE = f"""() => new Promise((resolve, reject) => {{
    const video = {VIDEO};
    video.addEventListener('seeked', () => resolve(video.currentTime), {{once: true}});
    video.addEventListener('error', () => reject(new Error('media error ' + video.error.code)), {{once: true}});
    video.currentTime = video.duration / 2;
}})"""
ACTIVE_CUE = f"""() => {{
    const track = {VIDEO}.textTracks[0];
    return track && track.mode === 'showing' && track.activeCues && track.activeCues.length > 0;
}}"""


@pytest.fixture
def demo_site(live_server, monkeypatch):
    # Django's live server answers MEDIA_URL itself with django.views.static.serve, which ignores
    # Range: Chromium then cannot seek (currentTime falls back to 0). Hand /media/ to the site's
    # own URLconf instead, i.e. videos.views.serve_media, as `make run` serves it.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda handler, path: False)
    call_command("load_demo", stdout=StringIO())
    return live_server.url


def test_the_demo_film_loads_seeks_and_shows_a_caption(demo_site):
    film = VideoPage.objects.get(slug="zouguo-de-lu")
    with chromium() as browser:
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_page(viewport=viewport)
            watcher = OffHostWatcher(page, demo_site)
            errors = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            responses = []
            page.on("response", lambda response, seen=responses: seen.append(response))

            assert page.goto(demo_site + film.url).status == 200
            page.wait_for_function(f"{VIDEO}.readyState >= 1", timeout=15_000)
            duration = page.evaluate(f"{VIDEO}.duration")
            assert duration > 0
            assert duration == pytest.approx(film.video.duration, abs=0.3)
            assert page.evaluate(f"{VIDEO}.videoWidth") == 320

            position = page.evaluate(SEEK_TO_MIDDLE)
            assert position == pytest.approx(duration / 2, abs=0.5)
            page.wait_for_function(f"{VIDEO}.readyState >= 2", timeout=15_000)  # a frame decoded
            page.wait_for_function(ACTIVE_CUE, timeout=15_000)
            cue = page.evaluate(f"{VIDEO}.textTracks[0].activeCues[0].text")
            assert cue == "回望丰泽一路走来的足迹"
            assert page.evaluate(f"{VIDEO}.textTracks[0].language") == "zh-Hans"

            # The browser fetched the film by ranges and the captions from this host.
            media = [r for r in responses if "/media/media/" in r.url]
            assert media and all(r.status in (200, 206) for r in media)
            assert any(r.status == 206 for r in media)
            assert any("/videos/captions/" in r.url and r.status == 200 for r in responses)

            page.locator(".transcript summary").click()
            assert page.locator(".transcript__text").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            assert page.locator(".episodes__item").count() == 3
            screenshot(page, f"video-{label}")
            assert watcher.off_host == []
            assert errors == []
            page.close()
