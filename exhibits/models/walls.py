"""好人墙/园: good-people walls, parks, steles and corridors, and their listing."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.api_fields import SafeStreamField
from core.cards import prepare_cards
from core.kinds import Kind

from ..blocks import FEATURED_PEOPLE_BLOCKS, CaptionedImageBlock
from ..choices import WallForm
from ..facets import Facet, YearFacet
from .base import ExhibitPage
from .listings import ExhibitIndexPage, place_facets, tag_facet


class GoodPeopleWallPage(ExhibitPage):
    """A good-people wall, park, stele or corridor (好人墙、向善园、史迹碑、文化长廊 …)."""

    form = models.CharField("形式", max_length=20, choices=WallForm.choices, default=WallForm.WALL)
    location = models.CharField("所在位置", max_length=255, help_text="例如：美仙山小区中心广场")
    opening_info = models.CharField("开放信息", max_length=255, blank=True, help_text="例如：全天开放")
    featured_people = StreamField(FEATURED_PEOPLE_BLOCKS, verbose_name="上墙人物", blank=True)
    gallery = StreamField([("photo", CaptionedImageBlock())], verbose_name="实景图集", blank=True)

    page_kind = Kind("wall", "好人墙", order=20)

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("form"), FieldPanel("location"), FieldPanel("opening_info")],
            heading="阵地信息",
        ),
        FieldPanel("featured_people"),
        FieldPanel("gallery"),
        *ExhibitPage.closing_panels,
    ]

    search_fields = [
        *ExhibitPage.search_fields,
        index.SearchField("location"),
        # No SearchField("featured_people"): its raw content holds consent records (who signed,
        # guardians). The names and deeds of people on the wall are indexed without them through
        # SegmentedSearchMixin.search_segmented.
        index.FilterField("form"),
    ]

    api_fields = [
        *ExhibitPage.api_fields,
        APIField("form"),
        APIField("location"),
        APIField("opening_info"),
        APIField("featured_people", serializer=SafeStreamField()),
        APIField("gallery", serializer=SafeStreamField()),
    ]

    class Meta:
        verbose_name = "好人墙/园"
        verbose_name_plural = "好人墙/园"

    def consent_problems(self):
        # Linked profiles need no consent here: a profile without consent is never live.
        return [
            problem
            for block in self.featured_people
            if block.block_type == "person"
            for problem in block.block.consent_problems(block.value)
        ]

    def structured_data(self, request):
        return self.place_structured_data(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Fetched when the template first asks: not at all when the article is kept (core.fragments).
        context["featured_people"] = SimpleLazyObject(self.prepared_people)
        return context

    def prepared_people(self):
        """The people on the wall, the profiles among them with their cards' portraits and places
        fetched in one go, not one query per person."""
        prepare_cards(
            [
                block.value["profile"]
                for block in self.featured_people
                if block.block_type == "profile" and block.value["profile"]
            ]
        )
        return self.featured_people


class WallIndexPage(ExhibitIndexPage):
    exhibit_model = GoodPeopleWallPage

    class Meta:
        verbose_name = "好人墙列表页"
        verbose_name_plural = "好人墙列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet("form", "形式", "form", choices=dict(WallForm.choices)),
            YearFacet(),
            tag_facet(),
        ]
