"""A page's foreign keys, checked once per publish instead of once per key per step.

Publishing a page validates it as its revision is saved, builds it again from that revision, and
validates it again as its row is saved. Django checks each foreign key of a validated model with a
query of its own, and modelcluster checks each key of a page built from a revision (and of each of
its inline rows) with another, then throws the row away. `CheckedKeysMixin` keeps what each check
is for and drops the repeats:

- validation leaves out the keys Wagtail sets itself and the tree's own `path`: no form shows
  them, Wagtail fills them in, and the database's constraints hold them;
- a page built from a revision checks its keys and its inline rows' keys in one query per related
  model, not one per key; it keeps the rows it fetched (a person's honour titles, the consent
  form), and a key to a row deleted since is dropped as modelcluster drops it (nulled, or the
  inline row left out; also where modelcluster would raise, for an honour whose title was
  deleted while only a draft named it);
- the validation that follows on the same page leaves out the keys that building just checked,
  while they still hold the values checked;
- a page built from a revision shares its page's parent (for the slug check), its answer to
  "is this a site root?" and its live revision.
"""

from collections import defaultdict

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.models import COMMENTS_RELATION_NAME

# Keys Wagtail sets itself, which no form shows. A page built from a revision takes them from the
# page as it is now, not from the revision (Wagtail's `with_content_json` does so for all but
# `live_revision`, which `CheckedKeysMixin` adds), so the revision's copies need no checking.
BOOKKEEPING_KEYS = frozenset(
    {"content_type", "locale", "latest_revision", "live_revision", "owner", "locked_by", "alias_of"}
)


def _keys_of(instance, skip=(), parent_key=None):
    """(field, value) of each foreign key set on `instance`, but its key to what holds it."""
    keys = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or field.name in skip or field is parent_key:
            continue
        if field.remote_field.parent_link:  # the page row of a page type's own table
            continue
        value = getattr(instance, field.attname)
        if value is not None:
            keys.append((field, value))
    return keys


def _walk(instance, skip=(), parent_key=None):
    """`instance` and every inline row under it, each with its keys: [(owner, relation, row, keys)]."""
    found = [(None, None, instance, _keys_of(instance, skip, parent_key))]
    for relation in get_all_child_relations(instance):
        name = relation.get_accessor_name()
        if name == COMMENTS_RELATION_NAME:  # `with_content_json` replaces them with the page's own
            continue
        for row in getattr(instance, name).all():
            below = _walk(row, parent_key=relation.field)
            found.append((instance, name, *below[0][2:]))
            found.extend(below[1:])
    return found


def _target(field):
    return field.remote_field.model, field.remote_field.field_name


def _fetch(wanted):
    """The rows each key points to: {(model, field name): {value: row}}, a query per model."""
    found = {}
    for (model, name), values in wanted.items():
        attname = model._meta.get_field(name).attname
        rows = model._default_manager.filter(**{f"{name}__in": values})
        found[(model, name)] = {getattr(row, attname): row for row in rows}
    return found


def check_keys(obj, strict=False, skip=BOOKKEEPING_KEYS):
    """`obj`, built without checks, with its keys checked as modelcluster checks them.

    A key to a row that is gone is nulled (SET_NULL), or leaves its inline row out (any other
    rule); on `obj` itself, with `strict`, a dangling CASCADE key returns None. One query per
    related model; the rows found are kept on the instances that point to them.
    """
    rows = _walk(obj, skip)
    wanted = defaultdict(set)
    for *_, keys in rows:
        for field, value in keys:
            wanted[_target(field)].add(value)
    found = _fetch(wanted)
    dropped = defaultdict(list)
    checked = {}
    for owner, name, row, keys in rows:
        for field, value in keys:
            related = found[_target(field)].get(value)
            if related is not None:
                field.set_cached_value(row, related)
                if row is obj:
                    checked[field.name] = value
                continue
            on_delete = field.remote_field.on_delete
            if on_delete is models.DO_NOTHING:
                continue
            if owner is not None and on_delete is not models.SET_NULL:
                # Gone with its row (CASCADE), or gone although the row would have protected it
                # (PROTECT guards saved rows, not a revision's copy): modelcluster raises for the
                # latter, and the draft could then no longer be opened.
                dropped[(id(owner), name)].append(row)
            elif on_delete is models.CASCADE and strict:
                return None
            elif on_delete in (models.CASCADE, models.SET_NULL) or field.null:
                setattr(row, field.attname, None)
            else:
                raise ValueError(f"{field} of this revision points to a row that no longer exists")
    for owner, name, _row, _keys in rows:
        left_out = {id(row) for row in dropped.pop((id(owner), name), ())}
        if left_out:
            setattr(owner, name, [child for child in getattr(owner, name).all() if id(child) not in left_out])
    obj._checked_keys = checked
    return obj


class CheckedKeysMixin:
    """Each foreign key of a page checked once per publish (see the module docstring)."""

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        obj = super().from_serializable_data(data, check_fks=False, strict_fks=strict_fks)
        if obj is None or not check_fks:
            return obj
        return check_keys(obj, strict_fks)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # The revision that is live now, not the one that was when the draft was saved (publishing
        # sets it anyway; a preview or a comparison never reads it).
        obj.live_revision_id = self.live_revision_id
        # The same page in the same place: its parent (treebeard keeps it on the instance) and
        # whether it is a site root are this page's.
        for name in ("_cached_parent_obj", "_is_site_root"):
            if hasattr(self, name):
                setattr(obj, name, getattr(self, name))
        return obj

    def is_site_root(self):
        # Asked on every save; Wagtail's own `annotate_site_root_state` keeps the answer the same way.
        if not hasattr(self, "_is_site_root"):
            self._is_site_root = super().is_site_root()
        return self._is_site_root

    def full_clean(self, exclude=None, *args, **kwargs):
        checked = {
            name
            for name, value in getattr(self, "_checked_keys", {}).items()
            if getattr(self, self._meta.get_field(name).attname) == value
        }
        exclude = set(exclude or ()) | BOOKKEEPING_KEYS | {"path"} | checked
        return super().full_clean(exclude, *args, **kwargs)
