"""The content generation: one number, kept in the shared cache, that changes whenever anything the
public may see changes.

Whatever is derived from content and kept between requests (whole pages in `core.pagecache`, the
site and its settings, the main navigation, view restrictions in this process's memory) is stored
under the generation it was built from, and is simply not found any more once the number moves on.
That is always correct, whichever page, snippet or setting changed and whatever shows it, at the
price of rebuilding everything after each change: on this site changes come a few dozen times a
day and reads thousands of times an hour.

The number moves on (`bump`) after every save or deletion of a model the public site may show:
pages (except saves that only touch a draft), snippets, settings, images, media, documents, sites,
view restrictions, redirects. Models that never show on a public page, or that change on every
visit, are listed in `IGNORED_MODELS` and in the setting `CONTENT_GENERATION_IGNORED_MODELS`.
Changes that bypass `save()` (queryset `update()`, raw SQL) must call `bump()` themselves; Wagtail's
publish, unpublish and move signals are wired too.

A request reads the number once (`pinned`, used by the page cache middleware) and sees the same
value throughout, so one page is never built from two generations.
"""

import contextvars
import hashlib
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "core:content-generation"

# Models whose rows never show on a public page, or change on every visit.
IGNORED_MODELS = frozenset(
    {
        "sessions.Session",
        "admin.LogEntry",
        "auth.User",
        "auth.Group",
        "auth.Permission",
        "contenttypes.ContentType",
        "wagtailcore.Revision",
        "wagtailcore.PageLogEntry",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.WorkflowState",
        "wagtailcore.TaskState",
        "wagtailcore.Comment",
        "wagtailcore.CommentReply",
        "wagtailcore.PageSubscription",
        "wagtailcore.ReferenceIndex",
        "wagtailcore.UploadedFile",
        "wagtailcore.GroupPagePermission",
        "wagtailcore.GroupCollectionPermission",
        "wagtailcore.GroupSitePermission",
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailusers.UserProfile",
        "wagtailsearch.IndexEntry",
        "wagtailsearch.SQLiteFTSIndexEntry",
        "wagtailforms.FormSubmission",
        "core.SearchTitle",
        "wagtailembeds.Embed",
    }
)

# Page saves that change only the draft (saving a revision, locking): nothing public changes.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)

_pinned = contextvars.ContextVar("content_generation", default=None)
_memo = {}
_memo_lock = threading.Lock()


def read():
    """The generation in the shared cache (started afresh if the cache lost it)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A start from the clock: never a number that entries left from before could carry.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def current():
    """The generation this request sees (read once per request; read afresh outside requests)."""
    value = _pinned.get()
    return read() if value is None else value


@contextmanager
def pinned():
    """Read the generation once and keep it for everything done inside (one request)."""
    token = _pinned.set(read())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def bump(**kwargs):
    """Move on to a new generation now and again once the change is committed (a signal receiver,
    too): between the two another process may rebuild from the old rows under the new number."""
    _bump_now()
    transaction.on_commit(_bump_now)


def _bump_now():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the cache lost the key: any fresh number will do
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    if _pinned.get() is not None:
        # The request that made the change sees it from now on (a redirect after saving, say).
        _pinned.set(read())


def memoized(key, build):
    """`build()`, kept in this process until the generation moves on.

    For small things every page needs (the site, its settings, the main navigation): read from
    the database once per generation instead of once per request. The value is shared by every
    request this process serves, so callers must not change it.
    """
    generation = current()
    hit = _memo.get(key)
    if hit is not None and hit[0] == generation:
        return hit[1]
    value = build()
    with _memo_lock:
        _memo[key] = (generation, value)
    return value


def shared(key, build, seconds, keep=lambda value: True):
    """`build()`, kept in the shared cache for up to `seconds` until the generation moves on.

    For what is dearer to build than to fetch and too varied to keep in every process's memory
    (parts of pages, search rankings). `key` is a string; `seconds` 0 builds every time; a value
    for which `keep(value)` is false is returned but not kept.
    """
    if not seconds:
        return build()
    full_key = f"core:shared:{current()}:{hashlib.sha256(key.encode()).hexdigest()}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        if keep(value):
            cache.set(full_key, value, seconds)
    return value


def ignored_models():
    return IGNORED_MODELS | set(getattr(settings, "CONTENT_GENERATION_IGNORED_MODELS", ()))


def is_ignored(model):
    # Renditions are made while pages render; they change nothing a page shows.
    return model._meta.label in ignored_models() or issubclass(model, AbstractRendition)


def on_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or is_ignored(sender):
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if isinstance(instance, Page) and not instance.live:
        # A draft (a new page not yet published, or one that never was): nothing public changes.
        # Taking a page off the site signals `page_unpublished`, which bumps.
        return
    bump()


def on_deleted(sender, instance, **kwargs):
    if not is_ignored(sender):
        bump()


def register():
    post_save.connect(on_saved, dispatch_uid="core-generation-save")
    post_delete.connect(on_deleted, dispatch_uid="core-generation-delete")
    page_published.connect(bump, dispatch_uid="core-generation-publish")
    page_unpublished.connect(bump, dispatch_uid="core-generation-unpublish")
    post_page_move.connect(bump, dispatch_uid="core-generation-move")
