"""The office's dashboard panel: how many new nominations wait, and the latest few."""

from wagtail.admin.ui.components import Component

from .models import Nomination
from .permissions import can_triage

LATEST = 5


class NewNominationsPanel(Component):
    name = "new_nominations"
    template_name = "nominations/admin/new_nominations_panel.html"
    order = 90  # above the pages waiting for review

    @classmethod
    def for_user(cls, user):
        return cls() if can_triage(user) else None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        new = Nomination.objects.filter(status=Nomination.Status.SUBMITTED)
        context["count"] = count = new.count()
        context["heading"] = f"群众推荐：{count} 条新推荐待处理" if count else "群众推荐：没有新推荐"
        context["latest"] = list(new.select_related("community").order_by("-submitted_at", "-pk")[:LATEST])
        context["under_review"] = Nomination.objects.filter(status=Nomination.Status.UNDER_REVIEW).count()
        return context
