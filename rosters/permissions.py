"""Who may import rosters, into which communities, and who may export the honour roll.

- Importing needs `rosters.add_rosterimport` (granted by `sync_roles` to the office and to every
  community's editors) and, row by row, Wagtail's own permission to add pages in the community:
  the office may add anywhere, a community's editors only in their own subtree. Rows for any other
  community are refused in the preview.
- The reports: the office (`rosters.view_all_rosterimports`) reads every one; an importer reads
  the imports they made.
- Exporting the honour roll, with consent records when asked for, is the office's alone
  (`rosters.export_honourroll`).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from exhibits.models import ProfilePage


def can_import(user):
    return user.is_active and user.has_perm("rosters.add_rosterimport")


def can_export(user):
    return user.is_active and user.has_perm("rosters.export_honourroll")


def sees_all_imports(user):
    return user.is_active and (user.is_superuser or user.has_perm("rosters.view_all_rosterimports"))


def importable_communities(user, communities):
    """Ids of the `communities` where `user` may create profiles (Wagtail's page permissions)."""
    if not can_import(user):
        return set()
    return {
        community.pk
        for community in communities
        if ProfilePage.can_create_at(community) and community.permissions_for_user(user).can_add_subpage()
    }


def imports_for(user, queryset):
    if sees_all_imports(user):
        return queryset
    if not can_import(user):
        return queryset.none()
    return queryset.filter(uploaded_by=user)


class RosterImportPermissionPolicy(ModelPermissionPolicy):
    """Reports are made by importing and never edited or deleted in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return can_import(user)
        if action == "view":
            return can_import(user) or sees_all_imports(user)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if action != "view":
            return False
        return imports_for(user, type(instance).objects.filter(pk=instance.pk)).exists()
