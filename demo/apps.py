from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site built from the seed article; the top layer, which nothing else imports."""

    name = "demo"
    verbose_name = "演示内容"
