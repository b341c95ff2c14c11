"""Honour titles (荣誉称号) and the honours people hold.

A title such as 福建好人榜 is kept once, with its level and awarding body, and every honour refers
to it: the honour roll's totals then cannot drift because one editor typed the name differently.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..choices import DeedCategory, HonourLevel, HonourRollKind


class HonourTitle(index.Indexed, models.Model):
    name = models.CharField("称号", max_length=80, unique=True)
    slug = models.SlugField(
        "网址标识",
        max_length=80,
        unique=True,
        allow_unicode=False,
        help_text="用于筛选网址，如 zhongguo-haoren",
    )
    level = models.CharField("级别", max_length=20, choices=HonourLevel.choices)
    roll = models.CharField("榜单类别", max_length=20, choices=HonourRollKind.choices)
    awarding_body = models.CharField("评选/授予单位", max_length=120, blank=True)
    show_on_home = models.BooleanField("首页统计", default=True, help_text="在首页“荣誉榜”中显示人数")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("roll")]),
        FieldPanel("awarding_body"),
        FieldRowPanel([FieldPanel("show_on_home"), FieldPanel("sort_order")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "荣誉称号"
        verbose_name_plural = "荣誉称号"

    def __str__(self):
        return self.name

    @classmethod
    def search_dictionary_words(cls):
        """Honour titles stay whole words in search (see core.search.segmenting)."""
        return set(cls.objects.values_list("name", flat=True))


def honour_totals():
    """The honour roll in numbers: titles marked for the home page, each with the number of live
    profiles holding it, in the editors' order."""
    return list(
        HonourTitle.objects.filter(show_on_home=True).annotate(
            people=Count("honours__profile", distinct=True, filter=Q(honours__profile__live=True))
        )
    )


class ProfileHonour(Orderable):
    """One honour held by one person, e.g. 中国好人榜 (助人为乐), 2019."""

    profile = ParentalKey("exhibits.ProfilePage", related_name="honours", on_delete=models.CASCADE)
    title = models.ForeignKey(
        HonourTitle, verbose_name="称号", on_delete=models.PROTECT, related_name="honours"
    )
    category = models.CharField("类别", max_length=20, choices=DeedCategory.choices)
    year = models.PositiveSmallIntegerField(
        "年份", validators=[MinValueValidator(1949), MaxValueValidator(2100)]
    )
    note = models.CharField("备注", max_length=120, blank=True, help_text="例如：第七届、2019年第二季度")

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("year")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "荣誉"
        verbose_name_plural = "荣誉"

    def __str__(self):
        return f"{self.year} {self.title}"

    @property
    def level(self):
        return self.title.level

    @property
    def awarding_body(self):
        return self.title.awarding_body


def honour_rank():
    """0 for a national honour … 4 for a street one: the order of `HonourLevel`."""
    return Case(
        *[When(title__level=level, then=Value(i)) for i, level in enumerate(HonourLevel.values)],
        default=Value(len(HonourLevel.values)),
        output_field=IntegerField(),
    )


def refresh_top_honours(profiles):
    """Store each person's highest honour (as `ProfilePage.sorted_honours` orders them) on their
    row, in one UPDATE: the listing sorts by it and the cards show it without reading honours."""
    top = (
        ProfileHonour.objects.filter(profile=OuterRef("pk"))
        .annotate(rank=honour_rank())
        .order_by("rank", "-year", "sort_order")
    )
    profiles.update(
        top_honour_rank=Coalesce(Subquery(top.values("rank")[:1]), Value(len(HonourLevel.values))),
        top_honour_level=Coalesce(Subquery(top.values("title__level")[:1]), Value("")),
        top_honour_name=Coalesce(Subquery(top.values("title__name")[:1]), Value("")),
    )
