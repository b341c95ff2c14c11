from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground every other app stands on: text tools, page mixins, cards, the kind registry."""

    name = "core"
    verbose_name = "基础"

    def ready(self):
        from . import generation

        generation.register()
