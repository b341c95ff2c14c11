"""The site's URLs, and /_bench/bare/<name>/: a bare Django view returning the bytes a page returned.

That view is the ceiling on this machine: Django with the project's middleware answering with the
same body and nothing else to do. `bench/inprocess.py` saves each page's body to
bench/results/bodies/<name>.html before the servers start.
"""

from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

BODIES = Path(__file__).resolve().parent / "results" / "bodies"


@cache
def body(name):
    file = BODIES / f"{name}.html"
    if not file.is_file() or file.parent != BODIES:
        raise Http404
    return file.read_bytes()


def bare(request, name):
    return HttpResponse(body(name), content_type="text/html; charset=utf-8")


urlpatterns = [path("_bench/bare/<slug:name>/", bare), *site_urlpatterns]
