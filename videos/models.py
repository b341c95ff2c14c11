from wagtailmedia.models import AbstractMedia


class VideoMedia(AbstractMedia):
    """The site's media files (WAGTAILMEDIA["MEDIA_MODEL"]): films, micro-videos and audio."""

    class Meta(AbstractMedia.Meta):
        verbose_name = "音视频"
        verbose_name_plural = "音视频"
