"""The nomination queue's own admin views: scoped listing and detail, photos, decisions."""

import datetime
import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateformat import format as format_date
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import EditView, IndexView, InspectView, WagtailAdminTemplateMixin
from wagtail.models import WorkflowState

from home.models import CommunityPage

from . import queue
from .models import Nomination, NominationPhoto
from .permissions import can_see_contact, can_triage, nominations_for
from .receipts import looks_like_receipt_code, normalise_receipt_code

CONTACT_FIELDS = ("nominator_name", "nominator_phone", "nominator_email")
DATETIME_FORMAT = "Y年n月j日 H:i"


def local_time(value):
    """A moment as the office reads it: Beijing time (settings.TIME_ZONE), to the minute."""
    return format_date(timezone.localtime(value), DATETIME_FORMAT) if value else ""


def export_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value


class NominationIndexView(IndexView):
    # Wagtail's spreadsheet export writes times in UTC (naive in XLSX, "+00:00" in CSV).
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {"csv": export_time, "xlsx": export_time},
    }

    def get_base_queryset(self):
        return nominations_for(self.request.user, super().get_base_queryset()).select_related("community")

    def search_queryset(self, queryset):
        # A receipt code is found however it is typed: FK9TZ-C5FMV, fk9tz c5fmv, FK9TZC5FMV.
        if self.is_searching and looks_like_receipt_code(self.search_query):
            code = normalise_receipt_code(self.search_query)
            return queryset.filter(receipt_code=code) | super().search_queryset(queryset)
        return super().search_queryset(queryset)

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The name opens the detail view (photos, decisions), not the edit form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(field_name, column_class, get_url=self.get_inspect_url, **kwargs)


class NominationEditView(EditView):
    def get_queryset(self):
        return nominations_for(self.request.user)


class NominationInspectView(InspectView):
    template_name = "nominations/admin/inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            # Wagtail's inspect template formats the value without converting it to local time.
            return local_time(value)
        return "—" if value is None or value == "" else value

    def get_receipt_code_display_value(self):
        return self.object.receipt_display

    def get_story_display_value(self):
        return mark_safe(linebreaks(self.object.story, autoescape=True))  # noqa: S308 (escaped)

    def get_object(self, queryset=None):
        return get_object_or_404(nominations_for(self.request.user), pk=self.pk)

    def get_fields(self):
        fields = super().get_fields()
        if not can_see_contact(self.request.user):
            fields = [name for name in fields if name not in CONTACT_FIELDS]
        return fields

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        nomination = self.object
        context.update(
            nomination=nomination,
            photos=list(nomination.photos.select_related("image")),
            can_triage=can_triage(user),
            show_contact=can_see_contact(user),
            accept_form=AcceptForm(nomination=nomination),
            reject_form=RejectForm(),
            duplicate_form=DuplicateForm(),
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)
        return response


# Photos ------------------------------------------------------------------------------------------


def photo(request, pk):
    """Stream one nomination photo to a user who may see its nomination; 404 for anyone else."""
    item = get_object_or_404(NominationPhoto.objects.select_related("nomination", "image"), pk=pk)
    if not nominations_for(request.user).filter(pk=item.nomination_id).exists():
        raise Http404
    if item.file:
        handle, name = item.file.open("rb"), item.file.name
    elif item.image_id:
        handle, name = item.image.file.open("rb"), item.image.file.name
    else:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# Decisions ---------------------------------------------------------------------------------------


class AcceptForm(forms.Form):
    kind = forms.ChoiceField(
        label="生成的展项类型",
        choices=[("profile", "人物档案（草稿）"), ("story", "身边好人故事（草稿）")],
        widget=forms.RadioSelect,
        initial="profile",
    )
    community = forms.ModelChoiceField(
        label="放在哪个社区",
        queryset=CommunityPage.objects.order_by("path"),
        error_messages={"required": "请选择社区。"},
    )
    title = forms.CharField(label="标题", max_length=255, error_messages={"required": "请填写标题。"})

    def __init__(self, *args, nomination, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].initial = nomination.community_id
        self.fields["title"].initial = nomination.nominee_name


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="未采纳原因",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "请填写未采纳的原因。"},
    )


class DuplicateForm(forms.Form):
    original = forms.CharField(
        label="与哪条推荐重复（回执编号）", max_length=20, error_messages={"required": "请填写回执编号。"}
    )

    def clean_original(self):
        code = normalise_receipt_code(self.cleaned_data["original"])
        original = Nomination.objects.filter(receipt_code=code).first()
        if original is None:
            raise forms.ValidationError("没有这个回执编号的推荐。")
        return original


def _triage_target(request, pk):
    if not can_triage(request.user):
        raise PermissionDenied
    return get_object_or_404(nominations_for(request.user), pk=pk)


def _back(nomination):
    return redirect("nomination_queue:inspect", nomination.pk)


def _decide(request, nomination, form, action):
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(nomination)
    try:
        result = action(form.cleaned_data)
    except queue.QueueError as error:
        messages.error(request, str(error))
        return _back(nomination)
    return result


@require_POST
def start_review(request, pk):
    nomination = _triage_target(request, pk)
    try:
        queue.mark_under_review(nomination, request.user)
        messages.success(request, "已标记为审核中。")
    except queue.QueueError as error:
        messages.error(request, str(error))
    return _back(nomination)


@require_POST
def accept(request, pk):
    nomination = _triage_target(request, pk)

    def act(data):
        page = queue.accept(
            nomination, request.user, kind=data["kind"], community=data["community"], title=data["title"]
        )
        messages.success(
            request, f"已采纳：在{data['community'].title}生成草稿「{page.title}」，并提交审核。"
        )
        return redirect("nomination_queue:accepted", nomination.pk)

    return _decide(request, nomination, AcceptForm(request.POST, nomination=nomination), act)


@require_POST
def reject(request, pk):
    nomination = _triage_target(request, pk)

    def act(data):
        queue.reject(nomination, request.user, data["reason"])
        messages.success(request, "已标记为未采纳。")
        return _back(nomination)

    return _decide(request, nomination, RejectForm(request.POST), act)


@require_POST
def duplicate(request, pk):
    nomination = _triage_target(request, pk)

    def act(data):
        queue.mark_duplicate(nomination, request.user, data["original"])
        messages.success(request, f"已标记为与 {data['original'].receipt_display} 重复。")
        return _back(nomination)

    return _decide(request, nomination, DuplicateForm(request.POST), act)


class AcceptedView(WagtailAdminTemplateMixin, TemplateView):
    """Where the office lands after 采纳: what happened, what comes next, and where to go."""

    template_name = "nominations/admin/accepted.html"
    page_title = "已采纳"
    header_icon = "user"

    def dispatch(self, request, pk):
        nomination = _triage_target(request, pk)
        if nomination.status != Nomination.Status.ACCEPTED or nomination.created_page is None:
            return _back(nomination)
        self.nomination = nomination
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.nomination.nominee_name

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("nomination_queue:index"), "label": "群众推荐"},
            {
                "url": reverse("nomination_queue:inspect", args=[self.nomination.pk]),
                "label": str(self.nomination),
            },
            {"url": "", "label": "已采纳"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nomination = self.nomination
        page = nomination.created_page.specific
        draft = page.get_latest_revision_as_object()
        state = page.current_workflow_state
        task_state = state.current_task_state if state else None
        context.update(
            nomination=nomination,
            page=page,
            kind=page.specific_class._meta.verbose_name,
            in_workflow=state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
            workflow=state.workflow if state else None,
            task=task_state.task if task_state else None,
            consent_problems=draft.consent_problems() if hasattr(draft, "consent_problems") else [],
            lead_image=getattr(draft, "portrait", None) or getattr(draft, "cover_image", None),
            photo_count=nomination.photos.filter(image__isnull=False).count(),
            is_profile=hasattr(draft, "portrait"),
        )
        return context
