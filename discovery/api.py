"""A read-only API for the future mini-program: Wagtail API v2 at /api/v2/ (pages and images).

Only live pages that anyone may see are served, and only the fields each page model lists in its
own `api_fields` (with the serializers of `core.api_fields`), minus anything consent- or
contact-shaped (`FORBIDDEN_FIELDS`), whatever a model declares. No consent record is ever served:
not the consent fields of profiles and families, not the `consent` part of a person on a wall,
not the signed forms (documents have no endpoint at all). Images are served only when a live,
public page uses them, so a portrait uploaded for a draft is not listed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex, Site

from core.api_fields import FORBIDDEN_FIELDS, RENDITIONS, prepare_api_pages
from core.visibility import restriction_paths

__all__ = ["FORBIDDEN_FIELDS", "api_router"]


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Live, public pages only (Wagtail's default), with each model's own `api_fields`.

    A page of results is serialized in a fixed number of queries: locales come with the pages,
    and what the fields show is fetched for all of them at once (`prepare_api_pages`).
    """

    def get_base_queryset(self):
        site = Site.find_for_request(self.request)
        if restriction_paths()[0] or "site" in self.request.GET or site is None:
            return super().get_base_queryset()  # Wagtail's own, asking each restriction
        return Page.objects.live().descendant_of(site.root_page, inclusive=True)

    def get_queryset(self):
        return super().get_queryset().select_related("locale")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return prepare_api_pages(page) if page is not None else None

    @classmethod
    def get_body_fields(cls, model):
        return [field for field in super().get_body_fields(model) if field.name not in FORBIDDEN_FIELDS]


def images_used_by_public_pages():
    """Ids of images that a live, public page refers to (Wagtail's reference index)."""
    public_ids = (
        Page.objects.live().public().annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")
    )
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=public_ids,
        to_content_type=ContentType.objects.get_for_model(get_image_model()),
    ).values("to_object_id")


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Images shown on live, public pages, with renditions ready to use."""

    @classmethod
    def get_body_fields(cls, model):
        return [
            *cls._convert_api_fields(ImagesAPIViewSet.body_fields),
            APIField("alt", serializer=serializers.CharField(source="default_alt_text", read_only=True)),
            APIField("thumbnail", serializer=ImageRenditionField(RENDITIONS["thumbnail"], source="*")),
            APIField("medium", serializer=ImageRenditionField(RENDITIONS["medium"], source="*")),
        ]

    def get_queryset(self):
        used = images_used_by_public_pages()
        return (
            super()
            .get_queryset()
            .annotate(pk_text=Cast("pk", output_field=CharField()))
            .filter(pk_text__in=used)
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
