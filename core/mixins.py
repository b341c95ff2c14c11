"""Page mixins shared by places and exhibits, one concern each."""

from django.db import models
from django.utils.text import Truncator
from wagtail.images import get_image_model_string


class MetaDescriptionMixin:
    """`meta_title`/`meta_description` with fallbacks, for <title>, description and share tags.

    The page's own SEO fields win; otherwise the field named by `meta_description_source`.
    """

    meta_description_source = None

    @property
    def meta_title(self):
        return self.seo_title or self.title

    @property
    def meta_description(self):
        if self.search_description:
            return self.search_description
        source = getattr(self, self.meta_description_source or "", "") or ""
        return Truncator(str(source)).chars(120)


class CoverImageMixin(models.Model):
    """The photo at the top of a page and on its card (a place or an exhibit)."""

    cover_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name="封面图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
