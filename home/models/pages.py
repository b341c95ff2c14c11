from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.api import APIField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, get_page_models

from core.api_fields import ImageField
from core.cards import prepare_cards
from core.generation import memoized
from core.kinds import exhibit_models, listing_entrances, listing_models
from core.mixins import MetaDescriptionMixin
from core.page_forms import SitePageForm
from core.routing import PathRoutingMixin
from core.seo import absolute, base_data
from core.visibility import ViewRestrictionMixin, public

from .places import DistrictCentrePage, StreetPage

FEATURED_PEOPLE = 6


def people_models():
    """The exhibit models of people: what the listings that feature people list (core.kinds)."""
    return tuple(
        listing.exhibit_model for listing in listing_models() if getattr(listing, "features_people", False)
    )


def home_action_models():
    """Page models that offer themselves as the home page's main action (the nomination form)."""
    return tuple(model for model in get_page_models() if getattr(model, "home_action", False))


class HomePage(PathRoutingMixin, ViewRestrictionMixin, MetaDescriptionMixin, Page):
    """The front door: people and their honours first, the way to nominate, then the listings,
    featured exhibits and places.

    The pages it may hold declare so themselves (`parent_page_types = ["home.HomePage"]`): the
    district centre, the listing pages and the nomination page.
    """

    hero_title = models.CharField("主标题", max_length=120, blank=True)
    hero_intro = models.TextField("导语", blank=True)
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name="头图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="首屏按钮",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="首屏醒目按钮链接的页面，按钮文字为该页标题。不选则链接“我推荐身边好人”页。",
    )
    people_heading = models.CharField(
        "首屏人物标题", max_length=40, blank=True, help_text="不填则为“身边好人”。"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                PageChooserPanel("action_page"),
            ],
            heading="首屏",
        ),
        MultiFieldPanel(
            [
                FieldPanel("people_heading"),
                InlinePanel(
                    "featured_people",
                    label="人物",
                    max_num=12,
                    help_text=f"手机首屏显示的人物。不选则显示荣誉级别最高的{FEATURED_PEOPLE}位。",
                ),
            ],
            heading="首屏人物",
        ),
        InlinePanel("featured_exhibits", heading="精选展项", label="精选展项", max_num=12),
    ]

    api_fields = [
        APIField("hero_title"),
        APIField("hero_intro"),
        APIField("hero_image", serializer=ImageField()),
    ]

    base_form_class = SitePageForm
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    meta_description_source = "hero_intro"

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The featured exhibits, the first screen's people, the entrances with their counts, the
        # honour roll in numbers and the ways into the place tree change only when content does:
        # kept for the content generation (core.generation).
        context.update(memoized(("home:summary", self.pk), self.summary))
        return context

    def live_featured_exhibits(self):
        """The chosen exhibits in the editor's order, skipping any that are not live and public."""
        return self._live_in_order(HomeFeaturedExhibit)

    def _live_in_order(self, model):
        """Live, public pages chosen in an inline `model` of this page, in the editor's order."""
        # The editor's order rides along as a subquery: one query for the chosen pages, then one
        # per kind among them for their fields.
        order = model.objects.filter(home=self, page=OuterRef("pk")).order_by("sort_order")
        chosen = (
            Page.objects.annotate(featured_order=Subquery(order.values("sort_order")[:1]))
            .filter(featured_order__isnull=False)
            .live()
            .order_by("featured_order")
        )
        return list(public(chosen).defer_streamfields().specific())

    def summary(self):
        entrances = listing_entrances(self)
        people, people_listing = self.people_first(entrances)
        featured = self.live_featured_exhibits()
        prepare_cards([*people, *featured])
        centre = DistrictCentrePage.objects.child_of(self).live().first()
        return {
            "featured": featured,
            "entrances": entrances,
            "featured_people": people,
            "profile_index": people_listing,
            "nomination_page": self.main_action(),
            # What a listing shows on the home page besides its entrance (the honour roll in numbers).
            "listing_summaries": [
                {
                    "template": entrance["listing"].home_summary_template,
                    **entrance["listing"].home_summary(entrance["page"]),
                }
                for entrance in entrances
                if entrance["listing"].home_summary_template
            ],
            "district_centre": centre,
            "streets": list(public(StreetPage.objects.child_of(centre).live()).order_by("path"))
            if centre
            else [],
        }

    def people_first(self, entrances):
        """(people for the first screen, their listing page): the editor's choice, else the
        people listing's own first ones (highest honour first)."""
        listing = next((e for e in entrances if getattr(e["listing"], "features_people", False)), None)
        chosen = self._live_in_order(HomeFeaturedPerson)
        if chosen or listing is None:
            return chosen[:12], listing["page"] if listing else None
        page = listing["page"].specific
        return list(page.order(page.exhibits())[:FEATURED_PEOPLE]), listing["page"]

    def main_action(self):
        """The page of the first screen's button: the editor's choice, else the nomination form."""
        if self.action_page_id:
            page = Page.objects.live().public().filter(pk=self.action_page_id).first()
            if page:
                return page
        models = home_action_models()
        return Page.objects.child_of(self).live().public().type(*models).first() if models else None

    def structured_data(self, request):
        search = absolute(request, reverse("search")) + "?q={search_term_string}"
        return base_data(
            request,
            self,
            "WebSite",
            inLanguage="zh-Hans",
            potentialAction={
                "@type": "SearchAction",
                "target": search,
                "query-input": "required name=search_term_string",
            },
        )


class ExhibitChooserPanel(PageChooserPanel):
    """A page chooser that offers the exhibit kinds, whichever are defined (see core.kinds)."""

    def get_form_options(self):
        options = super().get_form_options()
        options.setdefault("widgets", {})[self.field_name] = AdminPageChooser(target_models=exhibit_models())
        return options


class PersonChooserPanel(PageChooserPanel):
    """A page chooser that offers the people's exhibit kind (whichever listing features people)."""

    def get_form_options(self):
        options = super().get_form_options()
        options.setdefault("widgets", {})[self.field_name] = AdminPageChooser(target_models=people_models())
        return options


class HomeFeaturedPerson(Orderable):
    home = ParentalKey(HomePage, related_name="featured_people", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="人物", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PersonChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "首屏人物"

    def clean(self):
        super().clean()
        if self.page_id and self.page.specific_class not in people_models():
            raise ValidationError({"page": "请选择一个人物档案。"})


class HomeFeaturedExhibit(Orderable):
    home = ParentalKey(HomePage, related_name="featured_exhibits", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="展项", on_delete=models.CASCADE, related_name="+"
    )

    panels = [ExhibitChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "精选展项"

    def clean(self):
        super().clean()
        if self.page_id and self.page.specific_class not in exhibit_models():
            raise ValidationError({"page": "请选择一个展项（人物、好人墙、家风家训馆、故事或视频）。"})
