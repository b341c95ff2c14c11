from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "站点与阵地"

    def ready(self):
        from .admin_labels import label_untranslated_fields

        label_untranslated_fields()
