from django.urls import path, re_path

from .feeds import LatestExhibitsFeed
from .views import qr, site, stats

app_name = "discovery"

urlpatterns = [
    path("q/<int:page_id>/", qr.short_link, name="short_link"),
    re_path(r"^q/(?P<page_id>[0-9]+)/qr\.(?P<fmt>svg|png)$", qr.qr_code, name="qr_code"),
    path("q/<int:page_id>/placard/", qr.placard, name="placard"),
    path("stats/", stats.stats, name="stats"),
    path("feeds/latest/", LatestExhibitsFeed(), name="feed"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    re_path(r"^elder/(?P<state>on|off)/$", site.elder_mode, name="elder_mode"),
]
