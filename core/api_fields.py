"""Serializer fields a page model uses in its `api_fields` for the read API (/api/v2/).

They serve only what the public may see: images as ready-made renditions, StreamFields without
private records (`PrivateBlock`) or documents, linked pages only when live and public, and never a
field named in `FORBIDDEN_FIELDS` (the API view drops those whatever a model declares).
"""

from django.db.models import prefetch_related_objects
from rest_framework import serializers
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from .blocks import PrivateBlock
from .pagecache import site_root_paths
from .visibility import restriction_paths

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
    try:
        # All at once, and not written back to the rendition cache when prefetched or read from it.
        renditions = image.get_renditions(*RENDITIONS.values())
    except Exception:  # a missing file must not take the whole response down
        renditions = {}
    for name, spec in RENDITIONS.items():
        rendition = renditions.get(spec)
        data[name] = rendition and {
            "url": request.build_absolute_uri(rendition.url) if request else rendition.url,
            "width": rendition.width,
            "height": rendition.height,
        }
    return data


def page_link(page, request):
    """A linked page, only if it is live and public (a draft profile's name stays private)."""
    if page is None or not page.live:
        return None
    if is_restricted(page):
        return None
    return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(request)}


def is_restricted(page):
    """Whether a page lies in a section with a view restriction (from memory, see core.visibility)."""
    return any(page.path.startswith(path) for path in restriction_paths()[0])


def prepare_api_pages(pages):
    """Fetch in bulk what the API fields of a page of results show, so that serializing 20 pages
    costs a fixed number of queries: tags, each model's `api_prefetch` (a person's honours), the
    images its foreign keys name (with their renditions) and the places above each page."""
    pages = list(pages)
    for model in {type(page) for page in pages}:
        group = [page for page in pages if type(page) is model]
        lookups = [*getattr(model, "api_prefetch", ())]
        if any(field.name == "tags" for field in model._meta.get_fields()):
            lookups.append("tags")
        if lookups:
            prefetch_related_objects(group, *lookups)
        _attach_images(model, group)
    _attach_places(pages)
    # Wagtail's `html_url` asks each page for its full URL without the request.
    roots = site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = roots
    return pages


def _attach_images(model, pages):
    image_model = get_image_model()
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is image_model
    ]
    wanted = {getattr(page, f"{name}_id") for page in pages for name in fields} - {None}
    if not wanted:
        return
    images = image_model.objects.filter(pk__in=wanted).prefetch_renditions().in_bulk()
    for page in pages:
        for name in fields:
            image_id = getattr(page, f"{name}_id")
            if image_id is not None:
                setattr(page, name, images.get(image_id))


def _attach_places(pages):
    steplen = Page.steplen
    wanted = {page.path[:length] for page in pages for length in range(3 * steplen, len(page.path), steplen)}
    places = {
        place.path: place
        for place in Page.objects.filter(path__in=wanted).live().select_related("content_type")
        if not is_restricted(place)
    }
    for page in pages:
        page._api_places = [
            places[page.path[:length]]
            for length in range(3 * steplen, len(page.path), steplen)
            if page.path[:length] in places
        ]


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
        ancestors = getattr(page, "_api_places", None)  # fetched for a whole page of results
        if ancestors is None:
            ancestors = page.get_ancestors().filter(depth__gt=2).live().public()
        return [
            {
                "id": place.pk,
                "title": place.title,
                "type": place.specific_class._meta.label,
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
