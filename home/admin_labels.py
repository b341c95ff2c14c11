"""Labels Wagtail 8 builds from Python names, in English, with nothing to translate: the login
form's password field ("Password", from the field's name) and the Sites listing's "Port", "Site
name" and "Root page" columns. They are given their Chinese labels once, at start-up; the field
object is shared by any subclass of the login form, so a custom one keeps the label too."""

from wagtail.admin.forms.auth import LoginForm
from wagtail.sites import views as site_views

SITE_COLUMN_LABELS = {"port": "端口号", "site_name": "站点名称", "root_page": "根页面"}


def label_untranslated_fields():
    LoginForm.declared_fields["password"].label = "密码"
    for column in site_views.IndexView.columns:
        if column.name in SITE_COLUMN_LABELS:
            column.label = SITE_COLUMN_LABELS[column.name]
