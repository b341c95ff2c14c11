from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import RosterImport
from .permissions import RosterImportPermissionPolicy
from .viewsets import RosterImportViewSet

register_permission_policy(RosterImport, RosterImportPermissionPolicy(RosterImport))


@hooks.register("register_admin_viewset")
def register_roster_viewset():
    return RosterImportViewSet()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("rosters.import", "导入名单", "导入荣誉名单")
    actions.register_action("rosters.discard", "放弃导入", "放弃了上传的荣誉名单")
    actions.register_action("rosters.export", "导出名单", "导出荣誉名单")
