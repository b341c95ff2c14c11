from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from core.search.media import SEGMENTED_WORDS_FIELDS, SegmentedWordsMixin


class SiteImage(SegmentedWordsMixin, AbstractImage):
    """Every photo on the site. Uploads are re-encoded without EXIF by `home.forms.SiteImageForm`."""

    credit = models.CharField("图片来源/摄影", max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")
    search_fields = [*AbstractImage.search_fields, *SEGMENTED_WORDS_FIELDS]
    segmented_texts = ("description",)

    class Meta(AbstractImage.Meta):
        verbose_name = "图片"
        verbose_name_plural = "图片"


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
