"""Dashboard panels: each community editor sees their community's pages and where each stands."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.admin.ui.components import Component
from wagtail.models import GroupPagePermission, Page, WorkflowState

from core.kinds import exhibit_models

MAX_ROWS = 50


class CommunityPagesPanel(Component):
    name = "community_pages"
    template_name = "moderation/community_pages_panel.html"
    order = 150

    def __init__(self, roots):
        self.roots = roots

    @classmethod
    def for_user(cls, user):
        """The community subtrees the user edits as an editor (not the whole site)."""
        if user.is_superuser:
            return None
        grants = GroupPagePermission.objects.filter(
            group__in=user.groups.all(),
            group__place_role__kind="editors",
            permission__codename="change_page",
        ).select_related("page")
        roots = [grant.page for grant in grants]
        return cls(roots) if roots else None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        within = Q()
        for root in self.roots:
            within |= Q(path__startswith=root.path)
        pages = list(
            Page.objects.filter(within)
            .type(*exhibit_models())
            .select_related("content_type", "latest_revision")
            .order_by("-latest_revision_created_at", "-pk")[:MAX_ROWS]
        )
        states = {
            int(state.object_id): state
            for state in WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[str(page.pk) for page in pages],
            )
            .select_related("current_task_state__task", "current_task_state__finished_by")
        }
        context["rows"] = [
            {
                "page": page,
                "kind": page.specific_class._meta.verbose_name,
                "state": (state := states.get(page.pk)),
                "feedback": state.current_task_state
                if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
                else None,
            }
            for page in pages
        ]
        context["heading"] = "本社区展项：" + "、".join(root.title for root in self.roots)
        return context
