from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.search import index
from wagtailmedia.models import AbstractMedia

from core.search.media import SEGMENTED_WORDS_FIELDS, SegmentedWordsMixin

from . import webvtt


class VideoSeries(index.Indexed, models.Model):
    """A film in parts (专题片分集): its episodes are media files that point here."""

    title = models.CharField("系列名称", max_length=120, unique=True)
    description = models.TextField("简介", blank=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = "视频系列"
        verbose_name_plural = "视频系列"
        ordering = ["title"]

    def __str__(self):
        return self.title


class VideoMedia(SegmentedWordsMixin, AbstractMedia):
    """The site's media files (WAGTAILMEDIA["MEDIA_MODEL"]): films, micro-videos and audio.

    Duration, width and height are read from the file on upload (`videos.forms`), never typed.
    The poster is required for a video in the editor (taken from the film's middle when the editor
    gives none) and nullable here, so deleting an image never deletes a film.
    """

    poster = models.ForeignKey(
        "home.SiteImage",
        verbose_name="封面图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="视频必须有封面图；不选择时自动从视频中间截取一帧。",
    )
    transcript = models.TextField(
        "文字稿",
        blank=True,
        help_text="影片的完整文字稿（解说词、对白），显示在播放器下方，也可被站内搜索。",
    )
    series = models.ForeignKey(
        VideoSeries,
        verbose_name="所属系列",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="episodes",
        help_text="分集播出的专题片选择所属系列，并填写集数。",
    )
    episode = models.PositiveSmallIntegerField("集数", null=True, blank=True)

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "poster",
        "transcript",
        "series",
        "episode",
        "tags",
    )

    search_fields = [
        *AbstractMedia.search_fields,
        index.SearchField("transcript"),
        *SEGMENTED_WORDS_FIELDS,
    ]

    class Meta(AbstractMedia.Meta):
        verbose_name = "音视频"
        verbose_name_plural = "音视频"
        constraints = [
            models.UniqueConstraint(
                fields=["series", "episode"],
                condition=models.Q(series__isnull=False, episode__isnull=False),
                name="videos_unique_episode_in_series",
                violation_error_message="该系列中已有这一集，请检查集数。",
            )
        ]

    def clean(self):
        if not self.file:
            # No file to check the extension of: the form has already said what was wrong with it.
            self.duration = self.duration or 0
            return
        super().clean()

    @property
    def duration_display(self):
        """The duration as a player shows it: 1:05, or 1:02:05 past an hour."""
        total = round(self.duration or 0)
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def ordered_captions(self):
        """Captions, simplified Chinese first (the default track), then in the editor's order."""
        captions = list(self.captions.all())
        return sorted(captions, key=lambda c: (c.language != CaptionLanguage.ZH_HANS, c.sort_order))

    def caption_text(self):
        """Every caption's words as plain text, for search."""
        texts = []
        for caption in self.captions.all():
            text = caption.read_text()
            if text:
                texts.append(webvtt.plain_text(text))
        return "\n".join(texts)


class CaptionLanguage(models.TextChoices):
    ZH_HANS = "zh-Hans", "简体中文"
    ZH_HANT = "zh-Hant", "繁體中文"
    NAN = "nan", "闽南语"
    EN = "en", "English"


class VideoCaption(models.Model):
    """A WebVTT caption track of a media file (wagtailmedia has none of its own)."""

    media = models.ForeignKey(VideoMedia, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(
        "语言", max_length=16, choices=CaptionLanguage.choices, default=CaptionLanguage.ZH_HANS
    )
    label = models.CharField(
        "显示名称", max_length=40, blank=True, help_text="播放器字幕菜单中显示的名称，默认为语言名。"
    )
    file = models.FileField(
        "字幕文件（WebVTT）",
        upload_to="video_captions",
        validators=[webvtt.validate_caption_file],
        help_text="UTF-8 编码的 .vtt 文件，第一行为“WEBVTT”。",
    )
    sort_order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "字幕"
        verbose_name_plural = "字幕"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["media", "language"],
                name="videos_one_caption_per_language",
                violation_error_message="同一视频的每种语言只能有一个字幕文件。",
            )
        ]

    def __str__(self):
        return f"{self.media} · {self.display_label}"

    @property
    def display_label(self):
        return self.label or self.get_language_display()

    @property
    def url(self):
        """Same-origin address of the track, whatever storage holds the file (see `views`)."""
        return reverse("videos:caption", args=[self.pk])

    def read_text(self):
        try:
            with self.file.open("rb") as handle:
                return webvtt.decode(handle.read(webvtt.MAX_CAPTION_SIZE + 1))
        except (OSError, ValueError, ValidationError):
            # A missing or damaged stored file must not break a page or the search index.
            return ""
