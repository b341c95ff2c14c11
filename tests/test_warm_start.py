"""Warm start (cms/warmup.py): what the first request would pay for is loaded before serving."""

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connections
from django.template import engines

from cms import warmup
from core.search import segmenting

from .discovery_content import build_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_dictionary(monkeypatch):
    monkeypatch.setattr(segmenting, "_dictionary", segmenting._Dictionary())
    return segmenting._dictionary


@pytest.fixture
def keep_test_connection(monkeypatch):
    """The warm-up's requests and its last step close database connections, as they should at
    start-up; here they would close the test's transaction (as Django's test client avoids too)."""
    monkeypatch.setattr(connections, "close_all", lambda: None)
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_warm_up_loads_dictionaries_templates_and_renders_pages(
    home_page, fresh_dictionary, keep_test_connection
):
    build_content(home_page)
    rendered = []
    application = WSGIHandler()

    def recording_application(environ, start_response):
        rendered.append(environ["PATH_INFO"])
        response = application(environ, start_response)
        assert response.status_code == 200, environ["PATH_INFO"]
        return response

    timings = warmup.warm_up(recording_application)
    assert set(timings) == {"urls", "jieba", "templates", "pages"}
    assert fresh_dictionary.tokenizer is not None
    assert "浔美社区" in fresh_dictionary.words  # the site's own words are in the dictionary
    assert rendered[:2] == ["/", "/search/"]
    assert len(rendered) >= 2 + 5  # the listings of the menu and a page of each kind
    loader = engines["django"].engine.template_loaders[0]
    cached = getattr(loader, "get_template_cache", {})
    assert "base.html" in cached and "core/includes/card.html" in cached


def test_public_templates_leave_the_admin_out():
    names = warmup.public_templates()
    assert "base.html" in names and "discovery/includes/read_aloud.html" in names
    assert not [name for name in names if "/admin/" in f"/{name}"]


@pytest.mark.parametrize(("value", "on"), [("1", True), ("", True), ("0", False), ("off", False)])
def test_it_can_be_turned_off(monkeypatch, value, on):
    monkeypatch.setenv("DJANGO_WARM_UP", value)
    assert warmup.enabled() is on
