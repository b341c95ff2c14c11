"""The place tree: district centre → street practice stations → community stations → points.

Every exhibit hangs under exactly one place, so Wagtail's subtree permissions and workflows can
follow the district's own organisation.
"""

from django.db import models
from django.db.models import Count, Window
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from discovery.search.indexing import SegmentedSearchMixin

from ..page_forms import SitePageForm
from .mixins import CardMixin, MetaDescriptionMixin

EXHIBIT_PAGE_TYPES = [
    "exhibits.GoodPeopleWallPage",
    "exhibits.FamilyMottoHallPage",
    "exhibits.ProfilePage",
    "exhibits.StoryPage",
    "exhibits.VideoPage",
]


class PlacePage(SegmentedSearchMixin, CardMixin, MetaDescriptionMixin, Page):
    """Fields every place has: what it is, where it is, when it opens and a cover photo."""

    description = models.TextField("简介", blank=True, help_text="一两句话介绍这个阵地，用于列表和分享。")
    body = RichTextField("详细介绍", blank=True)
    address = models.CharField("地址", max_length=255, blank=True)
    opening_hours = models.CharField("开放时间", max_length=255, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    cover_image = models.ForeignKey(
        "home.SiteImage",
        verbose_name="封面图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("opening_hours"), FieldPanel("phone")],
            heading="位置与开放",
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("body"),
        index.SearchField("address"),
        *SegmentedSearchMixin.search_fields,
    ]

    meta_description_source = "description"
    card_text_field = "description"
    base_form_class = SitePageForm

    class Meta:
        abstract = True

    # How many exhibits of each kind the place page shows before linking to the full listing.
    preview_size = 8
    # The listing filter that selects this place's exhibits, e.g. "street"; None if there is none.
    listing_filter = None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibit_sections"] = self.exhibit_sections(request)
        context["child_places"] = self.child_places()
        return context

    def exhibit_sections(self, request):
        """Per exhibit kind: the newest few beneath this place, the total, and the full listing."""
        from exhibits.cards import prepare_cards
        from exhibits.models import EXHIBIT_MODELS, index_pages_by_model

        private = Page.objects.private_q()
        listings = index_pages_by_model(Site.find_for_request(request))
        sections = []
        for model in EXHIBIT_MODELS:
            exhibits = (
                model.objects.live()
                .exclude(private)
                .descendant_of(self)
                .order_by("-first_published_at", "-pk")
            )
            if self.preview_size is not None:
                # The total rides along with the first rows, so each kind costs one query.
                exhibits = exhibits.annotate(total=Window(Count("pk")))[: self.preview_size]
            items = list(exhibits)
            if not items:
                continue
            total = getattr(items[0], "total", len(items))
            listing = listings.get(model)
            more_url = None
            if listing and total > len(items):
                more_url = listing.get_url(request)
                if self.listing_filter:
                    more_url += f"?{self.listing_filter}={self.pk}"
            sections.append(
                {
                    "label": model._meta.verbose_name,
                    "items": items,
                    "total": total,
                    "more_url": more_url,
                }
            )
        prepare_cards([item for section in sections for item in section["items"]])
        return sections

    def child_places(self):
        return (
            self.get_children()
            .live()
            .public()
            .type(*PLACE_PAGE_MODELS)
            .select_related("content_type")
            .specific()
        )


class DistrictCentrePage(PlacePage):
    """The district's New-Era Civilization Practice Centre (区新时代文明实践中心)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StreetPage", "home.PracticePointPage", *EXHIBIT_PAGE_TYPES]
    max_count = 1

    class Meta:
        verbose_name = "实践中心"
        verbose_name_plural = "实践中心"


class StreetPage(PlacePage):
    """A street practice station (街道新时代文明实践所)."""

    parent_page_types = ["home.DistrictCentrePage"]
    subpage_types = ["home.CommunityPage", "home.PracticePointPage", *EXHIBIT_PAGE_TYPES]
    listing_filter = "street"

    class Meta:
        verbose_name = "街道实践所"
        verbose_name_plural = "街道实践所"


class CommunityPage(PlacePage):
    """A community practice station (社区新时代文明实践站)."""

    parent_page_types = ["home.StreetPage"]
    subpage_types = ["home.PracticePointPage", *EXHIBIT_PAGE_TYPES]
    listing_filter = "community"

    class Meta:
        verbose_name = "社区实践站"
        verbose_name_plural = "社区实践站"

    @property
    def street(self):
        return self.get_parent().specific


class PracticePointPage(PlacePage):
    """A practice point (实践点): a library, a campus, a residential compound …"""

    parent_page_types = ["home.DistrictCentrePage", "home.StreetPage", "home.CommunityPage"]
    subpage_types = EXHIBIT_PAGE_TYPES
    preview_size = None

    class Meta:
        verbose_name = "实践点"
        verbose_name_plural = "实践点"


PLACE_PAGE_MODELS = (DistrictCentrePage, StreetPage, CommunityPage, PracticePointPage)
