from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "审核与权限"
    # apps.py holds a second AppConfig (below), so Django needs telling which one is the app's.
    default = True

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()


class WenmingUsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with user management that a 站点管理员 cannot use to raise anyone's rights.

    Listed in INSTALLED_APPS instead of "wagtail.users" (Wagtail's documented way to customise
    the users admin); the app label stays "wagtailusers".
    """

    user_viewset = "moderation.viewsets.UserViewSet"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from .users import UserPermissionPolicy

        user_model = get_user_model()
        register_permission_policy(user_model, UserPermissionPolicy(user_model))
        register_permission_policy(Group)
