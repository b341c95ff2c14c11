"""Elder mode (长辈模式): larger text, larger targets, higher contrast, chosen with a cookie.

The cookie holds "1" and nothing else. Every response says `Vary: Cookie`, so no cache between
the site and a reader (nginx, a CDN, the browser) hands one reader's mode to another.
"""

from django.utils.cache import patch_vary_headers

ELDER_COOKIE = "elder"
ELDER_COOKIE_AGE = 60 * 60 * 24 * 365


class ElderModeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.elder_mode = request.COOKIES.get(ELDER_COOKIE) == "1"
        response = self.get_response(request)
        if not request.path.startswith(("/admin/", "/django-admin/")):
            patch_vary_headers(response, ["Cookie"])
        return response
