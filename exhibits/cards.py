"""Everything a list of exhibit cards needs, fetched in a fixed number of queries.

A card shows the exhibit's picture, its place and, for a person, their highest honour. Fetching
those one card at a time would cost a query or three per card; `prepare_cards` fetches each of
them once for the whole list, however long it is.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.models import Page


def prepare_cards(pages):
    pages = list(pages)
    if not pages:
        return pages
    _attach_places(pages)
    _attach_card_images(pages)
    _attach_honours(pages)
    return pages


def _attach_places(pages):
    steplen = Page.steplen
    parent_paths = {page.path[:-steplen] for page in pages}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
    for page in pages:
        page._place = parents.get(page.path[:-steplen])


def _image_fields(page):
    if not hasattr(page, "card_image_field"):
        return []
    fields = [page.card_image_field]
    if page.card_image_field != "cover_image":
        fields.append("cover_image")
    return fields


def _attach_card_images(pages):
    wanted = {
        getattr(page, f"{field}_id")
        for page in pages
        for field in _image_fields(page)
        if getattr(page, f"{field}_id", None)
    }
    images = get_image_model().objects.filter(pk__in=wanted).prefetch_renditions().in_bulk()
    for page in pages:
        for field in _image_fields(page):
            image_id = getattr(page, f"{field}_id", None)
            if image_id in images:
                setattr(page, field, images[image_id])
            elif image_id:
                # The image was deleted since the page was last saved: show no picture.
                setattr(page, field, None)


def _attach_honours(pages):
    from .models import ProfileHonour, ProfilePage

    profiles = [page for page in pages if isinstance(page, ProfilePage)]
    prefetch_related_objects(
        profiles, Prefetch("honours", queryset=ProfileHonour.objects.select_related("title"))
    )
