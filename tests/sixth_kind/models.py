"""志愿服务项目: a volunteer project, defined the way README's "Adding an exhibit kind" says.

Everything about the kind is here: fields, panels, search fields, API fields, its kind for the
registry, its schema.org description and its listing page with filters. Nothing outside this
module (and its templates and migration) names it.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from core.kinds import Kind
from core.seo import base_data, place_data
from exhibits.facets import Facet, YearFacet
from exhibits.models import ExhibitIndexPage, ExhibitPage
from exhibits.models.listings import place_facets, tag_facet


class VolunteerProjectPage(ExhibitPage):
    """A volunteer service project (志愿服务项目) of a practice station."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "每周"
        MONTHLY = "monthly", "每月"

    organiser = models.CharField("组织单位", max_length=120)
    frequency = models.CharField("服务频次", max_length=20, choices=Frequency.choices, blank=True)

    page_kind = Kind("volunteer", "志愿服务", order=60)

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel([FieldPanel("organiser"), FieldPanel("frequency")], heading="项目"),
        *ExhibitPage.closing_panels,
    ]
    search_fields = [*ExhibitPage.search_fields, index.SearchField("organiser")]
    api_fields = [*ExhibitPage.api_fields, APIField("organiser"), APIField("frequency")]

    class Meta:
        verbose_name = "志愿服务项目"
        verbose_name_plural = "志愿服务项目"

    def structured_data(self, request):
        return base_data(
            request,
            self,
            "Project",
            funder={"@type": "Organization", "name": self.organiser},
            location=place_data(request, self.place),
        )


class VolunteerProjectIndexPage(ExhibitIndexPage):
    exhibit_model = VolunteerProjectPage

    class Meta:
        verbose_name = "志愿服务项目列表页"
        verbose_name_plural = "志愿服务项目列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet("frequency", "服务频次", "frequency", choices=dict(VolunteerProjectPage.Frequency.choices)),
            YearFacet(),
            tag_facet(),
        ]
