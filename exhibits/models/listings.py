"""Listing pages (道德模范、好人墙、家风家训、视频、故事): one kind, across the whole place tree.

Each kind's listing page is defined next to the kind (e.g. `ProfileIndexPage` in `people.py`) and
names it in `exhibit_model`; its `facets()` say how it can be filtered.
"""

import functools

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from core.cards import prepare_cards, with_card_data
from core.generation import memoized
from core.mixins import MetaDescriptionMixin
from core.page_forms import SitePageForm
from core.visibility import ViewRestrictionMixin, public
from home.models import CommunityPage, StreetPage

from ..facets import Facet, FacetedListing, PlaceFacet, Scope, YearFacet
from .base import ExhibitTag

TAGS = Scope(ExhibitTag, "content_object")


def place_facets():
    return [PlaceFacet("street", "街道", StreetPage), PlaceFacet("community", "社区", CommunityPage)]


def tag_facet():
    return Facet("tag", "标签", "tag__slug", scope=TAGS, label_field="tag__name")


class ExhibitIndexPage(ViewRestrictionMixin, MetaDescriptionMixin, Page):
    """Abstract listing of one exhibit kind with filters, counts and pagination."""

    intro = models.TextField("导语", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    per_page = 12
    meta_description_source = "intro"
    # The exhibit page model this page lists; set by every concrete listing.
    exhibit_model = None
    # A template the home page shows for this listing (e.g. the honour roll in numbers), with
    # the context `home_summary(page)` gives it.
    home_summary_template = None
    # Whether the home page shows this listing's first exhibits as people on its first screen.
    features_people = False

    class Meta:
        abstract = True

    def facets(self):
        return [*place_facets(), YearFacet(), tag_facet()]

    def exhibits(self):
        return public(self.exhibit_model.objects.live())

    def order(self, exhibits):
        return exhibits.order_by("-first_published_at", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = FacetedListing(self.exhibits(), self.facets(), request.GET)
        number = request.GET.get("page")
        unfiltered = not listing.active and not listing.invalid
        if unfiltered:
            # The unfiltered counts, and the first page most visitors stop at, are the same for
            # everyone until the content changes.
            listing.__dict__["groups"] = memoized(
                ("exhibits:unfiltered-facets", self.pk), lambda: listing.groups
            )

        @functools.cache
        def pages():
            if unfiltered and number in (None, "", "1"):
                return memoized(
                    ("exhibits:unfiltered-first-page", self.pk), lambda: self.paginate(listing, 1)
                )
            return self.paginate(listing, number)

        # Fetched when the template first asks: not at all when the listing part is kept
        # (core.fragments; the template keeps it per query string for the content generation).
        context.update(
            listing=listing,
            paginator=SimpleLazyObject(lambda: pages()[0]),
            page_obj=SimpleLazyObject(lambda: pages()[1]),
        )
        return context

    def paginate(self, listing, number):
        """(paginator, the page `number` of it with its cards ready)."""
        paginator = Paginator(with_card_data(self.order(listing.results)), self.per_page)
        page_obj = paginator.get_page(number)
        page_obj.object_list = list(page_obj.object_list)
        prepare_cards(page_obj.object_list)
        return paginator, page_obj

    @classmethod
    def home_summary(cls, page):
        """Context for `home_summary_template`; `page` is the listing page (not specific)."""
        return {"listing_page": page}
