"""Remembering a visitor across endorsements without knowing who they are.

A signed cookie holds a random id; the database holds only an HMAC of it (keyed by SECRET_KEY),
so the table cannot be joined back to cookies, and no address is stored. The unique constraint
on (round, candidate, visitor_hash) makes a repeat impossible even under concurrent requests;
the per-address rate limit (ENDORSEMENT_RATE) is what stops a client that drops its cookie.
"""

import secrets

from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from .models import Endorsement

COOKIE = "wm_visitor"
COOKIE_SALT = "nominations.visitor"
COOKIE_MAX_AGE = 400 * 24 * 60 * 60


def _cookie_id(request):
    return request.get_signed_cookie(COOKIE, default=None, salt=COOKIE_SALT)


def visitor_id(request):
    return _cookie_id(request) or secrets.token_urlsafe(18)


def visitor_hash(value):
    return salted_hmac("nominations.endorsement", value, algorithm="sha256").hexdigest()


def remember_visitor(request, response, value):
    if _cookie_id(request) != value:
        response.set_signed_cookie(
            COOKIE,
            value,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )


def record(endorsement_round, candidate, value):
    """True if counted; False if this visitor already endorsed this candidate in this round."""
    try:
        with transaction.atomic():
            Endorsement.objects.create(
                round=endorsement_round, candidate=candidate, visitor_hash=visitor_hash(value)
            )
    except IntegrityError:
        return False
    return True


def endorsed_by_visitor(request, endorsement_round):
    value = _cookie_id(request)
    if not value:
        return set()
    return set(
        Endorsement.objects.filter(round=endorsement_round, visitor_hash=visitor_hash(value)).values_list(
            "candidate_id", flat=True
        )
    )
