from django.apps import AppConfig


class SixthKindConfig(AppConfig):
    name = "tests.sixth_kind"
    label = "sixth_kind"
    verbose_name = "第六种展项（测试）"
