"""Demo accounts, one per role in the brief. Their passwords are published in the README, which
is why `load_demo` refuses to run where settings do not allow demo content."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    name: str = ""
    group: str = ""
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("admin", "wenming-admin-2026", "系统管理员（超级用户）", name="系统管理员", superuser=True),
    DemoAccount(
        "editor_xunmei", "demo-xunmei-2026", "浔美社区编辑", name="浔美社区编辑员", group="浔美社区编辑"
    ),
    DemoAccount(
        "editor_chengdong",
        "demo-chengdong-2026",
        "城东社区编辑（另一街道）",
        name="城东社区编辑员",
        group="城东社区编辑",
    ),
    DemoAccount(
        "reviewer_chengdong", "demo-review-2026", "城东街道审核", name="城东街道审核员", group="城东街道审核"
    ),
    DemoAccount(
        "office", "demo-office-2026", "区委文明办（终审、发布）", name="区委文明办", group="区委文明办"
    ),
    DemoAccount(
        "siteadmin", "demo-siteadmin-2026", "站点管理员（用户与设置）", name="站点管理员", group="站点管理员"
    ),
]


def create_demo_accounts():
    """Create missing demo accounts; existing ones are left exactly as they are."""
    User = get_user_model()
    created = 0
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        email = f"{account.username}@example.com"
        if account.superuser:
            user = User.objects.create_superuser(account.username, email, account.password)
        else:
            user = User.objects.create_user(account.username, email, account.password)
            user.groups.add(Group.objects.get(name=account.group))
        user.first_name = account.name
        user.save(update_fields=["first_name"])
        created += 1
    return created


def accounts_table():
    width = max(len(account.username) for account in DEMO_ACCOUNTS)
    lines = [
        f"  {account.username:<{width}}  {account.password:<22}  {account.role}" for account in DEMO_ACCOUNTS
    ]
    return "\n".join(["Demo accounts (log in at /admin/):", *lines])
