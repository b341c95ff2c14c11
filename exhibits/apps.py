from django.apps import AppConfig


class ExhibitsConfig(AppConfig):
    name = "exhibits"
    verbose_name = "展项"
