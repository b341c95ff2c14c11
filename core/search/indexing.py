"""What a page gives the search index beyond its own fields: segmented Chinese text and pinyin.

`SegmentedSearchMixin` goes on the abstract bases of exhibits and places; its search fields add
two callables to the index:

- `search_segmented`: every text the page already indexes (intro, body, tags, the kind's own
  fields and related rows such as a person's honours, with the labels of their choices: 见义勇为
  rather than `bravery`), every StreamField it shows, and the names of the places above it, cut
  into words (see `segmenting`);
- `search_segmented_title`: the title alone, cut the same way and with its pinyin, boosted, and
  indexed for autocomplete too, which is what the admin's page search and choosers use.

Private records inside StreamFields (a person's consent on a wall) are never indexed: the walker
skips every `PrivateBlock`, and document choosers (signed forms).

Each page is written to the index once per change (`index_on_save`, connected for every model with
the mixin in place of Wagtail's own handler): not for saves that touch only the draft, and not
while it is being published, since publishing saves the page row before its inline rows (a
person's honours) and the `page_published` handler indexes it once everything is saved.
"""

import contextvars
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from ..blocks import PrivateBlock
from ..generation import DRAFT_FIELDS, memoized
from ..kinds import PLACES, kinds
from ..models import SearchTitle
from .segmenting import place_names, publishing_now, segmented_text, title_tokens

SEGMENTED_FIELDS = ("search_segmented", "search_segmented_title")
# Fields of a page that say nothing a reader would search for, or must never be searchable.
SKIPPED_FIELDS = {"title", *SEGMENTED_FIELDS}


def stream_texts(stream_value, resolve_pages=True):
    """Readable text of a StreamField value, skipping consent records and documents."""
    texts = []
    for child in stream_value:
        _block_texts(child.block, child.value, texts, resolve_pages)
    return texts


def _block_texts(block, value, texts, resolve_pages):
    if value is None or isinstance(block, PrivateBlock | DocumentChooserBlock | ImageBlock):
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            _block_texts(child.block, child.value, texts, resolve_pages)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            _block_texts(block.child_block, item, texts, resolve_pages)
    elif isinstance(block, blocks.StructBlock) and hasattr(value, "get"):
        for name, child_block in block.child_blocks.items():
            _block_texts(child_block, value.get(name), texts, resolve_pages)
    elif isinstance(block, blocks.PageChooserBlock):
        if resolve_pages and getattr(value, "live", False):
            texts.append(value.title)
    elif isinstance(block, blocks.RichTextBlock):
        texts.append(strip_tags(value.source))
    elif isinstance(block, blocks.ChoiceBlock):
        texts.append(str(dict(block.field.choices).get(value, "")) if value else "")
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock | blocks.IntegerBlock):
        texts.append(str(value))


def field_texts(obj, search_fields, done=None):
    """Text of `obj`'s search fields, as the index would read it, but without consent records."""
    texts = []
    done = set() if done is None else done
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            related = getattr(obj, field.field_name, None)
            if related is None:
                continue
            items = related.all() if isinstance(related, models.Manager) else [related]
            for item in items:
                texts.extend(field_texts(item, field.fields))
                texts.extend(choice_texts(item))
        elif isinstance(field, index.SearchField) and field.field_name not in SKIPPED_FIELDS:
            try:
                model_field = obj._meta.get_field(field.field_name)
            except FieldDoesNotExist:  # a callable or property, not a model field
                model_field = None
            if isinstance(model_field, StreamField):
                done.add(field.field_name)
                texts.extend(stream_texts(getattr(obj, field.field_name)))
                continue
            value = getattr(obj, field.field_name, "")
            if callable(value):
                value = value()
            if value:
                texts.append(strip_tags(str(value)))
    return texts


def choice_texts(obj):
    """The labels of an object's choice fields (见义勇为 rather than `bravery`) and its year."""
    texts = []
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname, None)
        if field.choices and value not in (None, ""):
            texts.append(str(dict(field.flatchoices).get(value, "")))
        elif field.name == "year" and value:
            texts.append(f"{value}年 {value}")
    return texts


@contextmanager
def references_deferred():
    """Saves inside leave Wagtail's reference index alone: the publish handler updates it once.

    Wagtail refreshes a page's references on every save of its row, which during a publish is
    before its inline rows are written (so the refresh is wrong and repeated), and on a draft save
    touches only revision bookkeeping (so the refresh is moot). Each costs about eight queries.
    """
    # Imported here: wagtail.signal_handlers loads Wagtail's models, and this module is imported
    # while the models that use it are being defined.
    from wagtail.signal_handlers import (
        disable_reference_index_auto_update,
        reference_index_auto_update_disabled,
    )

    if getattr(reference_index_auto_update_disabled, "value", False):
        yield  # Wagtail's switch is not re-entrant: the outer block turns it back on
        return
    with disable_reference_index_auto_update():
        yield


@contextmanager
def publishing():
    """While a page is published: its saves are indexed once, after, by the publish handler
    (the search index and the reference index).

    One transaction: the page, its inline rows, its index entries, its references and the log
    entry are written together or not at all (a failure part way would otherwise leave the page
    live with a stale index and no record of who published it).
    """
    token = publishing_now.set(True)
    try:
        with transaction.atomic(), references_deferred():
            yield
    finally:
        publishing_now.reset(token)


def is_publishing():
    return publishing_now.get()


# Set while the index backend writes a batch of objects (see `one_pass`).
indexing_pass = contextvars.ContextVar("search_indexing_pass", default=None)


@contextmanager
def one_pass():
    """While the index backend writes some objects: each works out its words once (`once_per_pass`).

    The backends read every field once per index column (title, body, autocomplete, and on
    PostgreSQL their plain-text twins), and a page's words are dear: every text it shows, cut into
    words, and its captions read from their files.
    """
    token = indexing_pass.set(object())
    try:
        yield
    finally:
        indexing_pass.reset(token)


def once_per_pass(obj, name, build):
    """`build()`, kept on `obj` as `name` for the rest of the indexing pass (built afresh outside one)."""
    current = indexing_pass.get()
    if current is None:
        return build()
    cached = obj.__dict__.get(name)
    if cached is not None and cached[0] is current:
        return cached[1]
    value = build()
    obj.__dict__[name] = (current, value)
    return value


# Set while saves are left for the caller to index at once (see `deferred`).
deferred_now = contextvars.ContextVar("search_indexing_deferred", default=False)


@contextmanager
def deferred():
    """Saves inside are not indexed one by one: the caller indexes the pages once, afterwards
    (a bulk import creating thousands of drafts). Per thread of execution (a context variable),
    so other requests go on indexing their own saves."""
    token = deferred_now.set(True)
    try:
        yield
    finally:
        deferred_now.reset(token)


def related_paths(search_fields, prefix=""):
    """The prefetch lookups of every `RelatedFields` among `search_fields` (honours__title …)."""
    paths = []
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            path = prefix + field.field_name
            paths.append(path)
            paths += related_paths(field.fields, path + "__")
    return paths


def saved_page(page, inline_rows=False):
    """`page` as saved (not a revision's in-memory copies), or None if its kind leaves it out of
    the index, with the related rows its index entry reads (honours with their titles, tags) and,
    with `inline_rows`, every inline row (for Wagtail's reference index) fetched once."""
    model = type(page)
    page = model.get_indexed_objects().filter(pk=page.pk).first()
    if page is None:
        return None
    paths = [path for path in related_paths(model.get_search_fields()) if "__" in path or hasattr(page, path)]
    if inline_rows:
        paths += [relation.get_accessor_name() for relation in get_all_child_relations(page)]
    if paths:
        prefetch_related_objects([page], *dict.fromkeys(paths))
    return page


def index_page(page, saved=False):
    """Write one page to the search index, the text read once for the index and the segmented
    words alike; `saved`: `page` comes from `saved_page` already."""
    page = page if saved else saved_page(page)
    if page is None:
        return
    # Wagtail's `insert_or_update_object` would first ask the database whether the page is indexed,
    # which `saved_page` has just answered.
    for backend in get_search_backends(with_auto_update=True):
        backend.add(page)


def place_titles():
    """{path: title} of every place, read once per content generation: indexing a page names the
    places above it, and ten thousand exhibits sit under a hundred places."""

    def build():
        place_types = ContentType.objects.get_for_models(*dict(kinds())[PLACES]).values()
        return dict(Page.objects.filter(content_type__in=place_types).values_list("path", "title"))

    return memoized("search:place-titles", build)


def ancestor_titles(page):
    """Titles of the pages above `page`, below the home page, from the top down."""
    steps = page.steplen
    paths = [page.path[: depth * steps] for depth in range(3, page.depth)]
    titles = place_titles()
    if all(path in titles for path in paths):
        return [titles[path] for path in paths]
    return list(page.get_ancestors().filter(depth__gt=2).values_list("title", flat=True))


def index_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or publishing_now.get() or deferred_now.get():
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    index.insert_or_update_object(instance)


def remove_on_delete(sender, instance, **kwargs):
    index.remove_object(instance)


class SegmentedSearchMixin:
    """Chinese words and pinyin in the search index (see the module docstring)."""

    # Wagtail's own handler would index on every save, drafts and each step of a publish
    # included; `index_on_save` takes its place.
    search_auto_update = False

    search_fields = [
        index.SearchField("search_segmented"),
        index.SearchField("search_segmented_title", boost=2),
        index.AutocompleteField("search_segmented_title"),
    ]

    def search_place_names(self):
        """The names of the places above this page (for an exhibit, its community and street)."""
        return [name for title in ancestor_titles(self) for name in place_names(title)]

    def search_segmented(self):
        return once_per_pass(self, "_search_segmented", self._build_search_segmented)

    def _build_search_segmented(self):
        done = set()
        texts = field_texts(self, type(self).get_search_fields(), done)
        # Every StreamField the page shows (people on a wall, gallery captions …), indexed or not.
        for field in self._meta.fields:
            if isinstance(field, StreamField) and field.name not in done:
                texts.extend(stream_texts(getattr(self, field.name)))
        texts += choice_texts(self)
        # What the page is (身边好人故事, 好人墙/园 …): a reader searching 好人 means these too.
        texts.append(str(self._meta.verbose_name))
        return segmented_text(texts, names=self.search_place_names())

    def search_segmented_title(self):
        # Asked once per index field that names it (searched and autocompleted): cut and stored once.
        cached = getattr(self, "_segmented_title", None)
        if cached is not None and cached[0] == self.title:
            return cached[1]
        if self.pk:
            # Stored beside the index for ranking search hits (see core.models.SearchTitle).
            SearchTitle.objects.bulk_create(
                [SearchTitle(page_id=self.pk, tokens=" ".join(sorted(title_tokens(self.title))))],
                update_conflicts=True,
                unique_fields=["page"],
                update_fields=["tokens"],
            )
        value = segmented_text([], names=place_names(self.title))
        self._segmented_title = (self.title, value)
        return value

    def publish(self, *args, **kwargs):
        with publishing():
            return super().publish(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        # A draft changes the revision, not the page row the references are read from.
        with references_deferred():
            return super().save_revision(*args, **kwargs)
