from django.apps import AppConfig


class VideosConfig(AppConfig):
    name = "videos"
    verbose_name = "音视频"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
