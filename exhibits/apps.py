from django.apps import AppConfig


class ExhibitsConfig(AppConfig):
    name = "exhibits"
    verbose_name = "展项"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
