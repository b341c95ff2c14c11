import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from discovery.api import api_router
from discovery.views.search import search
from moderation import choosers
from operations.views import healthz

# A database or Redis outage met outside a view answers 503, like one met inside (operations).
handler500 = "operations.views.server_error"

urlpatterns = [
    # For load balancers: database, cache and storage; 200 or 503, never cached.
    path("healthz/", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    # The page chooser's views, narrowed to what each user may see (moderation/choosers.py); ahead
    # of Wagtail's admin URLs, which have the same addresses.
    path("admin/choose-page/", include(choosers)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search, name="search"),
    path("api/v2/", api_router.urls),
    path("", include("discovery.urls")),
    path("videos/", include("videos.urls")),
    path("nominations/", include("nominations.urls")),
    # Images of the self-hosted captcha on the nomination form, only while NOMINATION_CAPTCHA is on.
    path("captcha/", include("nominations.captcha")),
    path("sitemap.xml", sitemap, name="sitemap"),
]

if settings.SERVE_MEDIA:
    # The embedded default serves uploads itself, with Range requests (video seeking) and never
    # documents/; production leaves them to nginx or S3.
    from videos.views import serve_media

    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_media),
    ]

urlpatterns += [path("", include(wagtail_urls))]
