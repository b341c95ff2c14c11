from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from . import views
from .models import RosterImport
from .permissions import can_export, imports_for


class RosterImportURLFinder(ModelAdminURLFinder):
    """Links to an import (from the audit log) open its report, for those who may read it."""

    def construct_edit_url(self, instance):
        return reverse("roster_imports:inspect", args=[instance.pk])

    def get_edit_url(self, instance):
        if self.user and not imports_for(self.user, RosterImport.objects.filter(pk=instance.pk)).exists():
            return None
        return self.construct_edit_url(instance)


class RosterImportIndexView(IndexView):
    def get_base_queryset(self):
        return imports_for(self.request.user, super().get_base_queryset()).select_related("uploaded_by")

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(field_name, column_class, get_url=self.report_url, **kwargs)

    def report_url(self, instance):
        if instance.status == RosterImport.Status.PENDING:
            return reverse("roster_imports:preview", args=[instance.pk])
        return reverse("roster_imports:inspect", args=[instance.pk])

    @property
    def add_item_label(self):
        return "导入名单"

    @property
    def header_buttons(self):
        buttons = [
            *super().header_buttons,
            HeaderButton(
                "下载模板（.xlsx）",
                url=reverse("roster_imports:template", args=["xlsx"]),
                icon_name="download",
            ),
        ]
        if can_export(self.request.user):
            buttons.append(
                HeaderButton("导出荣誉名单", url=reverse("roster_imports:export"), icon_name="download")
            )
        return buttons


class RosterImportInspectView(InspectView):
    template_name = "rosters/admin/report.html"

    def get_object(self, queryset=None):
        return get_object_or_404(imports_for(self.request.user, RosterImport.objects.all()), pk=self.pk)

    def get_fields(self):
        return [
            "file_name",
            "status",
            "uploaded_by",
            "uploaded_at",
            "imported_at",
            "checksum",
            "size",
            "sheet",
            "encoding",
            "row_count",
            "profiles_created",
            "honours_added",
            "rows_skipped",
        ]

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.object
        context["records"] = self.object.rows
        return context


class RosterImportViewSet(ModelViewSet):
    model = RosterImport
    name = "roster_imports"
    url_prefix = "rosters"
    icon = "list-ul"
    menu_label = "荣誉名单导入"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = RosterImportIndexView
    inspect_view_class = RosterImportInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Reports are never edited (the policy refuses); the generic edit view still wants fields.
    form_fields = ["file_name"]
    list_per_page = 30
    ordering = ["-uploaded_at"]
    list_display = [
        "file_name",
        "status",
        Column("uploaded_by", label="导入人", accessor="uploaded_by"),
        DateColumn("uploaded_at", label="上传时间", sort_key="uploaded_at"),
        "profiles_created",
        "honours_added",
        "rows_skipped",
    ]
    list_filter = ["status"]
    search_fields = ["file_name", "checksum"]
    search_backend_name = None

    @property
    def url_finder_class(self):
        return RosterImportURLFinder

    @property
    def add_view(self):
        return views.upload

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<int:pk>/", views.PreviewView.as_view(), name="preview"),
            path("confirm/<int:pk>/", views.confirm, name="confirm"),
            path("discard/<int:pk>/", views.discard_view, name="discard"),
            path("template.<str:format>", views.template, name="template"),
            path("export/", views.ExportView.as_view(), name="export"),
        ]
