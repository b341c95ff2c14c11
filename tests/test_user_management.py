"""User management from the attacker's side: a 站点管理员 trying to make anyone all-powerful.

Every attempt is a direct POST with the fields a browser would never send (the form does not show
them) or ids the form does not offer; each must be refused (403, which Wagtail's admin turns into a redirect to the
dashboard with a message) or with a form error, leave the
accounts exactly as they were, and be recorded in the audit log. Then what 站点管理员 is for —
community editors and street reviewers — still works, and superusers keep every power.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry

from moderation.roles import OFFICE, SITE_ADMINS

from .moderation import PASSWORD, build_world, make_user

User = get_user_model()
NEW_PASSWORD = "Another-long-passphrase-2026"


def assert_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    assert response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ), (response.status_code, response.get("Location"))


def account_state(user):
    user = User.objects.get(pk=user.pk)
    return {
        "is_superuser": user.is_superuser,
        "is_staff": user.is_staff,
        "is_active": user.is_active,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "password": user.password,
        "email": user.email,
    }


def new_user_data(**extra):
    return {
        "username": "newcomer",
        "email": "newcomer@example.com",
        "first_name": "新",
        "last_name": "用户",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **extra,
    }


def edit_data(user, **extra):
    user = User.objects.get(pk=user.pk)
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "名",
        "last_name": user.last_name or "姓",
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "password1": "",
        "password2": "",
        **extra,
    }


class SiteAdminEscalationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.users = cls.world.users
        cls.root = User.objects.create_superuser("root", "root@example.com", PASSWORD)
        cls.office_group = Group.objects.get(name=OFFICE)
        cls.site_admin_group = Group.objects.get(name=SITE_ADMINS)
        cls.editors_a = cls.world.roles["editors_a"].group
        cls.editors_b = cls.world.roles["editors_b"].group

    def setUp(self):
        self.client.force_login(self.users["site_admin"])
        self.accounts = [self.root, *(user for user in self.users.values() if user is not None)]
        self.before = {user.pk: account_state(user) for user in self.accounts}

    def assertNothingChanged(self):
        self.assertEqual({user.pk: account_state(user) for user in self.accounts}, self.before)

    def assertRefusalLogged(self):
        self.assertTrue(
            ModelLogEntry.objects.filter(
                action="moderation.user_change_refused", user_id=self.users["site_admin"].pk
            ).exists()
        )

    def add(self, **extra):
        return self.client.post(reverse("wagtailusers_users:add"), new_user_data(**extra))

    def edit(self, user, **extra):
        return self.client.post(reverse("wagtailusers_users:edit", args=[user.pk]), edit_data(user, **extra))

    # Creating ------------------------------------------------------------------------------------

    def test_cannot_create_a_superuser_by_posting_the_hidden_box(self):
        response = self.add(is_superuser="on")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "提交了表单中没有的字段")
        self.assertFalse(User.objects.filter(username="newcomer").exists())
        self.assertFalse(User.objects.filter(is_superuser=True).exclude(pk=self.root.pk).exists())
        self.assertRefusalLogged()

    def test_cannot_create_a_staff_account(self):
        self.add(is_staff="on")
        self.assertFalse(User.objects.filter(username="newcomer").exists())
        self.assertRefusalLogged()

    def test_cannot_create_a_member_of_the_office_or_of_its_own_group(self):
        for group in (self.office_group, self.site_admin_group):
            with self.subTest(group=group.name):
                response = self.add(groups=[str(self.editors_a.pk), str(group.pk)])
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "只能分配社区编辑或街道审核用户组")
                self.assertFalse(User.objects.filter(username="newcomer").exists())
        self.assertRefusalLogged()

    def test_the_add_form_offers_place_groups_only_and_no_administrator_box(self):
        form = self.client.get(reverse("wagtailusers_users:add")).context["form"]
        self.assertNotIn("is_superuser", form.fields)
        offered = set(form.fields["groups"].queryset.values_list("name", flat=True))
        self.assertIn(self.editors_a.name, offered)
        self.assertNotIn(OFFICE, offered)
        self.assertNotIn(SITE_ADMINS, offered)

    # Editing -------------------------------------------------------------------------------------

    def test_cannot_put_itself_into_the_office_group(self):
        me = self.users["site_admin"]
        response = self.edit(me, groups=[str(self.site_admin_group.pk), str(self.office_group.pk)])
        assert_denied(response)
        assert_denied(self.client.get(reverse("wagtailusers_users:edit", args=[me.pk])))
        self.assertNothingChanged()
        self.assertRefusalLogged()

    def test_cannot_move_an_editor_into_the_office(self):
        editor = self.users["editor_a"]
        response = self.edit(editor, groups=[str(self.editors_a.pk), str(self.office_group.pk)])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "只能分配社区编辑或街道审核用户组")
        self.assertNothingChanged()
        self.assertRefusalLogged()

    def test_cannot_make_an_editor_superuser_or_staff(self):
        editor = self.users["editor_a"]
        for field in ("is_superuser", "is_staff", "user_permissions"):
            with self.subTest(field=field):
                response = self.edit(editor, **{field: "on" if field != "user_permissions" else "1"})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "提交了表单中没有的字段")
        self.assertNothingChanged()

    def test_cannot_change_a_superusers_password(self):
        response = self.edit(self.root, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
        assert_denied(response)
        self.assertNothingChanged()
        self.assertFalse(User.objects.get(pk=self.root.pk).check_password(NEW_PASSWORD))
        self.assertRefusalLogged()

    def test_cannot_open_or_edit_a_superuser_an_office_member_or_another_site_admin(self):
        other_admin = make_user("site_admin_2", SITE_ADMINS)
        self.accounts.append(other_admin)
        self.before[other_admin.pk] = account_state(other_admin)
        for account in (self.root, self.users["office"], other_admin):
            with self.subTest(account=account.username):
                url = reverse("wagtailusers_users:edit", args=[account.pk])
                assert_denied(self.client.get(url))
                response = self.edit(account, email="taken@example.com", is_active="")
                assert_denied(response)
        self.assertNothingChanged()

    def test_cannot_delete_a_superuser_or_an_office_member(self):
        for account in (self.root, self.users["office"]):
            with self.subTest(account=account.username):
                response = self.client.post(reverse("wagtailusers_users:delete", args=[account.pk]))
                assert_denied(response)
                self.assertTrue(User.objects.filter(pk=account.pk).exists())

    def test_listing_links_only_to_accounts_it_may_manage(self):
        response = self.client.get(reverse("wagtailusers_users:index"))
        content = response.content.decode()
        self.assertIn(reverse("wagtailusers_users:edit", args=[self.users["editor_a"].pk]), content)
        for account in (self.root, self.users["office"], self.users["site_admin"]):
            self.assertNotIn(reverse("wagtailusers_users:edit", args=[account.pk]), content)

    # Bulk actions and groups ---------------------------------------------------------------------

    def bulk(self, action, accounts, **data):
        url = reverse("wagtail_bulk_action", args=["auth", "user", action])
        query = "&".join(f"id={account.pk}" for account in accounts)
        return self.client.post(f"{url}?{query}", data)

    def test_bulk_assign_role_cannot_hand_out_the_office_group(self):
        response = self.bulk(
            "assign_role", [self.users["site_admin"], self.users["editor_a"]], role=self.office_group.pk
        )
        self.assertEqual(response.status_code, 200)
        self.assertNothingChanged()
        self.assertRefusalLogged()

    def test_bulk_actions_leave_superusers_and_the_office_alone(self):
        targets = [self.root, self.users["office"]]
        self.bulk("assign_role", targets, role=self.editors_a.pk)
        self.bulk("set_active_state", targets, mark_as_active="False")
        self.bulk("delete", targets)
        self.assertNothingChanged()

    def test_cannot_edit_groups(self):
        url = reverse("wagtailusers_groups:edit", args=[self.site_admin_group.pk])
        assert_denied(self.client.get(url))
        assert_denied(self.client.post(url, {"name": SITE_ADMINS}))


class SiteAdminDutiesTests(TestCase):
    """What 站点管理员 is for still works, and is in the audit log."""

    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.editors_a = cls.world.roles["editors_a"].group
        cls.editors_b = cls.world.roles["editors_b"].group
        cls.reviewers_a = cls.world.roles["reviewers_a"].group

    def setUp(self):
        self.actor = self.world.users["site_admin"]
        self.client.force_login(self.actor)

    def test_creates_a_community_editor(self):
        response = self.client.post(
            reverse("wagtailusers_users:add"), new_user_data(groups=[str(self.editors_a.pk)])
        )
        self.assertEqual(response.status_code, 302)
        created = User.objects.get(username="newcomer")
        self.assertEqual(list(created.groups.all()), [self.editors_a])
        self.assertFalse(created.is_superuser or created.is_staff)
        logged = set(ModelLogEntry.objects.for_instance(created).values_list("action", flat=True))
        self.assertLessEqual({"moderation.user_groups_changed", "moderation.user_password_set"}, logged)

    def test_moves_an_editor_to_another_community_and_resets_the_password(self):
        editor = self.world.users["editor_a"]
        response = self.client.post(
            reverse("wagtailusers_users:edit", args=[editor.pk]),
            edit_data(
                editor,
                groups=[str(self.editors_b.pk), str(self.reviewers_a.pk)],
                password1=NEW_PASSWORD,
                password2=NEW_PASSWORD,
            ),
        )
        self.assertEqual(response.status_code, 302)
        editor.refresh_from_db()
        self.assertEqual(set(editor.groups.all()), {self.editors_b, self.reviewers_a})
        self.assertTrue(editor.check_password(NEW_PASSWORD))
        change = ModelLogEntry.objects.for_instance(editor).get(action="moderation.user_groups_changed")
        self.assertEqual(change.data["removed"], [self.editors_a.name])
        self.assertEqual(change.user, self.actor)
        self.assertTrue(
            ModelLogEntry.objects.for_instance(editor).filter(action="moderation.user_password_set").exists()
        )

    def test_deactivates_an_editor_in_bulk(self):
        editor = self.world.users["editor_b"]
        url = reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"])
        self.client.post(f"{url}?id={editor.pk}", {"mark_as_active": "False"})
        editor.refresh_from_db()
        self.assertFalse(editor.is_active)


class OtherRolesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.root = User.objects.create_superuser("root", "root@example.com", PASSWORD)

    def test_the_office_reads_users_but_cannot_edit_them(self):
        self.client.force_login(self.world.users["office"])
        editor = self.world.users["editor_a"]
        url = reverse("wagtailusers_users:edit", args=[editor.pk])
        assert_denied(self.client.get(url))
        assert_denied(self.client.post(url, edit_data(editor, email="x@example.com")))

    def test_editors_cannot_reach_user_management(self):
        self.client.force_login(self.world.users["editor_a"])
        self.assertEqual(self.client.get(reverse("wagtailusers_users:index")).status_code, 302)
        response = self.client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(username="newcomer").exists())

    def test_superusers_keep_every_power(self):
        self.client.force_login(self.root)
        office = Group.objects.get(name=OFFICE)
        response = self.client.post(
            reverse("wagtailusers_users:add"), new_user_data(is_superuser="on", groups=[str(office.pk)])
        )
        self.assertEqual(response.status_code, 302)
        created = User.objects.get(username="newcomer")
        self.assertTrue(created.is_superuser)
        self.assertEqual(list(created.groups.all()), [office])
        member = self.world.users["office"]
        response = self.client.post(
            reverse("wagtailusers_users:edit", args=[member.pk]),
            edit_data(member, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(User.objects.get(pk=member.pk).check_password(NEW_PASSWORD))
