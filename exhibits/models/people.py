"""人物档案: moral models and good people, and their listing (道德模范)."""

from django.db import models
from django.db.models import (
    Prefetch,
)
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.search import index

from core.api_fields import ContextField, ImageField, SafeStreamField
from core.cards import Badge
from core.kinds import Kind
from core.seo import base_data, image_url, place_data

from ..blocks import DeedBlock
from ..choices import DeedCategory, HonourLevel
from ..consent import SCOPE_NAME, SCOPE_PORTRAIT, SCOPE_STORY, PersonConsentMixin, consent_problems
from ..facets import Facet, Scope, YearFacet
from .base import ExhibitPage
from .honours import HonourTitle, ProfileHonour, honour_totals
from .listings import ExhibitIndexPage, place_facets, tag_facet

HONOURS = Scope(ProfileHonour, "profile")


class HonoursField(ContextField):
    """A person's honours for the API, each with its title's level and awarding body."""

    def to_representation(self, value):
        return [
            {
                "title": honour.title.name,
                "level": honour.title.level,
                "level_display": honour.title.get_level_display(),
                "awarding_body": honour.title.awarding_body,
                "category": honour.category,
                "category_display": honour.get_category_display(),
                "year": honour.year,
                "note": honour.note,
            }
            for honour in value.all()
        ]


class ProfilePage(PersonConsentMixin, ExhibitPage):
    """A moral model or good person (道德模范、身边好人): who they are, what they did, how honoured."""

    portrait = models.ForeignKey(
        get_image_model_string(),
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
    # The highest honour, kept from the honours on every save (and by exhibits.signal_handlers when
    # honours or titles change on their own): the listing sorts by it, cards show it.
    top_honour_rank = models.PositiveSmallIntegerField(
        default=len(HonourLevel.values), editable=False, db_index=True
    )
    top_honour_level = models.CharField(max_length=20, blank=True, editable=False)
    top_honour_name = models.CharField(max_length=80, blank=True, editable=False)

    page_kind = Kind("profile", "人物", order=10)

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

    api_fields = [
        *ExhibitPage.api_fields,
        APIField("occupation"),
        APIField("summary"),
        APIField("portrait", serializer=ImageField()),
        APIField("deeds", serializer=SafeStreamField()),
        APIField("honours", serializer=HonoursField()),
    ]

    # What the API's HonoursField reads, fetched for a whole page of results (core.api_fields).
    api_prefetch = [Prefetch("honours", queryset=ProfileHonour.objects.select_related("title"))]

    card_image_fields = ("portrait", "cover_image")
    card_image_shape = "portrait"
    og_type = "profile"

    class Meta:
        verbose_name = "人物档案"
        verbose_name_plural = "人物档案"

    @classmethod
    def search_dictionary_words(cls):
        """People's names stay whole words in search (longer titles are not names)."""
        return {title for title in cls.objects.live().values_list("title", flat=True) if len(title) <= 8}

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is not None:  # a draft save: the row's honours are unchanged
            return super().save(*args, **kwargs)
        # From the honours as they are being saved (in memory, before modelcluster writes them).
        top = self.sorted_honours(refresh=True)
        top = top[0] if top else None
        self.top_honour_rank = HonourLevel.rank(top.title.level) if top else len(HonourLevel.values)
        self.top_honour_level = top.title.level if top else ""
        self.top_honour_name = top.title.name if top else ""
        return super().save(*args, **kwargs)

    def consent_problems(self):
        needs = {SCOPE_NAME, SCOPE_STORY} | ({SCOPE_PORTRAIT} if self.portrait_id else set())
        return consent_problems(self.consent, needs, who=self.title or "此人物")

    def sorted_honours(self, refresh=False):
        """Honours from the highest level down, then newest first (uses any prefetched rows)."""
        if hasattr(self, "_sorted_honours") and not refresh:  # the template and the JSON-LD both ask
            return self._sorted_honours
        prefetched = "honours" in getattr(self, "_prefetched_objects_cache", {})
        honours = list(self.honours.all() if prefetched else self.honours.select_related("title"))
        # Honours held in memory (a page being saved or previewed) ignore select_related.
        missing = {honour.title_id for honour in honours if not ProfileHonour.title.is_cached(honour)}
        if missing:
            titles = HonourTitle.objects.in_bulk(missing)
            for honour in honours:
                if honour.title_id in titles:
                    honour.title = titles[honour.title_id]
        self._sorted_honours = sorted(
            honours,
            key=lambda honour: (HonourLevel.rank(honour.title.level), -honour.year),
        )
        return self._sorted_honours

    @property
    def top_honour(self):
        honours = self.sorted_honours()
        return honours[0] if honours else None

    @property
    def card_badge(self):
        if not self.top_honour_level:
            return None
        return Badge(self.top_honour_level, HonourLevel(self.top_honour_level).label, self.top_honour_name)

    def structured_data(self, request):
        awards = [
            f"{honour.year}年 {honour.title.name}（{honour.get_category_display()}）"
            for honour in self.sorted_honours()
        ]
        return base_data(
            request,
            self,
            "Person",
            description=Truncator(self.summary).chars(200),
            jobTitle=self.occupation,
            image=image_url(request, self),
            award=awards,
            homeLocation=place_data(request, self.place),
        )


class ProfileIndexPage(ExhibitIndexPage):
    exhibit_model = ProfilePage
    home_summary_template = "exhibits/includes/honour_roll.html"
    features_people = True

    class Meta:
        verbose_name = "人物列表页"
        verbose_name_plural = "人物列表页"

    def facets(self):
        return [
            *place_facets(),
            Facet("honour", "荣誉称号", "title__slug", scope=HONOURS, label_field="title__name"),
            Facet("level", "荣誉级别", "title__level", scope=HONOURS, choices=dict(HonourLevel.choices)),
            Facet("category", "类别", "category", scope=HONOURS, choices=dict(DeedCategory.choices)),
            YearFacet(field="year", scope=HONOURS),
            tag_facet(),
        ]

    def order(self, exhibits):
        # Highest honour first (national → district), then newest: stored on each row, so the
        # database reads a dozen rows in index order instead of ranking every person.
        return exhibits.order_by("top_honour_rank", "-first_published_at", "-pk")

    @classmethod
    def home_summary(cls, page):
        """The honour roll in numbers, each number linking to this listing filtered by it."""
        return {**super().home_summary(page), "honour_totals": honour_totals()}
