from django import template

register = template.Library()


@register.filter
def ancestors(page):
    """The pages above `page`, from the top: as routing found them (no query), or from the tree."""
    found = getattr(page, "_route_ancestors", None)
    return found if found is not None else page.get_ancestors()
