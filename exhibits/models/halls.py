"""家风家训馆: family-motto halls, the families they honour, and their listing."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from core.api_fields import ContextField, SafeStreamField, image_data
from core.kinds import Kind

from ..blocks import MottoBlock
from ..choices import HALL_LEVELS, FamilyHonourKind, HonourLevel
from ..consent import SCOPE_NAME, SCOPE_PORTRAIT, SCOPE_STORY, PersonConsentMixin, consent_problems
from ..facets import Facet, YearFacet
from .base import ExhibitPage
from .listings import ExhibitIndexPage, place_facets, tag_facet


class FamiliesField(ContextField):
    """A hall's honoured families for the API, without their consent records."""

    def to_representation(self, value):
        return [
            {
                "kind": family.kind,
                "kind_display": family.get_kind_display(),
                "names": family.names,
                "level": family.level,
                "level_display": family.get_level_display(),
                "year": family.year,
                "description": family.description,
                "photo": image_data(family.photo, self.request),
            }
            for family in value.all()
        ]


class FamilyMottoHallPage(ExhibitPage):
    """A family-motto hall (家风家训馆), graded provincial, municipal or district."""

    level = models.CharField("级别", max_length=20, choices=HALL_LEVELS)
    location = models.CharField("所在位置", max_length=255)
    opening_info = models.CharField("开放信息", max_length=255, blank=True)
    mottos = StreamField([("motto", MottoBlock())], verbose_name="家风家训", blank=True)

    page_kind = Kind("hall", "家风家训馆", order=30)

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("level"), FieldPanel("location"), FieldPanel("opening_info")],
            heading="展馆信息",
        ),
        FieldPanel("mottos"),
        InlinePanel("honoured_families", heading="文明家庭与好婆媳、好妯娌、好邻居", label="家庭"),
        *ExhibitPage.closing_panels,
    ]

    search_fields = [
        *ExhibitPage.search_fields,
        index.SearchField("location"),
        index.SearchField("mottos"),
        index.RelatedFields(
            "honoured_families", [index.SearchField("names"), index.SearchField("description")]
        ),
        index.FilterField("level"),
    ]

    api_fields = [
        *ExhibitPage.api_fields,
        APIField("level"),
        APIField("location"),
        APIField("opening_info"),
        APIField("mottos", serializer=SafeStreamField()),
        APIField("honoured_families", serializer=FamiliesField()),
    ]

    class Meta:
        verbose_name = "家风家训馆"
        verbose_name_plural = "家风家训馆"

    def consent_problems(self):
        return [problem for family in self.honoured_families.all() for problem in family.consent_problems()]

    def structured_data(self, request):
        return self.place_structured_data(request)

    def families_by_kind(self):
        groups = {}
        for family in self.honoured_families.all():
            groups.setdefault(family.get_kind_display(), []).append(family)
        return list(groups.items())


class HonouredFamily(PersonConsentMixin, Orderable):
    """A 文明家庭 or a 好婆媳/好妯娌/好邻居 pair shown in a hall."""

    hall = ParentalKey(FamilyMottoHallPage, related_name="honoured_families", on_delete=models.CASCADE)
    kind = models.CharField("类别", max_length=20, choices=FamilyHonourKind.choices)
    names = models.CharField("家庭/人物", max_length=120, help_text="例如：王××家庭；陈××、李××")
    level = models.CharField("级别", max_length=20, choices=HonourLevel.choices)
    year = models.PositiveSmallIntegerField("年份")
    description = models.TextField("事迹简介", blank=True)
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("level"), FieldPanel("year")]),
        FieldPanel("names"),
        FieldPanel("description"),
        FieldPanel("photo"),
        MultiFieldPanel(PersonConsentMixin.consent_field_panels, heading="本人同意", classname="collapsed"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "家庭"
        verbose_name_plural = "家庭"

    def __str__(self):
        return f"{self.names}（{self.get_level_display()}{self.get_kind_display()}）"

    def consent_problems(self):
        needs = {SCOPE_NAME}
        needs |= {SCOPE_PORTRAIT} if self.photo_id else set()
        needs |= {SCOPE_STORY} if self.description else set()
        return consent_problems(self.consent, needs, who=self.names or "家庭")


class HallIndexPage(ExhibitIndexPage):
    exhibit_model = FamilyMottoHallPage

    class Meta:
        verbose_name = "家风家训列表页"
        verbose_name_plural = "家风家训列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet("level", "级别", "level", choices=dict(HALL_LEVELS)),
            YearFacet(),
            tag_facet(),
        ]
