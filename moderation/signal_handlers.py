import logging
import time

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.mail import send_mail
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import Site, TaskState, WorkflowState
from wagtail.signals import page_published, task_approved, task_rejected

from home.models import CommunityPage, StreetPage

from .feedback import record_approval, record_request_for_changes
from .middleware import start_session_clock
from .roles import sync_roles

logger = logging.getLogger(__name__)

# Audit-log actions of the admin's logins (registered in wagtail_hooks.py).
LOGIN, LOGOUT, LOGIN_FAILED = "moderation.login", "moderation.logout", "moderation.login_failed"
LOGIN_LOCKED = "moderation.login_locked"


def sync_roles_for_new_place(sender, instance, **kwargs):
    """A street or community that goes live gets its groups, collections and workflow at once."""
    transaction.on_commit(sync_roles)


def client_address(request):
    """The client's address as django-axes counts it (TRUSTED_PROXY_COUNT aware)."""
    return (get_client_ip_address(request) or "") if request is not None else ""


def log_login(sender, request, user, **kwargs):
    log(instance=user, action=LOGIN, user=user, data={"ip": client_address(request)})
    if request is not None and hasattr(request, "session"):
        start_session_clock(request.session, time.time())


def log_logout(sender, request, user, **kwargs):
    if user is not None:
        log(instance=user, action=LOGOUT, user=user, data={"ip": client_address(request)})


def log_against_account(action, username, ip):
    username = str(username or "")[:150]
    user = get_user_model().objects.filter(username=username).first() if username else None
    # A failure for an unknown name has no user to hang on; it is kept against the site.
    instance = user or Site.objects.filter(is_default_site=True).first()
    if instance is not None:
        log(instance=instance, action=action, data={"username": username, "ip": ip})


def log_login_failure(sender, credentials, request=None, **kwargs):
    log_against_account(LOGIN_FAILED, credentials.get("username", ""), client_address(request))


def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    log_against_account(LOGIN_LOCKED, username, ip_address or client_address(request))


def notify_submitter_of_step_approval(sender, instance, user=None, **kwargs):
    """Tell whoever submitted that a step (not only the last) approved their page."""
    workflow_state = instance.workflow_state
    requester = workflow_state.requested_by
    if requester is None or not requester.email or requester == user:
        return
    if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return  # the workflow finished: Wagtail's own "approved" email covers it
    next_task = workflow_state.current_task_state
    page = workflow_state.content_object
    try:
        send_mail(
            subject=f"「{page.title}」已通过{instance.task.name}",
            message=(
                f"{requester.get_full_name() or requester.username}，您好：\n\n"
                f"您提交的「{page.title}」已通过“{instance.task.name}”，现等待“{next_task.task.name}”。\n\n"
                f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{page.pk}/edit/\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[requester.email],
        )
    except Exception:
        # A mail server that is down must not undo an approval.
        logger.exception("Could not send step-approval email for page %s", page.pk)


def register():
    for model in (StreetPage, CommunityPage):
        page_published.connect(
            sync_roles_for_new_place, sender=model, dispatch_uid=f"sync_roles_{model.__name__}"
        )
    user_logged_in.connect(log_login, dispatch_uid="wenming_log_login")
    user_logged_out.connect(log_logout, dispatch_uid="wenming_log_logout")
    user_login_failed.connect(log_login_failure, dispatch_uid="wenming_log_login_failed")
    user_locked_out.connect(log_lockout, dispatch_uid="wenming_log_lockout")
    task_approved.connect(
        notify_submitter_of_step_approval, sender=TaskState, dispatch_uid="wenming_step_approved"
    )
    # Subclasses of TaskState send these too: no sender filter.
    task_approved.connect(record_approval, dispatch_uid="wenming_confirm_approval")
    task_rejected.connect(record_request_for_changes, dispatch_uid="wenming_confirm_changes")
