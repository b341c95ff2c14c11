from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    """The ground every other app stands on: text tools, page mixins, cards, the kind registry."""

    name = "core"
    verbose_name = "基础"

    def ready(self):
        from wagtail.models import get_page_models

        from . import generation
        from .search.indexing import SegmentedSearchMixin, index_on_save, remove_on_delete

        generation.register()
        for model in get_page_models():
            if issubclass(model, SegmentedSearchMixin):
                post_save.connect(index_on_save, sender=model, dispatch_uid=f"core-index-{model._meta.label}")
                post_delete.connect(
                    remove_on_delete, sender=model, dispatch_uid=f"core-unindex-{model._meta.label}"
                )
