from wagtail.snippets.models import register_snippet

from .viewsets import VideoSeriesViewSet

register_snippet(VideoSeriesViewSet)
