from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from exhibits.models import ExhibitPage

from .panels import CommunityPagesPanel


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("wenming.login", "登录", "登录了管理后台")
    actions.register_action("wenming.logout", "退出", "退出了管理后台")
    actions.register_action("wenming.login_failed", "登录失败", "登录失败")
    actions.register_action("exhibits.publish_refused", "拒绝发布", "因缺少本人同意记录，发布被拒绝")


def consent_problems(page):
    return page.consent_problems() if isinstance(page, ExhibitPage) else []


@hooks.register("before_publish_page")
def refuse_publishing_without_consent(request, page):
    """In the editor: keep the draft, say what consent is missing, stay on the page."""
    if problems := consent_problems(page):
        messages.error(
            request, "未发布：" + "；".join(problems) + "。草稿已保存，请在“本人同意”中补充后再发布。"
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_consent(request, action_type, objects, action_class_instance):
    if action_type != "page" or getattr(action_class_instance, "action_type", "") != "publish":
        return None
    blocked = [page for page in objects if consent_problems(page.get_latest_revision_as_object())]
    if blocked:
        titles = "、".join(page.title for page in blocked)
        messages.error(request, f"未发布：{titles} 缺少本人同意记录。")
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


@hooks.register("before_edit_page")
def warn_editor_about_missing_consent(request, page):
    if request.method == "GET" and (problems := consent_problems(page.get_latest_revision_as_object())):
        messages.warning(request, "发布前需要补充：" + "；".join(problems) + "。")


@hooks.register("construct_homepage_panels")
def add_community_pages_panel(request, panels):
    if panel := CommunityPagesPanel.for_user(request.user):
        panels.append(panel)
