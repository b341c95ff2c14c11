"""Who sees which nominations, and whether they see the nominator's contact details.

Django model permissions (granted by moderation.roles.sync_roles) say *whether* a user may look
at the queue; the rows they see are narrowed here:

- the office (change_nomination): every nomination, with contact details
  (view_nominator_contact);
- a community's editors (view_nomination): their own communities' nominations, without contact
  details;
- anyone else: nothing.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from moderation.models import PlaceRole

from .models import Nomination


def can_triage(user):
    return user.is_active and user.has_perm("nominations.change_nomination")


def can_see_contact(user):
    return user.is_active and user.has_perm("nominations.view_nominator_contact")


def visible_communities(user):
    """Ids of the communities whose nominations `user` may read, or None for all of them."""
    if not user.is_active:
        return set()
    if user.is_superuser or can_triage(user):
        return None
    if not user.has_perm("nominations.view_nomination"):
        return set()
    return set(
        PlaceRole.objects.filter(kind=PlaceRole.Kind.EDITORS, group__in=user.groups.all()).values_list(
            "page_id", flat=True
        )
    )


def nominations_for(user, queryset=None):
    queryset = Nomination.objects.all() if queryset is None else queryset
    communities = visible_communities(user)
    if communities is None:
        return queryset
    return queryset.filter(community_id__in=communities)


class NominationPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds nominations in the admin (they come from the public form); only superusers
    delete them (a request to erase someone's data); the rest follows model permissions."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action == "delete":
            return user.is_active and user.is_superuser
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
