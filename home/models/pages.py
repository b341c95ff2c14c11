from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from ..page_forms import SitePageForm
from .mixins import MetaDescriptionMixin
from .places import DistrictCentrePage, StreetPage


class HomePage(MetaDescriptionMixin, Page):
    """The front door: featured exhibits, the honour roll in numbers and the way into each kind."""

    hero_title = models.CharField("主标题", max_length=120, blank=True)
    hero_intro = models.TextField("导语", blank=True)
    hero_image = models.ForeignKey(
        "home.SiteImage",
        verbose_name="头图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_intro"), FieldPanel("hero_image")],
            heading="首屏",
        ),
        InlinePanel("featured_exhibits", heading="精选展项", label="精选展项", max_num=12),
    ]

    base_form_class = SitePageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.DistrictCentrePage",
        "exhibits.ProfileIndexPage",
        "exhibits.WallIndexPage",
        "exhibits.HallIndexPage",
        "exhibits.VideoIndexPage",
        "exhibits.StoryIndexPage",
        "nominations.NominationPage",
    ]
    max_count = 1
    meta_description_source = "hero_intro"

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def get_context(self, request, *args, **kwargs):
        from exhibits.cards import prepare_cards
        from exhibits.honour_roll import honour_totals
        from exhibits.models import ExhibitIndexPage

        context = super().get_context(request, *args, **kwargs)
        featured = self.live_featured_exhibits()
        prepare_cards(featured)
        context["featured"] = featured
        context["honour_totals"] = honour_totals()
        context["entrances"] = entrances = ExhibitIndexPage.entrances(self)
        context["profile_index"] = next(
            (e["page"] for e in entrances if e["listing"].entrance_icon == "profile"), None
        )
        centre = DistrictCentrePage.objects.child_of(self).live().first()
        context["district_centre"] = centre
        context["streets"] = (
            StreetPage.objects.child_of(centre).live().public().order_by("path") if centre else []
        )
        return context

    def live_featured_exhibits(self):
        """The chosen exhibits in the editor's order, skipping any that are not live and public."""
        ids = [item.page_id for item in self.featured_exhibits.all()]
        pages = Page.objects.filter(id__in=ids).live().public().specific().in_bulk()
        return [pages[page_id] for page_id in ids if page_id in pages]


class HomeFeaturedExhibit(Orderable):
    home = ParentalKey(HomePage, related_name="featured_exhibits", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="展项", on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        PageChooserPanel(
            "page",
            page_type=[
                "exhibits.GoodPeopleWallPage",
                "exhibits.FamilyMottoHallPage",
                "exhibits.ProfilePage",
                "exhibits.StoryPage",
                "exhibits.VideoPage",
            ],
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "精选展项"
