"""A read-only API for the future mini-program: Wagtail API v2 at /api/v2/ (pages and images).

Only live pages that anyone may see are served, and only the fields listed here (plus a kind's
own `api_fields`, minus anything consent- or contact-shaped). No consent record is ever served:
not the consent fields of profiles and families, not the `consent` part of a person on a wall,
not the signed forms (documents have no endpoint at all). Images are served only when a live,
public page uses them, so a portrait uploaded for a draft is not listed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from rest_framework import serializers
from wagtail import blocks
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page, ReferenceIndex
from wagtail.rich_text import expand_db_html

# Never served, whatever a model declares: consent records and personal contact details.
FORBIDDEN_FIELDS = frozenset(
    {
        "consent",
        "consent_given_by",
        "consent_date",
        "consent_scope_name",
        "consent_scope_portrait",
        "consent_scope_story",
        "consent_form",
        "subject_under_14",
        "guardian_name",
        "guardian",
        "given_by",
        "under_14",
        "phone",
        "email",
        "contact",
        "owner",
    }
)

RENDITIONS = {
    "thumbnail": "fill-400x300|format-jpeg",
    "portrait": "fill-300x400-c100|format-jpeg",
    "medium": "max-1200x1200|format-jpeg",
}


def image_data(image, request):
    if image is None:
        return None
    data = {"id": image.pk, "title": image.title, "width": image.width, "height": image.height}
    data["alt"] = getattr(image, "default_alt_text", "") or image.title
    for name, spec in RENDITIONS.items():
        try:
            rendition = image.get_rendition(spec)
        except Exception:  # a missing file must not take the whole response down
            data[name] = None
            continue
        data[name] = {
            "url": request.build_absolute_uri(rendition.url) if request else rendition.url,
            "width": rendition.width,
            "height": rendition.height,
        }
    return data


def page_link(page, request):
    """A linked page, only if it is live and public (a draft profile's name stays private)."""
    if page is None or not page.live:
        return None
    if not Page.objects.filter(pk=page.pk).public().exists():
        return None
    return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(request)}


def block_data(block, value, request):
    """The API form of one block's value, consent records and documents left out."""
    from exhibits.consent import ConsentBlock

    if value is None:
        return None
    if isinstance(block, ConsentBlock | DocumentChooserBlock):
        return None
    if isinstance(block, blocks.StreamBlock):
        return stream_data(value, request)
    if isinstance(block, blocks.ListBlock):
        return [block_data(block.child_block, item, request) for item in value]
    if isinstance(block, ImageBlock | ImageChooserBlock):
        data = image_data(value, request)
        if data and getattr(value, "contextual_alt_text", None) is not None:
            data["alt"] = value.contextual_alt_text
            data["decorative"] = bool(getattr(value, "decorative", False))
        return data
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_data(child, value.get(name), request)
            for name, child in block.child_blocks.items()
            if not isinstance(child, ConsentBlock | DocumentChooserBlock) and name not in FORBIDDEN_FIELDS
        }
    if isinstance(block, blocks.PageChooserBlock):
        return page_link(value, request)
    if isinstance(block, blocks.RichTextBlock):
        return expand_db_html(value.source)
    return block.get_api_representation(value, context={"request": request})


def stream_data(stream_value, request):
    return [
        {"type": child.block_type, "id": child.id, "value": block_data(child.block, child.value, request)}
        for child in stream_value
    ]


class ContextField(serializers.Field):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(*args, **kwargs)

    @property
    def request(self):
        return self.context.get("request")


class SafeStreamField(ContextField):
    def to_representation(self, value):
        return stream_data(value, self.request)


class RichTextField(ContextField):
    def to_representation(self, value):
        return expand_db_html(value or "")


class ImageField(ContextField):
    def to_representation(self, value):
        return image_data(value, self.request)


class TagNamesField(ContextField):
    def to_representation(self, value):
        return [tag.name for tag in value.all()]


class PlacesField(ContextField):
    """The places above a page, from the district centre down: [{id, title, type, html_url}]."""

    def to_representation(self, page):
        ancestors = page.get_ancestors().filter(depth__gt=2).live().public().specific()
        return [
            {
                "id": place.pk,
                "title": place.title,
                "type": place._meta.label,
                "html_url": place.get_full_url(self.request),
            }
            for place in ancestors
        ]


class HonoursField(ContextField):
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
            for honour in value.select_related("title")
        ]


class FamiliesField(ContextField):
    def to_representation(self, value):
        return [
            {
                "kind": family.kind,
                "kind_display": family.get_kind_display(),
                "names": family.names,
                "level": family.level,
                "level_display": family.get_level_display(),
                "year": family.year,
                "description": family.description,
                "photo": image_data(family.photo, self.request),
            }
            for family in value.all()
        ]


class LivePagesField(ContextField):
    def to_representation(self, value):
        pages = value.all().live().public() if hasattr(value.all(), "live") else value.all()
        return [
            {"id": page.pk, "title": page.title, "html_url": page.get_full_url(self.request)}
            for page in pages
        ]


class MediaField(ContextField):
    def to_representation(self, media):
        if media is None:
            return None
        request = self.request
        url = media.url
        return {
            "title": media.title,
            "type": media.type,
            "url": request.build_absolute_uri(url) if request else url,
            "duration": media.duration,
            "width": media.width,
            "height": media.height,
        }


def _exhibit_fields():
    return [
        APIField("intro"),
        APIField("year"),
        APIField("is_demo"),
        APIField("tags", serializer=TagNamesField()),
        APIField("cover_image", serializer=ImageField()),
        APIField("body", serializer=SafeStreamField()),
        APIField("places", serializer=PlacesField(source="*")),
    ]


def page_api_fields(model):
    """The fields this API serves for a page model (see the module docstring)."""
    from exhibits.models import (
        ExhibitIndexPage,
        ExhibitPage,
        FamilyMottoHallPage,
        GoodPeopleWallPage,
        ProfilePage,
        StoryPage,
        VideoPage,
    )
    from home.models import HomePage, PlacePage

    fields = []
    if issubclass(model, ExhibitPage):
        fields += _exhibit_fields()
    if issubclass(model, ProfilePage):
        fields += [
            APIField("occupation"),
            APIField("summary"),
            APIField("portrait", serializer=ImageField()),
            APIField("deeds", serializer=SafeStreamField()),
            APIField("honours", serializer=HonoursField()),
        ]
    elif issubclass(model, GoodPeopleWallPage):
        fields += [
            APIField("form"),
            APIField("location"),
            APIField("opening_info"),
            APIField("featured_people", serializer=SafeStreamField()),
            APIField("gallery", serializer=SafeStreamField()),
        ]
    elif issubclass(model, FamilyMottoHallPage):
        fields += [
            APIField("level"),
            APIField("location"),
            APIField("opening_info"),
            APIField("mottos", serializer=SafeStreamField()),
            APIField("honoured_families", serializer=FamiliesField()),
        ]
    elif issubclass(model, StoryPage):
        fields += [
            APIField("category"),
            APIField("author"),
            APIField("source"),
            APIField("people", serializer=LivePagesField()),
        ]
    elif issubclass(model, VideoPage):
        fields += [
            APIField("kind"),
            APIField("producer"),
            APIField("poster", serializer=ImageField()),
            APIField("video", serializer=MediaField()),
        ]
    elif issubclass(model, PlacePage):
        fields += [
            APIField("description"),
            APIField("body", serializer=RichTextField()),
            APIField("address"),
            APIField("opening_hours"),
            APIField("cover_image", serializer=ImageField()),
            APIField("places", serializer=PlacesField(source="*")),
        ]
    elif issubclass(model, HomePage):
        fields += [
            APIField("hero_title"),
            APIField("hero_intro"),
            APIField("hero_image", serializer=ImageField()),
        ]
    elif issubclass(model, ExhibitIndexPage):
        fields += [APIField("intro")]
    names = {field.name for field in fields}
    # A kind's own api_fields (e.g. captions on videos) come along, unless consent- or contact-shaped.
    for field in getattr(model, "api_fields", ()):
        field = field if isinstance(field, APIField) else APIField(field)
        if field.name not in names and field.name not in FORBIDDEN_FIELDS:
            fields.append(field)
    return [field for field in fields if field.name not in FORBIDDEN_FIELDS]


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Live, public pages only (Wagtail's default), with this site's field list."""

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields) + page_api_fields(model)


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
