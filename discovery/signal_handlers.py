"""Keep statistics, the search dictionary and the search index in step with what is live.

- Any publish, unpublish, move or deletion drops the cached statistics, recounted on the next
  visit to /stats/ (not during the publish). The list of the site's own words (place names, honour
  titles, people) follows the content generation (core.generation), which such changes move on.
- After a publish the page is indexed again: Wagtail indexes it when the page row is saved, which
  is before its inline rows (a person's honours, a hall's families) are, and the reference index
  (which images a page uses, for the API) is refreshed for the same reason.
- A place's name is part of every page beneath it in the index, so renaming or moving a place,
  or renaming an honour title, indexes the pages that carry that name again.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.kinds import PLACES, kind_of, kinds
from core.search.indexing import SegmentedSearchMixin, index_page, saved_page
from exhibits.models import HonourTitle, ProfilePage

from . import stats


def content_changed(**kwargs):
    stats.invalidate()


def reindex(pages, saved=False):
    for page in pages:
        if isinstance(page, SegmentedSearchMixin):
            index_page(page, saved)
        else:
            index.insert_or_update_object(page)


def searchable_models():
    return [model for _kind, models in kinds() for model in models]


def reindex_subtree(page, inclusive=True):
    reindex(Page.objects.descendant_of(page, inclusive=inclusive).type(*searchable_models()).specific())


def on_publish(sender, instance, **kwargs):
    content_changed()
    # The rows as saved, read once for Wagtail's reference index and the search index.
    saved = saved_page(instance.specific, inline_rows=True)
    page = saved or instance.specific
    # In a transaction, as the reference index asks (publishing's own, when there is one).
    with transaction.atomic(savepoint=False):
        ReferenceIndex.create_or_update_for_object(page)
        if saved is not None:
            reindex([saved], saved=True)
        if kind_of(type(page)) is PLACES:
            reindex_subtree(page, inclusive=False)


def on_move(sender, instance, **kwargs):
    content_changed()
    reindex_subtree(instance.specific, inclusive=True)


def on_honour_title_saved(sender, instance, created=False, **kwargs):
    content_changed()
    if not created:
        reindex(ProfilePage.objects.filter(honours__title=instance).distinct())


def on_page_deleted(sender, instance, **kwargs):
    content_changed()


def register():
    page_published.connect(on_publish, dispatch_uid="discovery-publish")
    page_unpublished.connect(content_changed, dispatch_uid="discovery-unpublish")
    post_page_move.connect(on_move, dispatch_uid="discovery-move")
    post_save.connect(on_honour_title_saved, sender=HonourTitle, dispatch_uid="discovery-honour-title")
    post_delete.connect(content_changed, sender=HonourTitle, dispatch_uid="discovery-honour-title-delete")
    post_save.connect(content_changed, sender=PageViewRestriction, dispatch_uid="discovery-restriction")
    post_delete.connect(content_changed, sender=PageViewRestriction, dispatch_uid="discovery-restriction-del")
    # Deleting a page deletes its Page row; every page type shares it.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="discovery-page-delete")
