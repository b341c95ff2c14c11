"""Warm start: load at start-up what the first request would otherwise pay for.

Called by `cms.wsgi` once the application is built, so both `runserver` (which builds its
handler before it listens) and gunicorn pay it before serving; with `gunicorn --preload` the
master process pays it once and every worker inherits the result. What it loads:

- the URL configuration, which imports every view module and what they import;
- jieba's dictionary (its prefix dictionary is built or read from jieba's cache file) with the
  site's own words (places, honour titles, people, tags: a few queries);
- every public template, compiled by the cached template loader;
- the home page, a search, the pages of the main menu and one page of each exhibit kind, each
  rendered once through the application itself (no network): this fills the per-process caches
  (content types, site settings, the site's root) and runs every kind's code once.

Set `DJANGO_WARM_UP=0` to skip it (bench/first_request.py compares the two).
"""

import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import get_resolver
from wagtail.models import Site

from core.kinds import exhibit_models
from core.search.segmenting import tokenizer

logger = logging.getLogger(__name__)

# Template folders of the public site; the admin's own templates load with the admin.
PUBLIC_TEMPLATE_APPS = ("home", "exhibits", "discovery", "nominations", "videos", "core")


def enabled():
    return os.environ.get("DJANGO_WARM_UP", "1").strip().lower() not in {"0", "false", "no", "off"}


def public_templates():
    """Names of the site's own public templates (base, pages, includes, blocks)."""
    roots = [Path(directory) for engine in settings.TEMPLATES for directory in engine.get("DIRS", [])]
    base = Path(settings.BASE_DIR)
    roots += [base / app / "templates" for app in PUBLIC_TEMPLATE_APPS]
    names = []
    for root in roots:
        for path in sorted(root.rglob("*.html")):
            name = path.relative_to(root).as_posix()
            if "/admin/" in f"/{name}" or name.startswith(("wagtailmedia/", "wagtailadmin/")):
                continue
            names.append(name)
    return names


def warm_up(application):
    """Do the loading now; returns {step: seconds}. Never stops the server from starting."""
    timings = {}
    steps = [
        ("urls", lambda: get_resolver().url_patterns),
        ("jieba", tokenizer),
        ("templates", lambda: [_compile(name) for name in public_templates()]),
        ("pages", lambda: _render_pages(application)),
    ]
    for name, step in steps:
        start = time.perf_counter()
        try:
            step()
        except DatabaseError as error:  # e.g. started before `migrate`: the first search pays
            logger.warning("warm-up step %s skipped: %s", name, error)
        timings[name] = round(time.perf_counter() - start, 3)
    # Workers forked after a preload must not share the master's database connections.
    connections.close_all()
    logger.info("warm-up done: %s", ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))
    return timings


def _render_pages(application):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    paths = ["/", "/search/?q=好人"]
    paths += [page.url for page in site.root_page.get_children().live().in_menu() if page.url]
    for model in exhibit_models():
        page = model.objects.live().public().descendant_of(site.root_page).first()
        if page and page.url:
            paths.append(page.url)
    host = _allowed_host()
    if host is None:
        return
    secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    factory = RequestFactory(HTTP_HOST=host, **({"wsgi.url_scheme": "https"} if secure else {}))
    for path in paths:
        environ = factory.get(path, secure=secure).environ
        response = application(environ, lambda status, headers, exc_info=None: None)
        for _ in response:  # render streamed bodies too
            pass
        response.close()


def _allowed_host():
    """A host name the site answers to, for the rendering above (no request leaves the process)."""
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith(".") and not host.startswith("["):
            return host
    return "localhost" if settings.DEBUG or "*" in settings.ALLOWED_HOSTS else None


def _compile(name):
    try:
        get_template(name)
    except (TemplateDoesNotExist, TemplateSyntaxError) as error:
        logger.warning("warm-up could not compile %s: %s", name, error)
