"""Scan counts: how often each page was opened through its QR code. No visitor data is kept."""

from django.db import IntegrityError, models, transaction
from django.db.models import F


class ScanCount(models.Model):
    """One row per page whose short link was ever opened: the page and a number, nothing else."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="页面",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="scan_count",
    )
    count = models.PositiveIntegerField("扫码次数", default=0)

    class Meta:
        verbose_name = "扫码次数"
        verbose_name_plural = "扫码次数"

    def __str__(self):
        return f"{self.page_id}: {self.count}"

    @classmethod
    def record(cls, page_id):
        """Add one scan, in the database (F expression), safe against concurrent scans."""
        if cls.objects.filter(page_id=page_id).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(page_id=page_id, count=1)
        except IntegrityError:
            cls.objects.filter(page_id=page_id).update(count=F("count") + 1)
