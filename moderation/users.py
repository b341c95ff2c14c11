"""Who may manage which user accounts, and the user forms that hold to it.

Only superusers create superusers, touch `is_superuser`/`is_staff`, or edit and delete a
superuser, a member of 「区委文明办」 or 「站点管理员」. Anyone else with Wagtail's user permissions
(the 「站点管理员」 group) manages only the accounts of community editors and street reviewers —
accounts whose groups are all place groups (`PlaceRole`) or none — and may give them only place
groups: never their own, never the office's, never anything to themselves.

The rule is enforced three times: the permission policy (`UserPermissionPolicy`, registered for
the user model by `WenmingUsersAppConfig`) answers for each account, the views in
`moderation.viewsets` refuse with 403 what it refuses, and the forms below refuse — with an error,
never silently — any posted field they do not show and any group they do not offer.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm

# Actions on one account that need the account to be manageable, beyond the model permission.
ACCOUNT_ACTIONS = {"change", "delete"}
# Audit-log actions (registered in wagtail_hooks.py).
GROUPS_CHANGED = "moderation.user_groups_changed"
PASSWORD_SET = "moderation.user_password_set"  # noqa: S105 - an action name
CHANGE_REFUSED = "moderation.user_change_refused"


def assignable_groups(actor):
    """The groups `actor` may give or take away in the users admin."""
    if actor.is_superuser:
        return Group.objects.all()
    return Group.objects.filter(place_role__isnull=False)


def managed_users(actor):
    """The accounts `actor` may edit, reset the password of, (de)activate and delete."""
    user_model = get_user_model()
    if actor.is_superuser:
        return user_model._default_manager.all()
    with_direct_permissions = user_model.user_permissions.through.objects.values("user_id")
    return (
        user_model._default_manager.filter(is_superuser=False, is_staff=False)
        .exclude(pk=actor.pk)
        .exclude(groups__in=Group.objects.filter(place_role__isnull=True))
        .exclude(pk__in=with_direct_permissions)
    )


def may_manage(actor, account):
    return actor.is_superuser or managed_users(actor).filter(pk=account.pk).exists()


class UserPermissionPolicy(ModelPermissionPolicy):
    """Django's user permissions, narrowed to the accounts `managed_users` allows."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return action not in ACCOUNT_ACTIONS or may_manage(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return self.model._default_manager.none()
        if set(allowed) - ACCOUNT_ACTIONS:
            return self.model._default_manager.all()
        return managed_users(user)


def log_refusal(actor, account, reasons):
    """An attempt to go beyond the rule goes into Wagtail's audit log (报告 → 网站历史)."""
    log(
        instance=account if account is not None and account.pk else actor,
        action=CHANGE_REFUSED,
        user=actor,
        data={"account": getattr(account, "username", "") or "（新用户）", "reasons": reasons},
    )


class RoleLimitedUserFormMixin:
    """Offers a non-superuser only place groups and no administrator box, and refuses the rest."""

    def __init__(self, *args, acting_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        if not acting_user.is_superuser:
            self.fields.pop("is_superuser", None)
            groups = self.fields["groups"]
            groups.queryset = assignable_groups(acting_user)
            groups.help_text = "站点管理员只能分配社区编辑和街道审核用户组。"
            groups.error_messages = {
                **groups.error_messages,
                "invalid_choice": "只能分配社区编辑或街道审核用户组；所选的用户组不在其中。",
            }

    def unshown_fields_posted(self):
        """Posted names of user fields that this form does not show (is_superuser, is_staff …)."""
        user_fields = {field.name for field in get_user_model()._meta.get_fields()}
        user_fields |= {"is_superuser", "is_staff", "user_permissions", "groups", "password"}
        return sorted(name for name in self.data if name in user_fields and name not in self.fields)

    def refusal_reasons(self):
        """Why this form refused to go beyond the acting user's rights ([] if it did not)."""
        reasons = [f"提交了未显示的字段 {name}" for name in self.unshown_fields_posted()]
        if self.has_error("groups", "invalid_choice"):
            reasons.append("分配了不允许的用户组")
        return reasons

    def clean(self):
        cleaned_data = super().clean()
        unshown = self.unshown_fields_posted()
        if unshown:
            raise forms.ValidationError(
                "提交了表单中没有的字段（%(fields)s），未保存任何修改。",
                code="unshown_fields",
                params={"fields": "、".join(unshown)},
            )
        return cleaned_data

    def check_outcome(self):
        """Last check before saving, whatever the form's fields were: nothing beyond the rule."""
        actor, account = self.acting_user, self.instance
        if actor.is_superuser:
            return
        allowed = set(assignable_groups(actor).values_list("pk", flat=True))
        chosen = {group.pk for group in self.cleaned_data.get("groups", [])}
        if account.is_superuser or account.is_staff or not chosen <= allowed or account.pk == actor.pk:
            raise PermissionDenied


class RoleLimitedUserCreationForm(RoleLimitedUserFormMixin, UserCreationForm):
    pass


class RoleLimitedUserEditForm(RoleLimitedUserFormMixin, UserEditForm):
    pass
