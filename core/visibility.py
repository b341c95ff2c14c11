"""Which pages the public may see, without asking the database on every request.

Wagtail answers "is this page private?" with a query of every view restriction, each time it is
asked (`PageQuerySet.public()`, `Page.get_view_restrictions()`), several times per page. Sites have
few restrictions and they rarely change, so their paths are kept in memory for the current content
generation (`core.generation`: saving or deleting a restriction moves it on) and the questions are
answered from there.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from .generation import memoized


def _restriction_paths():
    paths = PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
    return tuple(sorted(paths)), tuple(sorted(aliases))


def restriction_paths():
    """(paths of pages with a view restriction, paths of alias pages), for this generation."""
    return memoized("core:restriction-paths", _restriction_paths)


def private_q():
    """Like `PageQuerySet.private_q()`: pages in a restricted section, from memory."""
    q = Q()
    for path in restriction_paths()[0]:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """Like `queryset.public()`, without a query for the restrictions."""
    paths = restriction_paths()[0]
    return queryset.exclude(private_q()) if paths else queryset


class ViewRestrictionMixin:
    """Pages answer `get_view_restrictions()` from memory when no restriction applies to them."""

    def get_view_restrictions(self):
        restricted, aliases = restriction_paths()
        if any(self.path.startswith(path) for path in aliases):
            # An alias takes its source's restrictions: Wagtail's own walk knows how.
            return super().get_view_restrictions()
        if any(self.path.startswith(path) for path in restricted):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
