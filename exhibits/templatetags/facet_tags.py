from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def facet_options(options):
    """The <li> of each option of a facet. Built here rather than in a template loop: a listing
    at district scale offers a hundred or more options (80 communities), and this is the same
    markup at a tenth of the cost."""
    return format_html_join(
        "\n",
        '<li><a href="{}" class="facet__option{}"{}><span class="facet__label">{}</span>'
        '<span class="facet__count">{}<span class="visually-hidden"> 项</span></span></a></li>',
        (
            (
                option.url,
                " is-selected" if option.selected else "",
                mark_safe(' aria-current="true"') if option.selected else "",
                option.label,
                option.count,
            )
            for option in options
        ),
    )
