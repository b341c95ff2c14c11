from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from ..choices import DeedCategory
from .base import ExhibitPage


class StoryPage(ExhibitPage):
    """A story of good people around us (身边好人故事)."""

    category = models.CharField("类别", max_length=20, choices=DeedCategory.choices, blank=True)
    people = ParentalManyToManyField(
        "exhibits.ProfilePage", verbose_name="相关人物", blank=True, related_name="stories"
    )
    author = models.CharField("撰稿/讲述", max_length=80, blank=True)
    source = models.CharField("来源", max_length=120, blank=True, help_text="例如：丰泽区委文明办供稿")

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("people"), FieldPanel("author"), FieldPanel("source")],
            heading="故事信息",
        ),
        *ExhibitPage.closing_panels,
    ]

    search_fields = [
        *ExhibitPage.search_fields,
        index.SearchField("author"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = "身边好人故事"
        verbose_name_plural = "身边好人故事"
