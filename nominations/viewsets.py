from django.urls import path
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_views
from .filters import NominationFilterSet
from .models import EndorsementRound, Nomination


class NominationViewSet(ModelViewSet):
    """The queue of public nominations (群众推荐). No contact details in the list, for anyone."""

    model = Nomination
    name = "nomination_queue"
    url_prefix = "nominations"
    icon = "user"
    menu_label = "群众推荐"
    menu_order = 150
    add_to_admin_menu = False
    index_view_class = admin_views.NominationIndexView
    edit_view_class = admin_views.NominationEditView
    inspect_view_class = admin_views.NominationInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "receipt_code",
        "status",
        "nominee_name",
        "community",
        "category",
        "story",
        "nominator_name",
        "nominator_phone",
        "nominator_email",
        "privacy_notice_version",
        "submitted_at",
        "decided_at",
        "decided_by",
        "rejection_reason",
        "duplicate_of",
        "office_note",
        "contact_purged_at",
    ]
    copy_view_enabled = False
    list_per_page = 30
    ordering = ["-submitted_at"]
    list_display = [
        "nominee_name",
        Column("receipt_display", label="回执编号", sort_key="receipt_code"),
        Column("community", label="社区", accessor="community"),
        "category",
        "status",
        DateColumn("submitted_at", label="提交时间", sort_key="submitted_at"),
    ]
    # No contact details in exports either; times in Beijing time (see NominationIndexView).
    list_export = [
        "receipt_display",
        "nominee_name",
        "community",
        "get_category_display",
        "get_status_display",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {
        "receipt_display": "回执编号",
        "nominee_name": "被推荐人",
        "community": "所在社区",
        "get_category_display": "类别",
        "get_status_display": "状态",
        "submitted_at": "提交时间（北京时间）",
        "decided_at": "处理时间（北京时间）",
    }
    export_filename = "qunzhong-tuijian"
    filterset_class = NominationFilterSet
    # Only the nomination's own words are searchable: never the nominator's contact details.
    search_fields = ["nominee_name", "receipt_code", "story"]
    search_backend_name = None
    form_fields = ["community", "category", "office_note"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("photo/<int:pk>/", admin_views.photo, name="photo"),
            path("review/<int:pk>/", admin_views.start_review, name="start_review"),
            path("accept/<int:pk>/", admin_views.accept, name="accept"),
            path("reject/<int:pk>/", admin_views.reject, name="reject"),
            path("duplicate/<int:pk>/", admin_views.duplicate, name="duplicate"),
            path("accepted/<int:pk>/", admin_views.AcceptedView.as_view(), name="accepted"),
        ]


class EndorsementRoundViewSet(ModelViewSet):
    model = EndorsementRound
    name = "endorsement_rounds"
    url_prefix = "pingyi"
    icon = "pick"
    menu_label = "评议"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["title", "status", "starts_at", "ends_at"]
    list_filter = ["status"]


class NominationsGroup(ModelViewSetGroup):
    menu_label = "群众推荐与评议"
    menu_icon = "user"
    menu_order = 250
    items = (NominationViewSet, EndorsementRoundViewSet)
