"""The roster screens in the admin: upload, preview, confirm or discard, template, export."""

import datetime
import logging
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Site

from home.models import CommunityPage

from . import export
from .forms import ExportForm, SizeLimitUploadHandler, UploadForm
from .importing import ImportRefused, checksum, discard, discard_stale, import_plan
from .models import RosterImport
from .permissions import can_export, can_import, importable_communities, imports_for
from .planning import HONOUR, NEW, SKIP, plan_import
from .reading import RosterFileError, read_roster

logger = logging.getLogger(__name__)


def require_import(request):
    if not can_import(request.user):
        raise PermissionDenied


def breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": "仪表板"},
        {"url": reverse("roster_imports:index"), "label": "荣誉名单"},
        *items,
    ]


# Upload --------------------------------------------------------------------------------------------


class UploadView(WagtailAdminTemplateMixin, FormView):
    template_name = "rosters/admin/upload.html"
    form_class = UploadForm
    page_title = "导入荣誉名单"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        require_import(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return breadcrumbs({"url": "", "label": "导入"})

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["too_large"] = getattr(self.request, "roster_upload_too_large", None)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            max_bytes=settings.ROSTERS_MAX_UPLOAD_BYTES,
            max_mb=settings.ROSTERS_MAX_UPLOAD_BYTES // (1024 * 1024),
            max_rows=settings.ROSTERS_MAX_ROWS,
        )
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = form.data_bytes
        name = PurePath(upload.name).name[-200:]
        report = RosterImport(
            file_name=name,
            checksum=checksum(data),
            size=len(data),
            encoding=form.workbook.encoding,
            uploaded_by=self.request.user,
        )
        # Stored under a random name (RosterStorage): the importer's file name is only ever shown.
        report.file.save(name, ContentFile(data), save=False)
        report.save()
        discard_stale()
        return redirect("roster_imports:preview", report.pk)


@csrf_exempt
def upload(request):
    # The size limit must be in place before anything reads the body; CSRF is checked below,
    # once it is (Django's documented way to change upload handlers in a view).
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request, settings.ROSTERS_MAX_UPLOAD_BYTES))
    return csrf_protect(UploadView.as_view())(request)


# Preview, confirm, discard --------------------------------------------------------------------------


def pending_import(request, pk):
    require_import(request)
    return get_object_or_404(imports_for(request.user, RosterImport.objects.all()), pk=pk)


def load_plan(report, user, sheet=None):
    """(plan, None), or (None, message) when the stored file is gone or no longer the one uploaded."""
    if not report.file:
        return None, "上传的文件已不在服务器上，请重新上传。"
    try:
        with report.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None, "上传的文件已不在服务器上，请重新上传。"
    if checksum(data) != report.checksum:
        return None, "上传的文件已被改动（校验值不符），请重新上传。"
    try:
        workbook = read_roster(data, report.file_name)
    except RosterFileError as error:
        return None, str(error)
    return plan_import(workbook, user, sheet=sheet or report.sheet or None), None


class PreviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "rosters/admin/preview.html"
    page_title = "导入预览"
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return breadcrumbs({"url": "", "label": "预览"})

    def get(self, request, pk):
        report = pending_import(request, pk)
        if report.status != RosterImport.Status.PENDING:
            return redirect("roster_imports:inspect", report.pk)
        plan, problem = load_plan(report, request.user, request.GET.get("sheet"))
        if problem:
            discard(report, request.user)
            messages.error(request, problem)
            return redirect("roster_imports:add")
        if plan.sheet != report.sheet:
            report.sheet = plan.sheet
            report.save(update_fields=["sheet"])
        only_problems = request.GET.get("only") == "problems"
        rows = [row for row in plan.rows if row.problems] if only_problems else plan.rows
        response = self.render_to_response(
            self.get_context_data(
                report=report,
                plan=plan,
                rows=rows,
                only_problems=only_problems,
                counts=plan.counts,
                outcomes={"new": NEW, "honour": HONOUR, "skip": SKIP},
                form=UploadForm(),
            )
        )
        add_never_cache_headers(response)
        return response


@require_POST
def confirm(request, pk):
    report = pending_import(request, pk)
    if report.status != RosterImport.Status.PENDING:
        messages.warning(request, "这个文件已经导入或放弃过了。")
        return redirect("roster_imports:inspect", report.pk)
    if request.POST.get("checksum") != report.checksum:
        messages.error(request, "确认的文件与预览的不是同一个，请重新查看预览。")
        return redirect("roster_imports:preview", report.pk)
    plan, problem = load_plan(report, request.user)
    if problem:
        discard(report, request.user)
        messages.error(request, problem)
        return redirect("roster_imports:add")
    try:
        report = import_plan(report, plan, request.user)
    except ImportRefused as error:
        messages.error(request, str(error))
        return redirect("roster_imports:preview", report.pk)
    except Exception:
        # One transaction: whatever failed, nothing of this import was written.
        logger.exception("Roster import %s failed", report.pk)
        messages.error(
            request, "导入中途出错，已全部撤销，没有写入任何内容。请稍后重试；仍不成功请联系管理员。"
        )
        return redirect("roster_imports:preview", report.pk)
    messages.success(
        request,
        f"已导入：新建草稿档案 {report.profiles_created} 份，添加荣誉 {report.honours_added} 项，"
        f"跳过 {report.rows_skipped} 行。草稿已提交审核，登记本人同意后方可发布。",
    )
    return redirect("roster_imports:inspect", report.pk)


@require_POST
def discard_view(request, pk):
    report = pending_import(request, pk)
    discard(report, request.user)
    messages.success(request, f"已放弃“{report.file_name}”，没有导入任何内容。")
    return redirect("roster_imports:add")


# Template and export ------------------------------------------------------------------------------------


def attachment(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response


def template(request, format):
    require_import(request)
    if format not in {"xlsx", "csv"}:
        raise Http404
    if format == "csv":
        return attachment(export.template_csv(), "荣誉名单导入模板.csv", export.CSV_TYPE)
    communities = list(CommunityPage.objects.order_by("path"))
    allowed = importable_communities(request.user, communities)
    return attachment(
        export.template_xlsx([x for x in communities if x.pk in allowed]),
        "荣誉名单导入模板.xlsx",
        export.XLSX_TYPE,
    )


class ExportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "rosters/admin/export.html"
    page_title = "导出荣誉名单"
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return breadcrumbs({"url": "", "label": "导出"})

    def get(self, request):
        if not can_export(request.user):
            raise PermissionDenied
        form = ExportForm(request.GET or None)
        if not request.GET or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        filters = export.Filters(
            street=data["street"],
            community=data["community"],
            honour=data["honour"],
            level=data["level"],
            category=data["category"],
            year=data["year"],
            include_drafts=data["scope"] == "all",
        )
        rows = export.honour_rows(filters, include_consent=data["consent"])
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            # Who took the honour roll away, and whether it carried consent records.
            log(
                instance=site,
                action="rosters.export",
                user=request.user,
                data={
                    "rows": len(rows) - 1,
                    "consent": data["consent"],
                    "filters": {key: str(value) for key, value in request.GET.items() if key != "format"},
                },
            )
        stamp = datetime.date.today().isoformat()
        if data["format"] == "csv":
            return attachment(export.to_csv(rows), f"荣誉名单-{stamp}.csv", export.CSV_TYPE)
        return attachment(export.to_xlsx(rows), f"荣誉名单-{stamp}.xlsx", export.XLSX_TYPE)
