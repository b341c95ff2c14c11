"""身边好人故事: stories of good people around us, and their listing."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from core.api_fields import LivePagesField
from core.kinds import Kind

from ..choices import DeedCategory
from ..facets import Facet, YearFacet
from .base import ExhibitPage
from .listings import ExhibitIndexPage, place_facets, tag_facet


class StoryPage(ExhibitPage):
    """A story of good people around us (身边好人故事)."""

    category = models.CharField("类别", max_length=20, choices=DeedCategory.choices, blank=True)
    people = ParentalManyToManyField(
        "exhibits.ProfilePage", verbose_name="相关人物", blank=True, related_name="stories"
    )
    author = models.CharField("撰稿/讲述", max_length=80, blank=True)
    source = models.CharField("来源", max_length=120, blank=True, help_text="例如：丰泽区委文明办供稿")

    page_kind = Kind("story", "故事", order=40)

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

    api_fields = [
        *ExhibitPage.api_fields,
        APIField("category"),
        APIField("author"),
        APIField("source"),
        APIField("people", serializer=LivePagesField()),
    ]

    class Meta:
        verbose_name = "身边好人故事"
        verbose_name_plural = "身边好人故事"


class StoryIndexPage(ExhibitIndexPage):
    exhibit_model = StoryPage

    class Meta:
        verbose_name = "故事列表页"
        verbose_name_plural = "故事列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet("category", "类别", "category", choices=dict(DeedCategory.choices)),
            YearFacet(),
            tag_facet(),
        ]
