"""身边好人故事: stories of good people around us, and their listing."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from core.api_fields import LivePagesField
from core.kinds import Kind

from ..choices import DeedCategory
from ..facets import Facet, YearFacet
from .base import ExhibitPage
from .listings import ExhibitIndexPage, place_facets, tag_facet
from .people import ProfilePage


class StoryPage(ExhibitPage):
    """A story of good people around us (身边好人故事)."""

    category = models.CharField("类别", max_length=20, choices=DeedCategory.choices, blank=True)
    author = models.CharField("撰稿/讲述", max_length=80, blank=True)
    source = models.CharField("来源", max_length=120, blank=True, help_text="例如：丰泽区委文明办供稿")

    page_kind = Kind("story", "故事", order=40)

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("author"), FieldPanel("source")],
            heading="故事信息",
        ),
        # Wagtail's page chooser, restricted to profiles, searches (a district has thousands).
        MultipleChooserPanel(
            "related_people",
            chooser_field_name="person",
            heading="相关人物",
            label="相关人物",
            help_text="点击“增加 相关人物”，在弹出的窗口中按姓名或拼音搜索，可以一次勾选多人。",
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
        APIField("people", serializer=LivePagesField(source="live_people")),
    ]

    class Meta:
        verbose_name = "身边好人故事"
        verbose_name_plural = "身边好人故事"

    def live_people(self):
        """The chosen people the public may see, in the editor's order (a preview's too)."""
        ids = list(dict.fromkeys(link.person_id for link in self.related_people.all() if link.person_id))
        pages = ProfilePage.objects.filter(pk__in=ids).live().public().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]


class StoryPerson(Orderable):
    """One person a story is about (相关人物), chosen from the profiles."""

    page = ParentalKey(StoryPage, related_name="related_people", on_delete=models.CASCADE)
    person = models.ForeignKey(
        ProfilePage, verbose_name="人物", on_delete=models.CASCADE, related_name="story_links"
    )

    panels = [PageChooserPanel("person", page_type="exhibits.ProfilePage")]

    class Meta(Orderable.Meta):
        verbose_name = "相关人物"
        verbose_name_plural = "相关人物"


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
