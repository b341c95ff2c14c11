"""Signed-in sessions end when idle too long, and in any case some hours after signing in.

Django's session expiry moves forward whenever the session is saved, so it cannot cap a session's
whole life; the times kept in the session here can. ADMIN_SESSION_IDLE_MINUTES and
ADMIN_SESSION_MAX_HOURS (cms/settings/base.py) set the two limits. The last-seen time is written
at most once a minute, so an active editor's session is not saved on every request.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.urls import reverse

SIGNED_IN_AT = "wenming_signed_in_at"
LAST_SEEN_AT = "wenming_last_seen_at"
SEEN_RESOLUTION = 60  # seconds


def start_session_clock(session, now):
    session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now


def session_expired(session, now):
    signed_in = session.get(SIGNED_IN_AT)
    if signed_in is None:
        return True  # signed in before these limits existed, or by other means: sign in again
    last_seen = session.get(LAST_SEEN_AT, signed_in)
    return (
        now - signed_in > settings.ADMIN_SESSION_MAX_HOURS * 3600
        or now - last_seen > settings.ADMIN_SESSION_IDLE_MINUTES * 60
    )


class SessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            if session_expired(request.session, now):
                logout(request)
                if request.path.startswith(reverse("wagtailadmin_home")):
                    messages.info(request, "登录已超时，请重新登录。")
            elif now - request.session.get(LAST_SEEN_AT, 0) > SEEN_RESOLUTION:
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)
