"""Column labels Wagtail 8 makes from field names, in English, with no translation hook: the Sites
listing's "Port", "Site name" and "Root page". Given their Chinese labels once, at start-up."""

from wagtail.sites import views as site_views

SITE_COLUMN_LABELS = {"port": "端口号", "site_name": "站点名称", "root_page": "根页面"}


def label_site_columns():
    for column in site_views.IndexView.columns:
        if column.name in SITE_COLUMN_LABELS:
            column.label = SITE_COLUMN_LABELS[column.name]
