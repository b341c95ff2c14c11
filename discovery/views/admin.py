"""The scan counts report in the admin: which exhibits are opened most from their QR codes."""

from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..models import ScanCount


class ScanReportView(TemplateView):
    template_name = "discovery/admin/scan_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only pages this user may see in the explorer.
        explorable = Page.objects.all()
        if not self.request.user.is_superuser:
            explorable = PagePermissionPolicy().explorable_instances(self.request.user)
        context["rows"] = (
            ScanCount.objects.filter(page__in=explorable.values("pk"))
            .select_related("page")
            .order_by("-count", "page__title")[:200]
        )
        context["page_title"] = "扫码次数"
        return context
