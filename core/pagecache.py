"""Whole public pages kept in the cache for anonymous visitors, served without touching the database.

`PageCacheMiddleware` sits near the top of `MIDDLEWARE` (after security and static files). For a
GET or HEAD with no session cookie, outside `PAGE_CACHE_EXCLUDED_PATHS`, it looks the page up by
host, path with query string and the values of the cookies in `PAGE_CACHE_VARY_COOKIES` (elder
mode), and nothing else of the request: two readers in the same mode share one copy whatever
other cookies they carry. A found page is answered at once, with a 304 when the browser already has
it (`ETag`); otherwise the page is rendered and kept, unless

- the visitor may be logged in (a session cookie: editors, previews, passed password prompts),
- the page used a CSRF token (the nomination form, 评议) or sets a cookie,
- the response says `private`, `no-cache` or `no-store`, varies on `*`, streams, or is not a 200.

Entries are stored under the content generation (`core.generation`), so any publish, unpublish,
move, deletion or change of a snippet, setting or image makes every page render afresh on its next
request. Browsers get `Cache-Control: max-age=0, must-revalidate` and an `ETag` (so they ask each
time and usually get a 304); shared caches in front (Varnish, see README) may keep pages for
`PAGE_CACHE_SHARED_MAX_AGE` seconds and are purged page by page through
`wagtail.contrib.frontend_cache`.

The middleware also pins the generation for the request and finds the Wagtail site from memory
(`Site.find_for_request` would otherwise ask the database on every request).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from wagtail.models import Site

from . import generation

KEY_PREFIX = "core:page:"
HIT_HEADER = "X-Page-Cache"
# Response headers a cached copy keeps (the outer middleware adds HSTS and the like each time).
SKIPPED_HEADERS = {"set-cookie", "date", "content-length"}


def _setting(name, default):
    return getattr(settings, name, default)


def enabled():
    return _setting("PAGE_CACHE_SECONDS", 0) > 0


def find_site(request):
    """The Wagtail site for this request's host, from memory for the current generation."""
    host, port = request.get_host(), request.get_port()
    return generation.memoized(("core:site", host, port), lambda: Site._find_for_request(request))


def site_root_paths():
    """Every site's root paths, which Wagtail reads from the shared cache for each request that
    links to a page (and for each page, where no request is given): from memory for the current
    generation."""
    return generation.memoized("core:site-root-paths", Site.get_site_root_paths)


def remember_sites(request):
    """The request's site and the sites' root paths, where Wagtail looks for them on the request."""
    request._wagtail_site = find_site(request)
    request._wagtail_cached_site_root_paths = site_root_paths()


def is_excluded(request):
    return request.path.startswith(tuple(_setting("PAGE_CACHE_EXCLUDED_PATHS", ())))


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD") or "HTTP_RANGE" in request.META:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not is_excluded(request)


def cache_key(request):
    varying = "&".join(
        f"{name}={request.COOKIES.get(name, '')}" for name in _setting("PAGE_CACHE_VARY_COOKIES", ())
    )
    raw = f"{request.get_host()}\n{request.get_full_path()}\n{varying}"
    return KEY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "csrf_cookie_needs_reset", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-cache", "no-store")):
        return False
    if "*" in response.get("Vary", ""):
        return False
    return len(response.content) <= _setting("PAGE_CACHE_MAX_BYTES", 2 * 1024 * 1024)


def mark_private(response):
    """Pages that may belong to one visitor are never kept by browsers or shared caches."""
    kind = response.get("Content-Type", "")
    if not response.has_header("Cache-Control") and kind.startswith(("text/html", "application/json")):
        patch_cache_control(response, private=True, no_cache=True)
    return response


def etag_for(content):
    return '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'


def mark_public(response, etag):
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        must_revalidate=True,
        s_maxage=_setting("PAGE_CACHE_SHARED_MAX_AGE", 600),
    )


def not_modified(request, etag, headers=()):
    wanted = request.META.get("HTTP_IF_NONE_MATCH")
    if not wanted or (etag not in parse_etags(wanted) and wanted.strip() != "*"):
        return None
    response = HttpResponseNotModified()
    for name, value in headers:
        if name.lower() in ("cache-control", "vary", "etag", "content-location", "expires"):
            response[name] = value
    response["ETag"] = etag
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and is_cacheable_request(request)):
            with generation.pinned():
                # Outside the public site (the admin, the health check) Wagtail finds the site
                # itself if it needs one: a health check must not fail here on the database.
                if not is_excluded(request):
                    remember_sites(request)
                return mark_private(self.get_response(request))

        key = cache_key(request)
        found = cache.get_many([generation.GENERATION_KEY, key])
        current = found.get(generation.GENERATION_KEY)
        entry = found.get(key)
        if current is not None and entry is not None and entry[0] == current:
            return self.from_entry(request, entry)

        with generation.pinned() as pinned_generation:
            remember_sites(request)
            response = self.get_response(request)
            if is_storable(request, response):
                etag = etag_for(response.content)
                mark_public(response, etag)
                headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
                entry = (pinned_generation, response.status_code, headers, response.content, etag)
                cache.set(key, entry, _setting("PAGE_CACHE_SECONDS", 0))
                response[HIT_HEADER] = "miss"
                return not_modified(request, etag, response.items()) or response
            return mark_private(response)

    def from_entry(self, request, entry):
        _generation, status, headers, content, etag = entry
        unchanged = not_modified(request, etag, headers)
        if unchanged is not None:
            unchanged[HIT_HEADER] = "hit"
            return unchanged
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response
