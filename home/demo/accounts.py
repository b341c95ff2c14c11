"""Demo accounts, one per role in the brief. Their passwords are published in the README, which
is why `load_demo` refuses to run where settings do not allow demo content."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("admin", "wenming-admin-2026", "系统管理员（超级用户）", superuser=True),
]


def create_demo_accounts():
    """Create missing demo accounts; existing ones are left exactly as they are."""
    User = get_user_model()
    created = 0
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        if account.superuser:
            User.objects.create_superuser(
                account.username, f"{account.username}@example.com", account.password
            )
        else:
            User.objects.create_user(
                account.username, f"{account.username}@example.com", account.password, is_staff=False
            )
        created += 1
    return created


def accounts_table():
    width = max(len(account.username) for account in DEMO_ACCOUNTS)
    lines = [
        f"  {account.username:<{width}}  {account.password:<22}  {account.role}" for account in DEMO_ACCOUNTS
    ]
    return "\n".join(["Demo accounts (log in at /admin/):", *lines])
