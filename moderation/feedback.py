"""Review feedback that reaches people: the reviewer's comment where the submitter works, and a
confirmation for the reviewer after approving or requesting changes.

Wagtail keeps a request for changes (退回修改) on the workflow's current task state: its status
is "rejected", its comment and reviewer are recorded there, and the workflow waits in "needs
changes" until the page is resubmitted. Those are read here, not copied anywhere.

Approving or requesting changes happens in two places, the dashboard's modal and the page
editor, both through `Task.on_action`. Wagtail sends `task_approved` / `task_rejected` but
neither place says what happened, so a small middleware collects those signals during the
request and turns them into one message each.
"""

import contextvars

from django.contrib import messages
from wagtail.models import WorkflowState

_outcomes = contextvars.ContextVar("workflow_outcomes", default=None)


def request_for_changes(page):
    """The task state that asked for changes, while the page waits for its submitter; else None."""
    state = page.current_workflow_state if page is not None and page.pk else None
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


def reviewer_name(task_state):
    user = task_state.finished_by
    if user is None:
        return "审核人"
    return user.get_full_name() or user.get_username()


def feedback_banner(task_state):
    """One paragraph for the edit page: who asked, at which step, what they said, what to do."""
    comment = (task_state.comment or "").strip()
    said = f"意见：“{comment}”" if comment else "没有填写意见。"
    return (
        f"{reviewer_name(task_state)}在“{task_state.task.name}”退回修改，{said}"
        "修改后请点页面底部“保存草稿”旁的箭头，选择“重新提交审核（从第一步开始）”；"
        "如果不再发布，可选择“撤回审核”，页面留作草稿。"
    )


def record_approval(sender, instance, user=None, **kwargs):
    if (outcomes := _outcomes.get()) is not None:
        outcomes.append(("approved", instance, user))


def record_request_for_changes(sender, instance, user=None, **kwargs):
    if (outcomes := _outcomes.get()) is not None:
        outcomes.append(("rejected", instance, user))


def confirmation(outcome, task_state):
    title = task_state.workflow_state.content_object.get_admin_display_title()
    task = task_state.task.name
    if outcome == "rejected":
        return f"已将「{title}」退回修改（{task}）。提交人会在编辑页面和首页看到您的意见，并收到邮件。"
    workflow_state = task_state.workflow_state
    workflow_state.refresh_from_db()
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        page = workflow_state.content_object
        page.refresh_from_db()
        published = "，页面已发布" if page.live and not page.has_unpublished_changes else ""
        return f"已批准「{title}」（{task}）。审核流程已全部完成{published}。"
    following = workflow_state.current_task_state
    after = f"，现转交“{following.task.name}”" if following is not None else ""
    return f"已批准「{title}」（{task}）{after}。"


class WorkflowConfirmationMiddleware:
    """Adds a message for each approval or request for changes made during the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        outcomes = []
        token = _outcomes.set(outcomes)
        try:
            response = self.get_response(request)
        finally:
            _outcomes.reset(token)
        for outcome, task_state, user in outcomes:
            if user is not None and user == getattr(request, "user", None):
                messages.success(request, confirmation(outcome, task_state))
        return response
