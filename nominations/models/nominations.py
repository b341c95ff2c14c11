"""A nomination from the public (我推荐身边好人) and its photos."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from exhibits.choices import DeedCategory

from ..receipts import format_receipt_code, new_receipt_code
from ..storage import private_storage


class NominationQuerySet(models.QuerySet):
    def closed(self):
        return self.filter(status__in=Nomination.CLOSED)

    def open(self):
        return self.exclude(status__in=Nomination.CLOSED)


class Nomination(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "已提交"
        UNDER_REVIEW = "under_review", "审核中"
        ACCEPTED = "accepted", "已采纳"
        REJECTED = "rejected", "未采纳"
        DUPLICATE = "duplicate", "重复推荐"

    CLOSED = (Status.ACCEPTED, Status.REJECTED, Status.DUPLICATE)

    receipt_code = models.CharField("回执编号", max_length=16, unique=True, editable=False)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )

    nominee_name = models.CharField("被推荐人", max_length=40)
    community = models.ForeignKey(
        "home.CommunityPage",
        verbose_name="所在社区",
        null=True,
        on_delete=models.SET_NULL,  # a nomination outlives a deleted community page
        related_name="nominations",
    )
    category = models.CharField("类别", max_length=20, choices=DeedCategory.choices)
    story = models.TextField("事迹")

    # The nominator's contact details: the office alone sees them; purge_nominations erases them.
    nominator_name = models.CharField("推荐人", max_length=40, blank=True)
    nominator_phone = models.CharField("推荐人手机号", max_length=11, blank=True)
    nominator_email = models.EmailField("推荐人邮箱", blank=True)
    privacy_notice_version = models.CharField("隐私说明版本", max_length=40)
    consent_processing = models.BooleanField("同意处理个人信息", default=False)
    consent_nominee_informed = models.BooleanField("被推荐人知情或将被征询", default=False)

    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField("未采纳原因", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="重复于",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    created_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="生成的展项草稿",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    office_note = models.TextField("处理备注", blank=True, help_text="仅后台可见。")
    contact_purged_at = models.DateTimeField("联系方式清除时间", null=True, blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = "群众推荐"
        verbose_name_plural = "群众推荐"
        ordering = ["-submitted_at", "-pk"]
        permissions = [("view_nominator_contact", "可查看推荐人联系方式")]

    def __str__(self):
        return f"{self.nominee_name}（{self.receipt_display}）"

    def save(self, *args, **kwargs):
        if not self.receipt_code:
            self.receipt_code = self._unused_receipt_code()
        super().save(*args, **kwargs)

    @classmethod
    def _unused_receipt_code(cls):
        while True:
            code = new_receipt_code()
            if not cls.objects.filter(receipt_code=code).exists():
                return code

    @property
    def is_closed(self):
        return self.status in self.CLOSED

    @property
    def receipt_display(self):
        """The one way a receipt code is shown, to the public and in the admin: FK9TZ-C5FMV."""
        return format_receipt_code(self.receipt_code)

    @property
    def phone_last4(self):
        return self.nominator_phone[-4:] if self.nominator_phone else ""


def photo_path(instance, filename):
    # Random names: nothing of the visitor's file name is kept.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"nominations/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class NominationPhoto(models.Model):
    nomination = models.ForeignKey(
        Nomination, verbose_name="推荐", on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField("照片", storage=private_storage, upload_to=photo_path, blank=True)
    width = models.PositiveIntegerField("宽", default=0)
    height = models.PositiveIntegerField("高", default=0)
    sort_order = models.PositiveSmallIntegerField("顺序", default=0)
    image = models.ForeignKey(
        "home.SiteImage",
        verbose_name="图库中的图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="采纳后照片移入社区图库。",
    )

    class Meta:
        verbose_name = "推荐照片"
        verbose_name_plural = "推荐照片"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.nomination.nominee_name} 照片{self.sort_order + 1}"
