"""StoryPage.people (a plain many-to-many select) becomes ordered StoryPerson links chosen through
Wagtail's page chooser. Existing links are copied, in the database and in every saved revision,
before the old field goes, so no story loses its people and an old draft published later keeps
them too."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_links(apps, schema_editor):
    StoryPage = apps.get_model("exhibits", "StoryPage")
    StoryPerson = apps.get_model("exhibits", "StoryPerson")
    Through = StoryPage.people.through
    links, counts = [], {}
    for story, person in Through.objects.order_by("storypage_id", "id").values_list(
        "storypage_id", "profilepage_id"
    ):
        links.append(StoryPerson(page_id=story, person_id=person, sort_order=counts.get(story, 0)))
        counts[story] = counts.get(story, 0) + 1
    StoryPerson.objects.bulk_create(links)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    story_type = ContentType.objects.filter(app_label="exhibits", model="storypage").first()
    if story_type is None:
        return
    for revision in Revision.objects.filter(content_type=story_type).iterator():
        content = revision.content or {}
        if "people" not in content:
            continue
        people = content.pop("people") or []
        content["related_people"] = [
            {"pk": None, "sort_order": index, "page": content.get("pk"), "person": person}
            for index, person in enumerate(people)
        ]
        revision.content = content
        revision.save(update_fields=["content"])


def copy_links_back(apps, schema_editor):
    StoryPage = apps.get_model("exhibits", "StoryPage")
    StoryPerson = apps.get_model("exhibits", "StoryPerson")
    Through = StoryPage.people.through
    Through.objects.bulk_create(
        Through(storypage_id=link.page_id, profilepage_id=link.person_id)
        for link in StoryPerson.objects.order_by("page_id", "sort_order")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exhibits", "0006_family_kind_values"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryPerson",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_people",
                        to="exhibits.storypage",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="story_links",
                        to="exhibits.profilepage",
                        verbose_name="人物",
                    ),
                ),
            ],
            options={
                "verbose_name": "相关人物",
                "verbose_name_plural": "相关人物",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_links, copy_links_back),
        migrations.RemoveField(model_name="storypage", name="people"),
    ]
