"""The place tree: district centre → street practice stations → community stations → points.

Every exhibit hangs under exactly one place, so Wagtail's subtree permissions and workflows can
follow the district's own organisation.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from core.api_fields import ImageField, PlacesField
from core.api_fields import RichTextField as RichTextSerializer
from core.cards import CardMixin, prepare_cards, with_card_data
from core.generation import memoized
from core.keys import CheckedKeysMixin
from core.kinds import PLACES, exhibit_models, listing_pages_by_model
from core.mixins import CoverImageMixin, MetaDescriptionMixin
from core.page_forms import SitePageForm
from core.search.indexing import SegmentedSearchMixin
from core.search.segmenting import place_names
from core.seo import base_data, image_url, place_data
from core.visibility import ViewRestrictionMixin, private_q, public


class PlacePage(
    ViewRestrictionMixin,
    SegmentedSearchMixin,
    CardMixin,
    MetaDescriptionMixin,
    CoverImageMixin,
    CheckedKeysMixin,
    Page,
):
    """Fields every place has: what it is, where it is, when it opens and a cover photo.

    Which pages a place may hold is declared by the children (`parent_page_types`): the places
    below it and every exhibit kind.
    """

    description = models.TextField("简介", blank=True, help_text="一两句话介绍这个阵地，用于列表和分享。")
    body = RichTextField("详细介绍", blank=True)
    address = models.CharField("地址", max_length=255, blank=True)
    opening_hours = models.CharField("开放时间", max_length=255, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)

    page_kind = PLACES

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

    api_fields = [
        APIField("description"),
        APIField("body", serializer=RichTextSerializer()),
        APIField("address"),
        APIField("opening_hours"),
        APIField("cover_image", serializer=ImageField()),
        APIField("places", serializer=PlacesField(source="*")),
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

    @classmethod
    def search_dictionary_words(cls):
        """A place's names (浔美社区新时代文明实践站, 浔美社区, 浔美) stay whole words in search."""
        return {
            name
            for title in cls.objects.live().values_list("title", flat=True)
            for name in place_names(title.strip())
        }

    def structured_data(self, request):
        return base_data(
            request,
            self,
            "CivicStructure",
            address=self.address,
            image=image_url(request, self),
            containedInPlace=place_data(request, self.get_parent()),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What lies beneath a place changes only when content does: kept for the content
        # generation (core.generation), per site (the "more" links are the site's URLs).
        site = Site.find_for_request(request)
        context.update(
            memoized(
                ("place:beneath", self.pk, site.pk if site else None),
                lambda: {
                    "exhibit_sections": self.exhibit_sections(site),
                    "child_places": self.child_places(),
                },
            )
        )
        return context

    def exhibit_sections(self, site):
        """Per exhibit kind on `site`: the newest few beneath this place, the total, and the full
        listing.

        One query counts every kind at once; then one per kind fetches its first few cards, so
        the database reads a handful of rows per kind however many lie beneath a street.
        """
        private = private_q()
        listings = listing_pages_by_model(site)
        beneath = Page.objects.live().exclude(private).descendant_of(self)
        types = ContentType.objects.get_for_models(*exhibit_models())
        per_type = dict(
            beneath.type(*exhibit_models()).values_list("content_type").annotate(n=Count("pk")).order_by()
        )
        sections = []
        for model in exhibit_models():
            total = per_type.get(types[model].pk, 0)
            if not total:
                continue
            exhibits = with_card_data(
                model.objects.live()
                .exclude(private)
                .descendant_of(self)
                .order_by("-first_published_at", "-pk")
            )
            items = list(exhibits[: self.preview_size] if self.preview_size is not None else exhibits)
            listing = listings.get(model)
            more_url = None
            if listing and total > len(items):
                more_url = listing.get_url(current_site=site)
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
        """The places right below this one: names, links and kinds (no specific query needed)."""
        children = list(
            public(self.get_children().live()).type(*PLACE_PAGE_MODELS).select_related("content_type")
        )
        for child in children:
            child.kind_label = child.specific_class._meta.verbose_name
        return children


class DistrictCentrePage(PlacePage):
    """The district's New-Era Civilization Practice Centre (区新时代文明实践中心)."""

    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "实践中心"
        verbose_name_plural = "实践中心"


class StreetPage(PlacePage):
    """A street practice station (街道新时代文明实践所)."""

    parent_page_types = ["home.DistrictCentrePage"]
    listing_filter = "street"

    class Meta:
        verbose_name = "街道实践所"
        verbose_name_plural = "街道实践所"


class CommunityPage(PlacePage):
    """A community practice station (社区新时代文明实践站)."""

    parent_page_types = ["home.StreetPage"]
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
    preview_size = None

    class Meta:
        verbose_name = "实践点"
        verbose_name_plural = "实践点"


PLACE_PAGE_MODELS = (DistrictCentrePage, StreetPage, CommunityPage, PracticePointPage)
