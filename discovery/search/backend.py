"""Wagtail's database search backend, with queries cut into Chinese words first.

`WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "discovery.search.backend"` picks the same class
Wagtail's `wagtail.search.backends.database` would (SQLite FTS5, PostgreSQL, or the fallback) and
puts `ChineseQueryMixin` in front of it. Every search then goes through the same segmentation as
the index: the public search page, the admin's page search and choosers (which autocomplete), and
the API's `?search=`.

A query becomes an AND of its words; a Chinese word of three or more characters matches either
as itself or as all of its character pairs (see `segmenting`). Operator characters, quotes and
FTS5 syntax are dropped before anything reaches the database.
"""

from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText, SearchQuery
from wagtail.search.backends import database

from .segmenting import query_words


def word_query(word):
    if word.pairs:
        return Or([PlainText(word.text), PlainText(" ".join(word.pairs), operator="and")])
    return PlainText(word.text)


def segmented_query(text, operator="and"):
    """A query object for a text typed by a reader, or None when nothing searchable is left."""
    words = [word_query(word) for word in query_words(text)]
    if not words:
        return None
    if len(words) == 1:
        return words[0]
    return Or(words) if (operator or "and").lower() == "or" else And(words)


def rewrite(query, operator=None):
    """`query` (a string or a query object) with its free text segmented; None if nothing is left."""
    if isinstance(query, str):
        return segmented_query(query, operator)
    if isinstance(query, PlainText):
        return segmented_query(query.query_string, query.operator)
    if isinstance(query, Phrase):
        return segmented_query(query.query_string, "and")
    if isinstance(query, Not):
        inner = rewrite(query.subquery, operator)
        return Not(inner) if inner is not None else None
    if isinstance(query, And | Or):
        parts = [part for part in (rewrite(sub, operator) for sub in query.subqueries) if part is not None]
        if not parts:
            return None
        return type(query)(parts) if len(parts) > 1 else parts[0]
    if isinstance(query, MatchAll) or not isinstance(query, SearchQuery):
        return query
    return query


class ChineseQueryMixin:
    def search(self, query, model_or_queryset, **kwargs):
        return super().search(rewrite(query, kwargs.get("operator")) or "", model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return super().autocomplete(rewrite(query, kwargs.get("operator")) or "", model_or_queryset, **kwargs)


_classes = {}


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    base = type(database.SearchBackend(params))
    if base not in _classes:
        _classes[base] = type(f"Chinese{base.__name__}", (ChineseQueryMixin, base), {})
    return _classes[base](params)
