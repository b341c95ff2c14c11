"""Serializer fields a page model uses in its `api_fields` for the read API (/api/v2/).

They serve only what the public may see: images as ready-made renditions, StreamFields without
private records (`PrivateBlock`) or documents, linked pages only when live and public, and never a
field named in `FORBIDDEN_FIELDS` (the API view drops those whatever a model declares).
"""

from rest_framework import serializers
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from .blocks import PrivateBlock

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
    """The API form of one block's value, private records and documents left out."""
    if value is None:
        return None
    if isinstance(block, PrivateBlock | DocumentChooserBlock):
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
            if not isinstance(child, PrivateBlock | DocumentChooserBlock) and name not in FORBIDDEN_FIELDS
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


class LivePagesField(ContextField):
    def to_representation(self, value):
        """Linked pages: a method's list (already live and public), or a relation's live, public ones."""
        if isinstance(value, list | tuple):
            pages = value
        else:
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
