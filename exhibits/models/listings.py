"""Listing pages (道德模范、好人墙、家风家训、视频、故事): one kind, across the whole place tree."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from home.models import CommunityPage, StreetPage
from home.models.mixins import MetaDescriptionMixin
from home.page_forms import SitePageForm

from ..choices import HALL_LEVELS, DeedCategory, HonourLevel, WallForm
from ..facets import Facet, FacetedListing, PlaceFacet, Scope, YearFacet
from .base import ExhibitTag
from .halls import FamilyMottoHallPage
from .honours import ProfileHonour
from .people import ProfilePage
from .stories import StoryPage
from .videos import VideoKind, VideoPage
from .walls import GoodPeopleWallPage

HONOURS = Scope(ProfileHonour, "profile")
TAGS = Scope(ExhibitTag, "content_object")


def place_facets():
    return [PlaceFacet("street", "街道", StreetPage), PlaceFacet("community", "社区", CommunityPage)]


def tag_facet():
    return Facet("tag", "标签", "tag__slug", scope=TAGS, label_field="tag__name")


class ExhibitIndexPage(MetaDescriptionMixin, Page):
    """Abstract listing of one exhibit kind with filters, counts and pagination."""

    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    per_page = 12
    meta_description_source = "intro"
    exhibit_model = None
    # Short name for the entrance on the home page.
    entrance_icon = ""

    class Meta:
        abstract = True

    def facets(self):
        return [*place_facets(), YearFacet(), tag_facet()]

    def exhibits(self):
        return self.exhibit_model.objects.live().public()

    def order(self, exhibits):
        return exhibits.order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        from ..cards import prepare_cards

        context = super().get_context(request, *args, **kwargs)
        listing = FacetedListing(self.exhibits(), self.facets(), request.GET)
        paginator = Paginator(self.order(listing.results), self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        prepare_cards(page_obj.object_list)
        context.update(listing=listing, page_obj=page_obj, paginator=paginator)
        return context

    @classmethod
    def entrances(cls, home):
        """The listing pages under `home`, each with the number of live exhibits it lists."""
        from . import EXHIBIT_MODELS

        pages = (
            Page.objects.child_of(home)
            .live()
            .type(*INDEX_PAGE_MODELS)
            .select_related("content_type")
            .order_by("path")
        )
        per_type = dict(
            Page.objects.live()
            .exclude(Page.objects.private_q())
            .type(*EXHIBIT_MODELS)
            .values_list("content_type")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return [
            {
                "page": page,
                "listing": page.specific_class,
                "count": per_type.get(
                    ContentType.objects.get_for_model(page.specific_class.exhibit_model).pk, 0
                ),
            }
            for page in pages
        ]


class ProfileIndexPage(ExhibitIndexPage):
    exhibit_model = ProfilePage
    entrance_icon = "profile"

    class Meta:
        verbose_name = "人物列表页"
        verbose_name_plural = "人物列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet(
                "honour",
                "荣誉称号",
                "title__slug",
                scope=HONOURS,
                label_field="title__name",
            ),
            Facet("level", "荣誉级别", "title__level", scope=HONOURS, choices=dict(HonourLevel.choices)),
            Facet("category", "类别", "category", scope=HONOURS, choices=dict(DeedCategory.choices)),
            YearFacet(field="year", scope=HONOURS),
            tag_facet(),
        ]

    def order(self, exhibits):
        # Highest honour first (national → district), then newest. A subquery, not a join, so
        # the listing's counts and pagination see one row per person.
        rank = Case(
            *[When(title__level=level, then=Value(i)) for i, level in enumerate(HonourLevel.values)],
            default=Value(len(HonourLevel.values)),
            output_field=IntegerField(),
        )
        top_rank = (
            ProfileHonour.objects.filter(profile=OuterRef("pk"))
            .annotate(rank=rank)
            .order_by("rank")
            .values("rank")[:1]
        )
        return exhibits.annotate(
            top_rank=Coalesce(Subquery(top_rank), Value(len(HonourLevel.values)))
        ).order_by("top_rank", "-first_published_at", "-pk")


class WallIndexPage(ExhibitIndexPage):
    exhibit_model = GoodPeopleWallPage
    entrance_icon = "wall"

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


class HallIndexPage(ExhibitIndexPage):
    exhibit_model = FamilyMottoHallPage
    entrance_icon = "hall"

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


class VideoIndexPage(ExhibitIndexPage):
    exhibit_model = VideoPage
    entrance_icon = "video"

    class Meta:
        verbose_name = "视频列表页"
        verbose_name_plural = "视频列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet("kind", "类型", "kind", choices=dict(VideoKind.choices)),
            YearFacet(),
            tag_facet(),
        ]


class StoryIndexPage(ExhibitIndexPage):
    exhibit_model = StoryPage
    entrance_icon = "story"

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


INDEX_PAGE_MODELS = (ProfileIndexPage, WallIndexPage, HallIndexPage, VideoIndexPage, StoryIndexPage)
