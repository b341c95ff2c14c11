from wagtail.snippets.views.snippets import SnippetViewSet

from .models import VideoSeries


class VideoSeriesViewSet(SnippetViewSet):
    model = VideoSeries
    icon = "media"
    menu_label = "视频系列"
    list_display = ["title"]
    search_fields = ["title"]
