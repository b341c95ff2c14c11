from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from .base import ExhibitPage


class VideoKind(models.TextChoices):
    FEATURE = "feature", "专题片"
    MICRO = "micro", "微视频"


class VideoPage(ExhibitPage):
    """A film or micro-video (专题片、微视频) with its poster."""

    kind = models.CharField("类型", max_length=20, choices=VideoKind.choices, default=VideoKind.MICRO)
    video = models.ForeignKey(
        "videos.VideoMedia",
        verbose_name="视频文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    poster = models.ForeignKey(
        "home.SiteImage",
        verbose_name="封面帧",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    producer = models.CharField("摄制单位", max_length=120, blank=True)

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                MediaChooserPanel("video", media_type="video"),
                FieldPanel("poster"),
                FieldPanel("producer"),
            ],
            heading="视频",
        ),
        *ExhibitPage.closing_panels,
    ]

    search_fields = [
        *ExhibitPage.search_fields,
        index.SearchField("producer"),
        index.FilterField("kind"),
    ]

    card_image_field = "poster"

    class Meta:
        verbose_name = "视频"
        verbose_name_plural = "视频"
