# The stored values of HonouredFamily.kind become English words like every other choice here
# (they were pinyin: poxi, zhouli, linju). Rows and saved page revisions are rewritten.

from django.db import migrations, models

RENAMED = {"poxi": "in_laws", "zhouli": "sisters_in_law", "linju": "neighbours"}


def rename(apps, old_to_new):
    HonouredFamily = apps.get_model("exhibits", "HonouredFamily")
    Revision = apps.get_model("wagtailcore", "Revision")
    for old, new in old_to_new.items():
        HonouredFamily.objects.filter(kind=old).update(kind=new)
    for revision in Revision.objects.filter(content__has_key="honoured_families").iterator():
        families = revision.content.get("honoured_families") or []
        changed = False
        for family in families:
            if family.get("kind") in old_to_new:
                family["kind"] = old_to_new[family["kind"]]
                changed = True
        if changed:
            revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    rename(apps, RENAMED)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("exhibits", "0005_videopage_platform_link"),
    ]

    operations = [
        migrations.AlterField(
            model_name="honouredfamily",
            name="kind",
            field=models.CharField(
                choices=[
                    ("family", "文明家庭"),
                    ("in_laws", "好婆媳"),
                    ("sisters_in_law", "好妯娌"),
                    ("neighbours", "好邻居"),
                ],
                max_length=20,
                verbose_name="类别",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
