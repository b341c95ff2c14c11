import sys

from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .errors import SERVICE_ERRORS
from .health import run_checks
from .middleware import service_unavailable


@never_cache
@require_safe
def healthz(request):
    """For a load balancer: 200 when the site can serve, 503 when it cannot. No versions, no
    host names, no error text; the log has the details."""
    checks = run_checks()
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {k: "ok" if v else "fail" for k, v in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request):
    """handler500: a database or Redis outage met outside a view (in a middleware) still answers
    503 with the Chinese page; anything else is the usual 500 page."""
    if isinstance(sys.exc_info()[1], SERVICE_ERRORS):
        return service_unavailable(request)
    return defaults.server_error(request)
