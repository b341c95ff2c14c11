"""Find the page for a URL in one query instead of two per level of the tree.

Wagtail's `Page.route` walks down from the site's root page, one child at a time, each fetched and
then made specific: an exhibit four levels deep costs eight queries before anything is rendered.
Every page stores its full `url_path`, so the root page (which carries `PathRoutingMixin`) fetches
the whole chain of pages named by the URL at once, by slug, and makes only the last one specific.

Where any page on the way routes in its own way (a `RoutablePageMixin` page, say) or the URL names
no page, Wagtail's own walk takes over, so what is found and what is refused stay Wagtail's.

For visitors who are not logged in, the pages found are also remembered in this process, pickled,
until the content generation moves on (`core.generation`; `REMEMBERED_ROUTES` of them at most): on
PostgreSQL the two queries and the page objects they build were 2 of the 5 ms a kept exhibit page
took. Each request gets its own copy. Logged-in editors always read the rows, whose draft fields (a newer revision, a lock) change
without a new generation.
"""

import pickle

from django.conf import settings
from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from core import generation


def _routes_plainly(page_class):
    return page_class is not None and page_class.route is Page.route


def _remembered(request):
    """This generation's remembered routes, or None for a request that must not use them."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated or not settings.REMEMBERED_ROUTES:
        return None
    return generation.memoized("core:routes", dict)


class PathRoutingMixin:
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        routes = _remembered(request)
        key = (self.pk, *path_components)
        if routes is not None and key in routes:
            return RouteResult(pickle.loads(routes[key]))  # noqa: S301 - pickled by this process
        result = self._route_by_path(request, path_components)
        if result is None:
            return super().route(request, path_components)
        if routes is not None:
            if len(routes) >= settings.REMEMBERED_ROUTES:
                routes.pop(next(iter(routes)), None)  # the oldest
            routes[key] = pickle.dumps(result.page, pickle.HIGHEST_PROTOCOL)
        return result

    def _route_by_path(self, request, path_components):
        """The page, found in one query, or None where Wagtail's own walk must decide."""
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
            return None
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
