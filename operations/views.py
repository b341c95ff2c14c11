from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import run_checks


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
