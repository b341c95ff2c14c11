"""Responses the public nomination views share."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers


def too_many_requests(request, what="提交"):
    response = TemplateResponse(request, "nominations/429.html", {"what": what}, status=429)
    response["Retry-After"] = "3600"
    add_never_cache_headers(response)
    return response


def private(response):
    """Pages that show a receipt or a status: never kept by a shared cache or the back button."""
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, " + response["Cache-Control"]
    return response
