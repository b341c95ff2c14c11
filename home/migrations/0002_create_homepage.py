"""Replace Wagtail's placeholder "Welcome" page with our HomePage as the default site's root."""

from django.db import migrations

SITE_NAME = "丰泽区新时代文明实践数字展馆"


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    placeholder = Page.objects.filter(content_type=page_type, depth=2, numchild=0).first()
    if placeholder is None and Page.objects.filter(depth=2).exists():
        # A tree already exists (an existing installation): leave it to the administrators.
        return
    path = placeholder.path if placeholder else "00010001"
    if placeholder:
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()

    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    homepage = HomePage.objects.create(
        title=SITE_NAME,
        draft_title=SITE_NAME,
        slug="home",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
    )
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost", port=80, root_page=homepage, is_default_site=True, site_name=SITE_NAME
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
