import functools

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from ..fragments import do_kept
from ..generation import memoized

register = template.Library()


@register.filter
def seal_text(name):
    """The four characters of a name seal, as seals are cut: 李美计 → 李美计印, 王芳 → 王芳之印.

    Read top to bottom, right column first (the template sets the text vertically).
    """
    name = "".join((name or "").split())
    if len(name) == 1:
        return f"{name}之印"
    if len(name) == 2:
        return f"{name}之印"
    if len(name) == 3:
        return f"{name}印"
    return name[:4]


@register.filter
def ancestors(page):
    """The pages above `page`, from the top: as routing found them (no query), or from the tree."""
    found = getattr(page, "_route_ancestors", None)
    return found if found is not None else page.get_ancestors()


# A card's picture, as Wagtail's {% picture %} tag renders it: every card 4:3, cropped around the
# image's focal point, so cards of one grid line up whatever the photo's shape.
CARD_PICTURE = (
    "{% load wagtailimages_tags %}{% picture image format-{webp,jpeg} fill-{400x300,800x600}-c50"
    ' sizes="(min-width: 64em) 22rem, (min-width: 40em) 45vw, 10rem" alt="" loading="lazy" %}'
)


@functools.cache
def _card_picture_template():
    return engines["django"].from_string(CARD_PICTURE)


@register.simple_tag
def card_picture(image):
    """The <picture> of a card, kept in this process for the content generation.

    Finding four renditions costs a third of a millisecond per picture (Wagtail works out each
    one's filter and cache key), and a place page shows forty cards; the markup only changes when
    the image does, and saving an image moves the generation on (core.generation).
    """
    pictures = memoized("core:card-pictures", dict)
    focal = (image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height)
    key = (image.pk, image.file.name, focal)
    html = pictures.get(key)
    if html is None:
        html = pictures[key] = mark_safe(_card_picture_template().render({"image": image}))  # noqa: S308 - Wagtail's tag escaped it
    return html


register.tag("kept", do_kept)
