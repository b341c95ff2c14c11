from django.db import models
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import DeedBlock
from ..choices import HonourLevel
from ..consent import SCOPE_NAME, SCOPE_PORTRAIT, SCOPE_STORY, PersonConsentMixin, consent_problems
from .base import ExhibitPage


class ProfilePage(PersonConsentMixin, ExhibitPage):
    """A moral model or good person (道德模范、身边好人): who they are, what they did, how honoured."""

    portrait = models.ForeignKey(
        "home.SiteImage",
        verbose_name="肖像",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occupation = models.CharField(
        "身份/职业", max_length=80, blank=True, help_text="例如：退休教师、社区网格员"
    )
    summary = models.TextField("人物简介")
    deeds = StreamField([("deed", DeedBlock())], verbose_name="主要事迹", blank=True)

    content_panels = [
        *ExhibitPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("portrait"), FieldPanel("occupation"), FieldPanel("summary")],
            heading="人物",
        ),
        InlinePanel("honours", heading="荣誉", label="荣誉", min_num=0),
        FieldPanel("deeds"),
        *ExhibitPage.closing_panels,
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(PersonConsentMixin.consent_panels, heading="本人同意"),
            ObjectList(ExhibitPage.promote_panels, heading="推广"),
            ObjectList(ExhibitPage.settings_panels, heading="设置"),
        ]
    )

    search_fields = [
        *ExhibitPage.search_fields,
        index.SearchField("occupation"),
        index.SearchField("summary"),
        index.SearchField("deeds"),
        index.RelatedFields("honours", [index.RelatedFields("title", [index.SearchField("name")])]),
    ]

    card_image_field = "portrait"

    class Meta:
        verbose_name = "人物档案"
        verbose_name_plural = "人物档案"

    def consent_problems(self):
        needs = {SCOPE_NAME, SCOPE_STORY} | ({SCOPE_PORTRAIT} if self.portrait_id else set())
        return consent_problems(self.consent, needs, who=self.title or "此人物")

    def sorted_honours(self):
        """Honours from the highest level down, then newest first (uses any prefetched rows)."""
        prefetched = "honours" in getattr(self, "_prefetched_objects_cache", {})
        honours = self.honours.all() if prefetched else self.honours.select_related("title")
        return sorted(
            honours,
            key=lambda honour: (HonourLevel.rank(honour.title.level), -honour.year),
        )

    @property
    def top_honour(self):
        honours = self.sorted_honours()
        return honours[0] if honours else None
