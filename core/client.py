"""The visitor's address for rate limiting, and the limits themselves.

Only as many X-Forwarded-For entries are trusted as there are proxies of our own in front of
Django (TRUSTED_PROXY_COUNT). Each proxy appends the address it was called from, so the Nth entry
from the right is what our outermost proxy saw; anything to its left came from the visitor and
may be forged. With no trusted proxy the header is ignored altogether.

The address is used for counting in the cache only; it is never stored with a nomination.
"""

import ipaddress

from django.conf import settings
from django_ratelimit.core import get_usage


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return remote


def client_key(group, request):
    """django-ratelimit key: the client address; IPv6 clients by their /64 network."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def usage(request, group, rate, increment):
    return get_usage(request, group=group, key=client_key, rate=rate, method="POST", increment=increment)


def limit_reached(request, group, rate):
    """True if the client has already used up `rate` in this window (does not count this one)."""
    current = usage(request, group, rate, increment=False)
    return current is not None and current["count"] >= current["limit"]


def hit(request, group, rate):
    """Count one more; True if that goes over `rate`."""
    current = usage(request, group, rate, increment=True)
    return current is not None and current["should_limit"]
