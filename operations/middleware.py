"""A database or Redis that is down (restarting, failing over) answers 503, not 500.

503 with Retry-After tells a load balancer, a crawler and a person that the failure is temporary;
the page says, in Chinese, that a form can be sent again. The exception is still logged with its
traceback. Rendering uses no context processor, so the page itself needs neither service.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from .errors import SERVICE_ERRORS

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def service_unavailable(request):
    # Only a form post may have been lost; a page asked for again simply needs a reload.
    page = render_to_string("operations/503.html", {"posted": request.method == "POST"})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class ServiceUnavailableMiddleware:
    """For errors raised in views; `operations.views.server_error` (handler500) answers the same
    for errors raised in other middleware (e.g. one that reads the session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SERVICE_ERRORS):
            return None
        logger.error(
            "Service unavailable (%s) for %s %s",
            type(exception).__name__,
            request.method,
            request.path,
            exc_info=exception,
        )
        return service_unavailable(request)
