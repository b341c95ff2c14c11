"""The record of one roster upload: pending while previewed, then the report of the import."""

from django.conf import settings
from django.db import models

from .storage import roster_storage


class RosterImport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待确认"
        IMPORTED = "imported", "已导入"
        DISCARDED = "discarded", "已放弃"

    file_name = models.CharField("文件名", max_length=255)
    # Kept privately between preview and confirm, then deleted: the report keeps the checksum.
    file = models.FileField("文件", storage=roster_storage, upload_to="%Y/%m/", blank=True, max_length=255)
    checksum = models.CharField("SHA-256 校验值", max_length=64)
    size = models.PositiveIntegerField("大小（字节）")
    sheet = models.CharField("工作表", max_length=100, blank=True)
    encoding = models.CharField("编码", max_length=40, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    imported_at = models.DateTimeField("导入时间", null=True, blank=True)
    row_count = models.PositiveIntegerField("行数", default=0)
    profiles_created = models.PositiveIntegerField("新建档案", default=0)
    honours_added = models.PositiveIntegerField("添加荣誉", default=0)
    rows_skipped = models.PositiveIntegerField("跳过", default=0)
    search_indexed = models.BooleanField(
        "已加入后台搜索", default=True, help_text="大批导入的草稿要运行 update_index 后才能在后台搜索到。"
    )
    # One entry per row: {"row", "name", "community", "title", "year", "outcome", "page", "notes"}.
    rows = models.JSONField("逐行结果", default=list, blank=True)

    class Meta:
        verbose_name = "名单导入"
        verbose_name_plural = "名单导入"
        ordering = ["-uploaded_at", "-pk"]
        permissions = [
            ("view_all_rosterimports", "查看所有名单导入记录"),
            ("export_honourroll", "导出荣誉名单（可含本人同意记录）"),
        ]

    def __str__(self):
        return (
            f"{self.file_name}（{self.uploaded_at:%Y-%m-%d %H:%M}）" if self.uploaded_at else self.file_name
        )

    @property
    def checksum_short(self):
        return self.checksum[:12]
