from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.action_menu import (
    CancelWorkflowMenuItem,
    RestartWorkflowMenuItem,
    SubmitForModerationMenuItem,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page, WorkflowState

from exhibits.consent import log_refusal, publishing_problems

from .choosers import restrict_page_chooser
from .feedback import feedback_banner, request_for_changes
from .panels import CommunityPagesPanel
from .signal_handlers import LOGIN, LOGIN_FAILED, LOGIN_LOCKED, LOGOUT
from .users import CHANGE_REFUSED, GROUPS_CHANGED, PASSWORD_SET
from .viewsets import UserAssignRoleBulkAction, UserDeleteBulkAction, UserSetActiveStateBulkAction


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(LOGIN, "登录", "登录了管理后台")
    actions.register_action(LOGOUT, "退出", "退出了管理后台")
    actions.register_action(LOGIN_FAILED, "登录失败", "登录失败")


# The consent rule is exhibits.consent's; these hooks apply it early on each path, where the
# user can be told what is missing (the publish itself refuses regardless).


@hooks.register("before_publish_page")
def refuse_publishing_without_consent(request, page):
    """In the editor: keep the draft, say what consent is missing, stay on the page."""
    if problems := publishing_problems(page):
        if page.live and page.live_revision_id is None:
            # The create view saves a new page as live before it publishes; undo that.
            type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
        log_refusal(page, request.user, problems)
        messages.error(
            request, "未发布：" + "；".join(problems) + "。草稿已保存，请在“本人同意”中补充后再发布。"
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_consent(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    blocked = [
        page
        for page in objects
        if isinstance(page, Page) and publishing_problems(page.get_latest_revision_as_object())
    ]
    if blocked:
        for page in blocked:
            log_refusal(page, request.user, ["批量发布"])
        titles = "、".join(page.title for page in blocked)
        messages.error(request, f"未发布：{titles} 缺少本人同意记录。")
        return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_explore_root")
    return None


@hooks.register("before_edit_page")
def warn_editor_about_missing_consent(request, page):
    if request.method == "GET" and (problems := publishing_problems(page.get_latest_revision_as_object())):
        messages.warning(request, "发布前需要补充：" + "；".join(problems) + "。")


def needs_changes(page):
    state = page.current_workflow_state if page and page.pk else None
    return state if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES else None


@hooks.register("before_edit_page")
def restart_review_from_the_first_step(request, page):
    """After changes were requested, resubmitting starts the review again from street review.

    Wagtail would resume at the step that asked for changes; here every resubmission is reviewed
    from the first step, so the street sees what the office asked for and how it was answered.
    """
    state = needs_changes(page) if request.method == "POST" and request.POST.get("action-submit") else None
    if state is not None and state.user_can_cancel(request.user):
        state.cancel(user=request.user)


@hooks.register("before_edit_page")
def show_the_reviewers_comment(request, page):
    """The latest request for changes stays on the edit page until the page is resubmitted."""
    if request.method == "GET" and (task_state := request_for_changes(page)) is not None:
        messages.warning(request, feedback_banner(task_state))


class ResubmitFromFirstStepMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if needs_changes(context.get("page")):
            context["label"] = "重新提交审核（从第一步开始）"
        return context


class WithdrawMenuItem(CancelWorkflowMenuItem):
    label = "撤回审核（不再审核，页面留作草稿）"


@hooks.register("construct_page_action_menu")
def offer_only_the_useful_workflow_choices(menu_items, request, context):
    """Resubmitting already starts again from the first step (see above), so Wagtail's separate
    "restart workflow" would do the same under another name: it is not offered. The other two
    choices say in their label what they do."""
    menu_items[:] = [item for item in menu_items if not isinstance(item, RestartWorkflowMenuItem)]
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = ResubmitFromFirstStepMenuItem(order=item.order)
        elif type(item) is CancelWorkflowMenuItem:
            menu_items[index] = WithdrawMenuItem(order=item.order)


@hooks.register("construct_homepage_panels")
def add_community_pages_panel(request, panels):
    if panel := CommunityPagesPanel.for_user(request.user):
        panels.append(panel)


# User management, the page chooser and logins (users.py, viewsets.py, choosers.py, axes) ------------


@hooks.register("register_log_actions")
def register_security_log_actions(actions):
    actions.register_action(LOGIN_LOCKED, "登录锁定", "登录失败次数过多，已暂时锁定")
    actions.register_action(GROUPS_CHANGED, "用户组变更", "修改了账号的用户组")
    actions.register_action(PASSWORD_SET, "设置密码", "设置了账号的密码")
    actions.register_action(CHANGE_REFUSED, "越权被拒绝", "超出权限的账号操作被拒绝")


hooks.register("construct_page_chooser_queryset", restrict_page_chooser)

# After Wagtail's own (order 0), so these replace them in the bulk-action registry.
for action_class in (UserAssignRoleBulkAction, UserDeleteBulkAction, UserSetActiveStateBulkAction):
    hooks.register("register_bulk_action", action_class, order=1)
