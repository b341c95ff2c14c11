"""Purging a front-end cache (Varnish in front of gunicorn; README, "Front-end cache") when content
changes, page by page, through `wagtail.contrib.frontend_cache`.

The application's own page cache needs none of this: it follows the content generation
(core.generation). A cache in front of the application keeps pages for `PAGE_CACHE_SHARED_MAX_AGE`
seconds unless told, so every change purges the URLs that show it:

- a page published, unpublished or deleted: the page, its placard, the places above it and the
  home page (their lists and counts), its kind's listing (the Varnish config bans every filtered
  variant of a URL with it), the pages that link to it (Wagtail's reference index: a wall that
  features a person, a story's people, the home page's featured exhibits), /stats/, the sitemap
  and the feed;
- a page moved, a snippet, a setting or an image changed: everything (`PURGE /*`), since such a
  change can show on any page.

The URLs are worked out when the change is made (before a deletion, while the rows are there) and
purged once it is committed.

Nothing is sent unless `WAGTAILFRONTENDCACHE` is set (FRONTEND_CACHE_URL, see cms/settings).
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.generation import is_ignored
from core.kinds import listing_pages_by_model

SITE_WIDE_PATHS = ("/stats/", "/sitemap.xml", "/feeds/latest/")
EVERYTHING = "/*"


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def site_urls(site, paths):
    return [site.root_url.rstrip("/") + path for path in paths]


def urls_showing(page):
    """Full URLs of every page that shows `page` (see the module docstring)."""
    page = page.specific_deferred
    site = page.get_site()
    if site is None:
        return set()
    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_pages(page.get_ancestors().filter(depth__gt=1))
    listing = listing_pages_by_model(site).get(page.specific_class)
    if listing is not None:
        batch.add_page(listing)
    referring = ReferenceIndex.get_references_to(page).filter(base_content_type__model="page")
    batch.add_pages(
        Page.objects.filter(pk__in=[int(pk) for pk in referring.values_list("object_id", flat=True)])
    )
    batch.add_urls(site_urls(site, [*SITE_WIDE_PATHS, reverse("discovery:placard", args=[page.pk])]))
    return batch.urls


def purge_on_commit(urls):
    """Purge once the change is committed: purged before, the front-end cache could fetch the old
    page again from a request that does not see the change yet (a publish is one transaction)."""
    transaction.on_commit(partial(purge_urls_from_cache, urls))


def purge_page(instance, **kwargs):
    """A receiver for page_published, page_unpublished and pre_delete."""
    if enabled():
        purge_on_commit(sorted(urls_showing(instance)))


def purge_everything(**kwargs):
    if enabled():
        purge_on_commit([url for site in Site.objects.all() for url in site_urls(site, [EVERYTHING])])


def belongs_to_a_page(model):
    """Inline rows (a person's honours, tags): saved when their page is, which purges for them."""
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.concrete_fields
        if field.related_model is not None and not isinstance(field.related_model, str)
    )


def on_saved(sender, instance, raw=False, **kwargs):
    """Snippets, settings, images …: anything but pages (which have their own signals) and their rows."""
    if raw or not enabled() or isinstance(instance, Page) or is_ignored(sender) or belongs_to_a_page(sender):
        return
    purge_everything()


def register():
    page_published.connect(purge_page, dispatch_uid="discovery-purge-publish")
    page_unpublished.connect(purge_page, dispatch_uid="discovery-purge-unpublish")
    # Before the rows go: the URLs are worked out from them.
    pre_delete.connect(purge_page, sender=Page, dispatch_uid="discovery-purge-delete")
    post_page_move.connect(purge_everything, dispatch_uid="discovery-purge-move")
    post_save.connect(on_saved, dispatch_uid="discovery-purge-save")
    post_delete.connect(on_saved, dispatch_uid="discovery-purge-delete-other")
