"""The page editor's buttons for placards and QR codes, and the scan counts report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from core.kinds import kind_of

from .views.admin import ScanReportView


def _is_printable(page):
    """Exhibits and places get placards and QR codes: the pages people visit on the ground."""
    return kind_of(page.specific_class) is not None


@hooks.register("register_page_header_buttons")
def placard_buttons(page, user, view_name, next_url=None):
    if not _is_printable(page):
        return
    placard = reverse("discovery:placard", args=[page.pk])
    open_new = {"target": "_blank", "rel": "noopener"}
    yield Button("打印展牌（A4）", f"{placard}?size=a4", icon_name="doc-full", priority=80, attrs=open_new)
    yield Button("打印展牌（A5）", f"{placard}?size=a5", icon_name="doc-full", priority=81, attrs=open_new)
    for fmt in ("svg", "png"):
        url = reverse("discovery:qr_code", args=[page.pk, fmt]) + "?download=1"
        yield Button(f"下载二维码（{fmt.upper()}）", url, icon_name="download", priority=82)


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("reports/scans/", ScanReportView.as_view(), name="discovery_scan_report")]


class ScanReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def scan_report_menu_item():
    return ScanReportMenuItem("扫码次数", reverse("discovery_scan_report"), icon_name="view", order=900)
