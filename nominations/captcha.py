"""The self-hosted captcha's URLs (/captcha/), reachable only while NOMINATION_CAPTCHA is on.

django-simple-captcha's refresh view stores a new captcha row for every request it answers, to
anyone; here it answers only while the captcha is in use and only CAPTCHA_REFRESH_RATE times per
address (counted like the nominations' own limits). Expired rows are deleted by
`manage.py captcha_clean` (django-simple-captcha's command; run it daily from cron).

The URL names are the package's own, unnamespaced, since its field reverses them.
"""

from functools import wraps

from captcha import views as captcha_views
from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from core.client import client_key

from .responses import too_many_requests

REFRESH_GROUP = "nominations.captcha_refresh"


def only_while_captcha_is_on(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.NOMINATION_CAPTCHA:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@only_while_captcha_is_on
def refresh(request):
    usage = get_usage(
        request,
        group=REFRESH_GROUP,
        key=client_key,
        rate=settings.CAPTCHA_REFRESH_RATE,
        method=ALL,
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        return too_many_requests(request, "刷新验证码")
    return captcha_views.captcha_refresh(request)


urlpatterns = [
    re_path(
        r"image/(?P<key>\w+)/$",
        only_while_captcha_is_on(captcha_views.captcha_image),
        name="captcha-image",
        kwargs={"scale": 1},
    ),
    re_path(
        r"image/(?P<key>\w+)@2/$",
        only_while_captcha_is_on(captcha_views.captcha_image),
        name="captcha-image-2x",
        kwargs={"scale": 2},
    ),
    re_path(
        r"audio/(?P<key>\w+).wav$",
        only_while_captcha_is_on(captcha_views.captcha_audio),
        name="captcha-audio",
    ),
    re_path(r"refresh/$", refresh, name="captcha-refresh"),
]
