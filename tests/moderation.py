"""A small district with real roles, for the moderation tests.

Two streets, each with a community: 城东街道 → 浔美社区 (community A) and 华大街道 → 城东社区
(community B), a sibling community 东美社区 beside A in the same street, `sync_roles()` run over
it, and one user per role.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from moderation.models import PlaceRole
from moderation.roles import OFFICE, SITE_ADMINS, role_for, sync_roles

from . import factories as f
from .sites import ensure_home_page

PASSWORD = "correct horse battery staple"


@dataclass
class World:
    home: object
    centre: object
    street_a: object
    street_b: object
    community_a: object
    community_a2: object
    community_b: object
    users: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)


def make_user(username, group_name=None, **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD, first_name=username, **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def build_world():
    home = ensure_home_page()
    centre = f.DistrictCentrePageFactory(parent=home)
    street_a = f.StreetPageFactory(parent=centre, title="城东街道", slug="chengdong")
    street_b = f.StreetPageFactory(parent=centre, title="华大街道", slug="huada")
    community_a = f.CommunityPageFactory(parent=street_a, title="浔美社区", slug="xunmei")
    community_a2 = f.CommunityPageFactory(parent=street_a, title="东美社区", slug="dongmei")
    community_b = f.CommunityPageFactory(parent=street_b, title="城东社区", slug="chengdong-shequ")
    world = World(home, centre, street_a, street_b, community_a, community_a2, community_b)
    sync_roles()
    world.roles = {
        "editors_a": role_for(community_a, PlaceRole.Kind.EDITORS),
        "editors_b": role_for(community_b, PlaceRole.Kind.EDITORS),
        "reviewers_a": role_for(street_a, PlaceRole.Kind.REVIEWERS),
        "reviewers_b": role_for(street_b, PlaceRole.Kind.REVIEWERS),
    }
    world.users = {
        "anonymous": None,
        "editor_a": make_user("editor_a", "浔美社区编辑"),
        "editor_b": make_user("editor_b", "城东社区编辑"),
        "reviewer_a": make_user("reviewer_a", "城东街道审核"),
        "reviewer_b": make_user("reviewer_b", "华大街道审核"),
        "office": make_user("office", OFFICE),
        "site_admin": make_user("site_admin", SITE_ADMINS),
    }
    return world


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page
