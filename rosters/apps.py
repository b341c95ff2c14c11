from django.apps import AppConfig


class RostersConfig(AppConfig):
    name = "rosters"
    verbose_name = "荣誉名单"
    default_auto_field = "django.db.models.BigAutoField"
