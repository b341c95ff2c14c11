"""What every exhibit has, whatever its kind."""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from core.api_fields import ImageField, PlacesField, SafeStreamField, TagNamesField
from core.cards import CardMixin
from core.keys import CheckedKeysMixin
from core.kinds import listing_pages_by_model
from core.mixins import CoverImageMixin, MetaDescriptionMixin
from core.page_forms import SitePageForm
from core.search.indexing import SegmentedSearchMixin
from core.seo import base_data, image_url, place_data
from core.visibility import ViewRestrictionMixin

from ..blocks import BODY_BLOCKS
from ..consent import guard_publish

# Every exhibit belongs to exactly one place: its parent in the page tree.
PLACE_PAGE_TYPES = [
    "home.DistrictCentrePage",
    "home.StreetPage",
    "home.CommunityPage",
    "home.PracticePointPage",
]


class ExhibitTag(TaggedItemBase):
    """Tags of any exhibit. One table for all kinds, so a tag filters across the whole site."""

    content_object = ParentalKey("wagtailcore.Page", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = "展项标签"
        verbose_name_plural = "展项标签"

    @classmethod
    def search_dictionary_words(cls):
        """Tag names stay whole words in search (see core.search.segmenting)."""
        return set(cls.objects.values_list("tag__name", flat=True).distinct())


class ExhibitPage(
    ViewRestrictionMixin,
    SegmentedSearchMixin,
    CardMixin,
    MetaDescriptionMixin,
    CoverImageMixin,
    CheckedKeysMixin,
    Page,
):
    """Abstract base of every exhibit kind.

    A kind is a subclass that declares `page_kind = Kind(...)` (see `core.kinds`), its fields, panels,
    `api_fields`, search fields and `structured_data`, next to its listing page (a subclass of
    `ExhibitIndexPage`). The place an exhibit belongs to is its parent in the page tree (see
    `place`), not a separate field, so moving the page in the admin is all it takes to move it.
    """

    intro = models.TextField("导语", help_text="一两句话，显示在列表卡片和分享摘要中。")
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

    # Kinds add their own after these.
    api_fields = [
        APIField("intro"),
        APIField("year"),
        APIField("is_demo"),
        APIField("tags", serializer=TagNamesField()),
        APIField("cover_image", serializer=ImageField()),
        APIField("body", serializer=SafeStreamField()),
        APIField("places", serializer=PlacesField(source="*")),
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
        """Publish, unless the revision shows someone without their recorded consent."""
        if not guard_publish(self, revision, user, log_action):
            return None
        return super().publish(revision, user, *args, log_action=log_action, **kwargs)

    def structured_data(self, request):
        """schema.org data; a kind that is a Person, a Place or a video says so in its own."""
        return None

    def place_structured_data(self, request):
        """The exhibit as a schema.org Place (walls and halls are places people visit)."""
        return base_data(
            request,
            self,
            "Place",
            address=getattr(self, "location", ""),
            image=image_url(request, self),
            containedInPlace=place_data(request, self.place),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["place"] = self.place
        listing = listing_pages_by_model(Site.find_for_request(request)).get(type(self))
        context["listing_url"] = listing.get_url(request) if listing else None
        return context
