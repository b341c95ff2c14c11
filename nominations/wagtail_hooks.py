from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Nomination
from .panels import NewNominationsPanel
from .permissions import NominationPermissionPolicy
from .viewsets import NominationsGroup

register_permission_policy(Nomination, NominationPermissionPolicy(Nomination))


@hooks.register("register_admin_viewset")
def register_nomination_viewsets():
    return NominationsGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("nominations.under_review", "开始审核", "群众推荐标记为审核中")
    actions.register_action("nominations.accept", "采纳", "采纳群众推荐并生成展项草稿")
    actions.register_action("nominations.reject", "未采纳", "群众推荐未采纳")
    actions.register_action("nominations.duplicate", "重复推荐", "群众推荐标记为重复")


@hooks.register("construct_homepage_panels")
def add_new_nominations_panel(request, panels):
    if panel := NewNominationsPanel.for_user(request.user):
        panels.append(panel)
