"""视频: films and micro-videos, and their listing."""

import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from core.api_fields import ImageField, MediaField
from core.generation import memoized
from core.kinds import Kind, exhibit_models
from core.search.indexing import once_per_pass
from core.seo import absolute, base_data, image_url, place_data
from core.visibility import public
from videos import embeds

from ..facets import Facet, YearFacet
from .base import ExhibitPage, ExhibitTag
from .listings import ExhibitIndexPage, place_facets, tag_facet

RELATED_COUNT = 4


class VideoKind(models.TextChoices):
    FEATURE = "feature", "专题片"
    MICRO = "micro", "微视频"


class VideoPage(ExhibitPage):
    """A film or micro-video (专题片、微视频).

    The media file carries what belongs to the film itself: poster frame, caption tracks,
    transcript and its place in a series. The page only adds an optional poster of its own (a
    designed cover rather than a frame) and, for films hosted elsewhere, a Bilibili or Tencent
    Video link played in that platform's player.
    """

    kind = models.CharField("类型", max_length=20, choices=VideoKind.choices, default=VideoKind.MICRO)
    video = models.ForeignKey(
        "videos.VideoMedia",
        verbose_name="视频文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="字幕、文字稿、封面帧和分集在“音视频”中随视频文件编辑。",
    )
    poster = models.ForeignKey(
        get_image_model_string(),
        verbose_name="页面封面图（可选）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="不选择时使用视频文件的封面图。",
    )
    platform_url = models.URLField(
        "外部平台链接",
        max_length=500,
        blank=True,
        help_text="没有上传视频文件时，可填写哔哩哔哩或腾讯视频的播放页链接，页面将显示该平台的播放器。",
    )
    producer = models.CharField("摄制单位", max_length=120, blank=True)

    page_kind = Kind("video", "视频", order=50)

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                MediaChooserPanel("video", media_type="video"),
                FieldPanel("poster"),
                FieldPanel("platform_url"),
                HelpPanel(content=embeds.SUPPORTED_HINT),
                FieldPanel("producer"),
            ],
            heading="视频",
        ),
        *ExhibitPage.closing_panels,
    ]

    search_fields = [
        *ExhibitPage.search_fields,
        index.SearchField("producer"),
        index.SearchField("search_captions"),
        index.FilterField("kind"),
    ]

    api_fields = [
        *ExhibitPage.api_fields,
        APIField("kind"),
        APIField("producer"),
        APIField("poster", serializer=ImageField()),
        APIField("video", serializer=MediaField()),
    ]

    card_image_fields = ("poster", "cover_image")
    og_type = "video.other"

    class Meta:
        verbose_name = "视频"
        verbose_name_plural = "视频"

    def clean(self):
        super().clean()
        if self.platform_url:
            try:
                embeds.parse(self.platform_url)
            except embeds.UnsupportedVideoLink as exc:
                raise ValidationError({"platform_url": exc.message}) from exc

    # What the page shows ------------------------------------------------------------------------

    @property
    def poster_image(self):
        """The page's own poster, else the film's poster frame."""
        if self.poster_id:
            return self.poster
        return self.video.poster if self.video_id and self.video else None

    def card_image_fallback(self):
        """Without a poster or cover of the page's own, the film's poster frame."""
        return self.poster_image

    @property
    def platform_video(self):
        """The Bilibili/Tencent video of `platform_url` (None without a usable link)."""
        if not self.platform_url:
            return None
        try:
            return embeds.parse(self.platform_url)
        except embeds.UnsupportedVideoLink:
            return None

    def search_captions(self):
        """Caption words and transcript of the film, for search (indexed as a SearchField)."""
        if not self.video_id or not self.video:
            return ""
        # Read from the caption files: once per indexing pass, though every index column asks.
        return once_per_pass(
            self,
            "_search_captions",
            lambda: "\n".join(part for part in (self.video.caption_text(), self.video.transcript) if part),
        )

    def series_episodes(self):
        """Live pages of the other episodes of this film's series, in episode order."""
        media = self.video if self.video_id else None
        if media is None or media.series_id is None:
            return []
        pages = (
            public(VideoPage.objects.live())
            .filter(video__series_id=media.series_id)
            .select_related("video")
            .order_by("video__episode", "pk")
        )
        return list(pages)

    def related_exhibits(self, exclude=()):
        """Up to four live exhibits of any kind from the same place or sharing a tag.

        Shown as a plain list of links, fetched in one query: cards with pictures would cost a
        query per kind on every video page.
        """
        same_place = Q(path__startswith=self.path[: -self.steplen], depth=self.depth)
        shared_tag = Q(
            pk__in=ExhibitTag.objects.filter(
                tag_id__in=ExhibitTag.objects.filter(content_object_id=self.pk).values("tag_id")
            ).values("content_object_id")
        )
        pages = list(
            public(Page.objects.live())
            .type(*exhibit_models())
            .filter(same_place | shared_tag)
            .exclude(pk__in=[self.pk, *(page.pk for page in exclude)])
            .select_related("content_type")
            .order_by("-first_published_at", "-pk")[:RELATED_COUNT]
        )
        for page in pages:
            page.kind_label = page.specific_class._meta.verbose_name
        return pages

    def structured_data(self, request):
        media = self.video if self.video_id else None
        duration = getattr(media, "duration", None)
        return base_data(
            request,
            self,
            "VideoObject",
            thumbnailUrl=image_url(request, self),
            uploadDate=self.first_published_at.isoformat() if self.first_published_at else None,
            contentUrl=absolute(request, media.url) if media else None,
            duration=f"PT{round(duration)}S" if duration else None,
            producer={"@type": "Organization", "name": self.producer} if self.producer else None,
            contentLocation=place_data(request, self.place),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        episodes = functools.cache(self.series_episodes)
        # Fetched when the template first asks: not at all when the article is kept (core.fragments).
        context["episodes"] = SimpleLazyObject(lambda: episodes() if len(episodes()) > 1 else [])
        context["captions"] = SimpleLazyObject(
            lambda: self.video.ordered_captions if self.video_id and self.video else []
        )
        # A search over every exhibit beneath the place and every shared tag (10 ms at 10,000
        # exhibits) whose answer changes only with content: kept for the content generation.
        context["related_exhibits"] = SimpleLazyObject(
            lambda: memoized(
                ("exhibits:video-related", self.pk), lambda: self.related_exhibits(exclude=episodes())
            )
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        video = None if self.video_id else self.platform_video
        if video is not None:
            # This page alone may frame that one player; every other page keeps frame-src 'none'.
            response._csp_replace = {"frame-src": [video.origin]}
        return response


class VideoIndexPage(ExhibitIndexPage):
    exhibit_model = VideoPage

    class Meta:
        verbose_name = "视频列表页"
        verbose_name_plural = "视频列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet("kind", "类型", "kind", choices=dict(VideoKind.choices)),
            YearFacet(),
            tag_facet(),
        ]
