"""What every exhibit has, whatever its kind."""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Page, Site
from wagtail.search import index

from discovery.search.indexing import SegmentedSearchMixin
from home.models.mixins import CardMixin, MetaDescriptionMixin
from home.models.places import PLACE_PAGE_MODELS
from home.page_forms import SitePageForm

from ..blocks import BODY_BLOCKS
from ..consent import ConsentRequired

PLACE_PAGE_TYPES = [f"home.{model.__name__}" for model in PLACE_PAGE_MODELS]


class ExhibitTag(TaggedItemBase):
    """Tags of any exhibit. One table for all kinds, so a tag filters across the whole site."""

    content_object = ParentalKey("wagtailcore.Page", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = "展项标签"
        verbose_name_plural = "展项标签"


class ExhibitPage(SegmentedSearchMixin, CardMixin, MetaDescriptionMixin, Page):
    """Abstract base of every exhibit kind.

    The place an exhibit belongs to is its parent in the page tree (see `place`), not a separate
    field, so moving the page in the admin is all it takes to move the exhibit.
    """

    intro = models.TextField("导语", help_text="一两句话，显示在列表卡片和分享摘要中。")
    cover_image = models.ForeignKey(
        "home.SiteImage",
        verbose_name="封面图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        "年份", null=True, blank=True, help_text="建成、评定、摄制或事迹发生的年份，用于按年份筛选。"
    )
    tags = ClusterTaggableManager("标签", through=ExhibitTag, blank=True)
    body = StreamField(BODY_BLOCKS, verbose_name="正文", blank=True)
    is_demo = models.BooleanField(
        "演示数据",
        default=False,
        help_text="勾选后页面会提示“演示数据”：人物或内容为虚构，仅用于展示系统功能。",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("cover_image"),
    ]
    # Kinds insert their own panels between `content_panels` and these.
    closing_panels = [
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("year"), FieldPanel("tags"), FieldPanel("is_demo")], heading="分类"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("year"),
        *SegmentedSearchMixin.search_fields,
    ]

    base_form_class = SitePageForm
    parent_page_types = PLACE_PAGE_TYPES
    subpage_types = []
    meta_description_source = "intro"

    class Meta:
        abstract = True

    def consent_problems(self):
        """What this version lacks in recorded consent for the people it shows (Chinese)."""
        return []

    def publish(self, revision, user=None, *args, log_action=True, **kwargs):
        """Publish, unless the revision shows someone without their recorded consent.

        Every way Wagtail publishes (the editor, workflow approval, bulk actions, scheduled
        publishing, code) comes through here, so this is the one place the rule is enforced.
        """
        problems = revision.as_object().consent_problems()
        if problems:
            log(instance=self, action="exhibits.publish_refused", user=user, data={"problems": problems})
            if log_action == "wagtail.publish.scheduled":
                # `publish_scheduled` works through a queue: drop this one from it, keep going.
                type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                return None
            raise ConsentRequired(problems)
        return super().publish(revision, user, *args, log_action=log_action, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from . import index_pages_by_model

        context["place"] = self.place
        listing = index_pages_by_model(Site.find_for_request(request)).get(type(self))
        context["listing_url"] = listing.get_url(request) if listing else None
        return context
