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

    def __setstate__(self, state):
        super().__setstate__(state)
        # Unpickled, so it came from a cache: Wagtail writes back to the rendition cache every
        # rendition it did not mark so, which for the ones it read from that cache was a write of
        # each picture on every page view.
        self._from_cache = True

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
