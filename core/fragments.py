"""Parts of a page kept in the shared cache for the content generation, for every visitor.

The page cache (`core.pagecache`) keeps whole pages, but only for anonymous visitors and one copy
per URL and mode: an editor browsing the site, a reader in elder mode, a link with a tracking
parameter all render afresh. What they render is mostly the same: an exhibit's article, a place's
article, a listing's facets and cards (for one query string) and the page's share tags depend on
the content alone. Those parts are kept here, under the content generation (`core.generation`),
so any change anywhere drops them with the rest, and under the host and scheme (links and share
tags are absolute on some pages). Previews are never kept nor served from here: a preview shows a
draft under the live page's id. Wagtail's `{% wagtailcache %}` skips previews too, but would need
the generation, host and timeout in every template's context, would keep a part holding a
visitor's CSRF token, and cannot serve Python callers such as the share tags.

`FRAGMENT_CACHE_SECONDS` (0 turns it off) bounds how long a part stays in the cache once written.
"""

from django import template
from django.conf import settings

from . import generation


def enabled(request):
    return request is not None and not getattr(request, "is_preview", False)


def kept(request, name, parts, build):
    """`build()`, kept for the content generation under `name` and `parts` (str()-able values)."""
    if not enabled(request):
        return build()
    key = "\n".join(map(str, [name, request.scheme, request.get_host(), *parts]))

    def shareable(value):
        # Once the page has asked for a CSRF token, a part may hold this visitor's token.
        return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")

    seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    return generation.shared(f"fragment:{key}", build, seconds, keep=shareable)


class KeptNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        return kept(context.get("request"), self.name, parts, lambda: self.nodelist.render(context))


def do_kept(parser, token):
    """{% kept "name" value … %} … {% endkept %}: the enclosed part, kept (see `kept`)."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name, then the values it varies on")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
