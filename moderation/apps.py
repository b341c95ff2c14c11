from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "审核与权限"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
