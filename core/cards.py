"""Listing cards: what a card shows of a page, and everything a list of cards needs, fetched in a
fixed number of queries.

A card shows the page's picture, its text, its kind, the place it belongs to and, where the page
has one, a badge (a person's highest honour). Fetching those one card at a time would cost a query
or three per card; `prepare_cards` fetches each of them once for the whole list, however long it
is. A page model adds what its own cards need in its `prepare_card_data(pages)` classmethod.
"""

from dataclasses import dataclass
from itertools import groupby

from django.core.exceptions import FieldDoesNotExist
from django.db.models import OuterRef, Subquery, prefetch_related_objects
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.models import Page


@dataclass(frozen=True)
class Badge:
    """A short distinction on a card, e.g. 省级 福建省道德模范."""

    level: str  # a stable key, used as a CSS modifier
    level_label: str
    text: str


class CardMixin:
    """What a listing card shows of a page: picture, text, kind, badge and the place it belongs to."""

    # The image fields tried in turn for the card's picture.
    card_image_fields = ("cover_image",)
    card_text_field = "intro"
    # "portrait" for pictures of people (cropped 3:4), "landscape" otherwise (4:3).
    card_image_shape = "landscape"

    @property
    def kind_label(self):
        return self._meta.verbose_name

    @property
    def place(self):
        """The page this one hangs under (for an exhibit, the place it belongs to), not specific."""
        if not hasattr(self, "_card_place"):
            self._card_place = self.get_parent()
        return self._card_place

    @property
    def card_place_title(self):
        """The title of the place the card names: annotated by `with_card_data`, or looked up."""
        annotated = getattr(self, "parent_title", None)
        if annotated is not None:
            return annotated
        return self.place.title if self.place is not None else ""

    @property
    def card_image(self):
        for field in self.card_image_fields:
            image = getattr(self, field, None)
            if image is not None:
                return image
        return self.card_image_fallback()

    def card_image_fallback(self):
        """A picture from elsewhere when none of `card_image_fields` is set (None by default)."""
        return None

    @property
    def card_text(self):
        return getattr(self, self.card_text_field, "")

    @property
    def card_badge(self):
        return None

    @classmethod
    def prepare_card_data(cls, pages):
        """Fetch in bulk what the cards of `pages` (all of this class) show beyond the basics."""


def parent_title():
    """An annotation: the title of each page's parent, from the same query."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Subquery(Page.objects.filter(path=parent_path).values("title")[:1])


def with_card_data(queryset):
    """`queryset` (of one specific page model) with what its cards show fetched in the same query:
    the parent's title and the card's pictures. `prepare_cards` then adds only the renditions."""
    model = queryset.model
    image_fields = [name for name in getattr(model, "card_image_fields", ()) if _is_relation(model, name)]
    # Cards never show a StreamField: leave their JSON unread.
    return queryset.annotate(parent_title=parent_title()).select_related(*image_fields).defer_streamfields()


def _is_relation(model, name):
    try:
        return model._meta.get_field(name).is_relation
    except FieldDoesNotExist:
        return False


def prepare_cards(pages):
    pages = list(pages)
    if not pages:
        return pages
    _attach_places([page for page in pages if getattr(page, "parent_title", None) is None])
    _attach_card_images(pages)
    for model, group in groupby(sorted(pages, key=lambda page: type(page).__name__), key=type):
        if hasattr(model, "prepare_card_data"):
            model.prepare_card_data(list(group))
    return pages


def _attach_places(pages):
    if not pages:
        return
    steplen = Page.steplen
    parent_paths = {page.path[:-steplen] for page in pages}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
    for page in pages:
        page._card_place = parents.get(page.path[:-steplen])


def _image_fields(page):
    return getattr(page, "card_image_fields", ())


def _attach_card_images(pages):
    loaded = {}  # images that came with the pages (select_related): only their renditions are missing
    for page in pages:
        for field in _image_fields(page):
            if page._meta.get_field(field).is_cached(page):
                image = getattr(page, field)
                if image is not None:
                    loaded[image.pk] = image
    if loaded:
        prefetch_related_objects(list(loaded.values()), "renditions")
    wanted = {
        getattr(page, f"{field}_id")
        for page in pages
        for field in _image_fields(page)
        if getattr(page, f"{field}_id", None) and getattr(page, f"{field}_id") not in loaded
    }
    if not wanted:
        return
    images = get_image_model().objects.filter(pk__in=wanted).prefetch_renditions().in_bulk()
    for page in pages:
        for field in _image_fields(page):
            image_id = getattr(page, f"{field}_id", None)
            if image_id in images:
                setattr(page, field, images[image_id])
            elif image_id:
                # The image was deleted since the page was last saved: show no picture.
                setattr(page, field, None)
