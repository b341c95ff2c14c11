from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = "发现与传播"

    def ready(self):
        from . import purge, signal_handlers

        signal_handlers.register()
        purge.register()
