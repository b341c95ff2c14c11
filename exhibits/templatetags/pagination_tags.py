from django import template

register = template.Library()


@register.simple_tag
def page_numbers(page_obj, on_each_side=2, on_ends=1):
    """The page numbers to link around the current page, with "…" (`Paginator.ELLIPSIS`) for the
    gaps. A listing of 4,000 people has over 300 pages: only a dozen or so are ever shown."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )
