"""Wagtail's migrations name the tree's root page and the root collection "Root", and make two
groups (Editors, Moderators) and a workflow ("Moderators approval") that this site does not use;
staff see all of them in the admin (正在浏览: Root, the collection choice on every upload, the
group and workflow lists). Renamed in Chinese, only while they still carry Wagtail's name."""

from django.db import migrations

ROOT_PAGE = "根目录"
ROOT_COLLECTION = "根集合"
GROUPS = {"Editors": "默认编辑组（未使用）", "Moderators": "默认审核组（未使用）"}
WORKFLOW = {"Moderators approval": "默认审核流程（未使用）"}


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_PAGE, draft_title=ROOT_PAGE)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION)
    rename_named(apps, GROUPS, WORKFLOW)


def rename_named(apps, groups, workflows):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in groups.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for old, new in workflows.items():
        Workflow.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=ROOT_PAGE).update(title="Root", draft_title="Root")
    Collection.objects.filter(depth=1, name=ROOT_COLLECTION).update(name="Root")
    rename_named(apps, {new: old for old, new in GROUPS.items()}, {new: old for old, new in WORKFLOW.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0094_alter_page_locale"),
        # Wagtail's own data migrations look these groups up by name: they run first.
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtailmedia", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
