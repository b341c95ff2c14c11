"""The users admin (/admin/users/) and its bulk actions, held to the rule in `moderation.users`.

Wagtail's own views check only Django's model permissions (may this user change *users*?); these
add the per-account rule (may they change *this* account, give *these* groups?), refuse with 403
what it refuses, and record in the audit log both what they did and what they refused.
"""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.log_actions import log
from wagtail.users.views import users
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)

from .users import (
    GROUPS_CHANGED,
    PASSWORD_SET,
    RoleLimitedUserCreationForm,
    RoleLimitedUserEditForm,
    assignable_groups,
    log_refusal,
    managed_users,
    may_manage,
)


def group_names(groups):
    return sorted(group.name for group in groups)


class AccountFormViewMixin:
    """Shared by the create and edit views: the acting user goes to the form; refusals are logged."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}

    def form_invalid(self, form):
        if reasons := form.refusal_reasons():
            log_refusal(self.request.user, getattr(self, "object", None), reasons)
        return super().form_invalid(form)

    def save_instance(self):
        form = self.form
        form.check_outcome()
        before = set(self.object.groups.all()) if getattr(self, "object", None) and self.object.pk else set()
        instance = super().save_instance()
        after = set(instance.groups.all())
        if before != after:
            log(
                instance=instance,
                action=GROUPS_CHANGED,
                user=self.request.user,
                data={"added": group_names(after - before), "removed": group_names(before - after)},
            )
        if form.cleaned_data.get("password1"):
            log(instance=instance, action=PASSWORD_SET, user=self.request.user)
        return instance


class UserIndexView(users.IndexView):
    @cached_property
    def managed_pks(self):
        return set(managed_users(self.request.user).values_list("pk", flat=True))

    def get_edit_url(self, instance):
        if instance.pk in self.managed_pks:
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if instance.pk in self.managed_pks:
            return super().get_delete_url(instance)
        return None


class UserCreateView(AccountFormViewMixin, users.CreateView):
    pass


class UserEditView(AccountFormViewMixin, users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.can_delete = self.can_delete and may_manage(request.user, self.object)

    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user, self.object):
            if request.method == "POST":
                log_refusal(request.user, self.object, ["修改无权管理的账号"])
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserDeleteView(users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user, self.object):
            if request.method == "POST":
                log_refusal(request.user, self.object, ["删除无权管理的账号"])
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(users.UserViewSet):
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update=False):
        return RoleLimitedUserEditForm if for_update else RoleLimitedUserCreationForm


# Bulk actions on the users listing: the same accounts only, the same groups only. Registered in
# wagtail_hooks.py after Wagtail's own, which they replace.


class ManagedAccountsOnlyMixin:
    def check_perm(self, obj):
        return super().check_perm(obj) and may_manage(self.request.user, obj)


class UserAssignRoleBulkAction(ManagedAccountsOnlyMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = assignable_groups(self.request.user)
        form.fields["role"].error_messages["invalid_choice"] = "只能分配社区编辑或街道审核用户组。"
        return form

    def form_invalid(self, form):
        if form.has_error("role", "invalid_choice"):
            log_refusal(self.request.user, None, ["批量分配了不允许的用户组"])
        return super().form_invalid(form)

    def get_execution_context(self):
        role = self.cleaned_form.cleaned_data["role"]
        if not assignable_groups(self.request.user).filter(pk=role.pk).exists():
            raise PermissionDenied
        for account in self.actionable_objects:
            if role in account.groups.all():
                continue
            log(
                instance=account,
                action=GROUPS_CHANGED,
                user=self.request.user,
                data={"added": [role.name], "removed": []},
            )
        return super().get_execution_context()


class UserDeleteBulkAction(ManagedAccountsOnlyMixin, DeleteBulkAction):
    pass


class UserSetActiveStateBulkAction(ManagedAccountsOnlyMixin, SetActiveStateBulkAction):
    pass
