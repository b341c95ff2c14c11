"""Public 评议 rounds: the office picks candidates, visitors endorse each at most once."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from .nominations import Nomination


class EndorsementRound(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "准备中（不公开）"
        OPEN = "open", "进行中"
        CLOSED = "closed", "已结束"

    title = models.CharField("评议名称", max_length=120)
    description = models.TextField("说明", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    starts_at = models.DateTimeField("开始时间", default=timezone.now)
    ends_at = models.DateTimeField("结束时间", null=True, blank=True, help_text="到时自动停止评议。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        InlinePanel("candidates", heading="候选人", label="候选人", min_num=1),
    ]

    class Meta:
        verbose_name = "评议"
        verbose_name_plural = "评议"
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间须晚于开始时间。"})

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    def is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.OPEN
            and self.starts_at <= now
            and (self.ends_at is None or now < self.ends_at)
        )

    @property
    def state_label(self):
        if self.is_open():
            return "进行中"
        if self.status == self.Status.OPEN and self.starts_at > timezone.now():
            return "尚未开始"
        return "已结束"


class Candidate(Orderable):
    """A live profile or an accepted nomination put up for 评议."""

    round = ParentalKey(EndorsementRound, related_name="candidates", on_delete=models.CASCADE)
    profile = models.ForeignKey(
        "exhibits.ProfilePage",
        verbose_name="人物档案",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name="已采纳的群众推荐",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="candidacies",
        limit_choices_to={"status": Nomination.Status.ACCEPTED},
    )
    display_name = models.CharField(
        "显示姓名", max_length=40, blank=True, help_text="留空则用人物档案标题或被推荐人姓名。"
    )
    description = models.CharField(
        "简介", max_length=200, blank=True, help_text="公开显示的一句话事迹，由文明办撰写。"
    )

    panels = [
        PageChooserPanel("profile", page_type="exhibits.ProfilePage"),
        FieldPanel("nomination"),
        FieldPanel("display_name"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "候选人"
        verbose_name_plural = "候选人"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(profile__isnull=True, nomination__isnull=False)
                | models.Q(profile__isnull=False, nomination__isnull=True),
                name="candidate_is_a_profile_or_a_nomination",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if bool(self.profile_id) == bool(self.nomination_id):
            raise ValidationError("请选择一个人物档案或一条已采纳的群众推荐（二选一）。")
        if self.profile_id and not self.profile.live:
            raise ValidationError({"profile": "只能选择已发布的人物档案。"})
        if self.nomination_id and self.nomination.status != Nomination.Status.ACCEPTED:
            raise ValidationError({"nomination": "只能选择已采纳的群众推荐。"})

    @property
    def name(self):
        if self.display_name:
            return self.display_name
        if self.profile_id:
            return self.profile.title
        if self.nomination_id:
            return self.nomination.nominee_name
        return "候选人"

    @property
    def community(self):
        if self.profile_id:
            parent = self.profile.get_parent()
            return parent.title if parent else ""
        if self.nomination_id and self.nomination.community_id:
            return self.nomination.community.title
        return ""

    @property
    def public_profile(self):
        """The profile page to link to, if it is live and public."""
        if self.profile_id and self.profile.live:
            return self.profile
        if self.nomination_id and self.nomination.created_page_id:
            page = self.nomination.created_page
            return page if page.live else None
        return None


class Endorsement(models.Model):
    """One visitor's support for one candidate. No address is kept: only an HMAC of a cookie id."""

    round = models.ForeignKey(EndorsementRound, on_delete=models.CASCADE, related_name="endorsements")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="endorsements")
    visitor_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "支持"
        verbose_name_plural = "支持"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "candidate", "visitor_hash"], name="one_endorsement_per_visitor"
            )
        ]

    def __str__(self):
        return f"{self.candidate} @ {self.round}"
