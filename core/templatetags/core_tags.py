import functools

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from ..generation import memoized

register = template.Library()


@register.filter
def ancestors(page):
    """The pages above `page`, from the top: as routing found them (no query), or from the tree."""
    found = getattr(page, "_route_ancestors", None)
    return found if found is not None else page.get_ancestors()


# A card's picture, as Wagtail's {% picture %} tag renders it for each shape of card.
CARD_PICTURES = {
    "portrait": '{% load wagtailimages_tags %}{% picture image format-{webp,jpeg} fill-{240x320,480x640}-c100 sizes="(min-width: 64em) 22vw, (min-width: 40em) 45vw, 92vw" alt="" loading="lazy" %}',
    "landscape": '{% load wagtailimages_tags %}{% picture image format-{webp,jpeg} fill-{400x300,800x600} sizes="(min-width: 64em) 22vw, (min-width: 40em) 45vw, 92vw" alt="" loading="lazy" %}',
}


@functools.cache
def _card_picture_template(shape):
    return engines["django"].from_string(CARD_PICTURES[shape])


@register.simple_tag
def card_picture(image, shape):
    """The <picture> of a card, kept in this process for the content generation.

    Finding four renditions costs a third of a millisecond per picture (Wagtail works out each
    one's filter and cache key), and a place page shows forty cards; the markup only changes when
    the image does, and saving an image moves the generation on (core.generation).
    """
    shape = shape if shape in CARD_PICTURES else "landscape"
    pictures = memoized("core:card-pictures", dict)
    focal = (image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height)
    key = (image.pk, image.file.name, focal, shape)
    html = pictures.get(key)
    if html is None:
        html = pictures[key] = mark_safe(_card_picture_template(shape).render({"image": image}))  # noqa: S308 - Wagtail's tag escaped it
    return html
