"""Find the page for a URL in one query instead of two per level of the tree.

Wagtail's `Page.route` walks down from the site's root page, one child at a time, each fetched and
then made specific: an exhibit four levels deep costs eight queries before anything is rendered.
Every page stores its full `url_path`, so the root page (which carries `PathRoutingMixin`) fetches
the whole chain of pages named by the URL at once, by slug, and makes only the last one specific.

Where any page on the way routes in its own way (a `RoutablePageMixin` page, say) or the URL names
no page, Wagtail's own walk takes over, so what is found and what is refused stay Wagtail's.
"""

from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult


def _routes_plainly(page_class):
    return page_class is not None and page_class.route is Page.route


class PathRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        url_paths, prefix = [], self.url_path
        for component in path_components:
            prefix += component + "/"
            url_paths.append(prefix)
        chain = list(
            Page.objects.filter(
                slug__in=set(path_components),
                url_path__in=url_paths,
                path__startswith=self.path,
            ).order_by("depth")
        )
        plain = len(chain) == len(path_components) and all(
            page.depth == self.depth + n + 1 and _routes_plainly(page.specific_class)
            for n, page in enumerate(chain)
        )
        if not plain:
            return super().route(request, path_components)
        parent = self
        for page in chain:
            page._cached_parent_obj = parent
            parent = page
        page = chain[-1].specific
        page._cached_parent_obj = chain[-2] if len(chain) > 1 else self
        # The way down, for breadcrumbs (see core.templatetags.core_tags.ancestors).
        page._route_ancestors = [self, *chain[:-1]]
        if not page.live:
            raise Http404
        return RouteResult(page)
