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

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, StrIndex
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import database

try:
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
except LookupError:  # PostgreSQL: no FTS5 table, and Wagtail's PostgreSQL ranking is used as it is
    SQLiteFTSIndexEntry = SQLiteSearchBackend = None
    SQLiteSearchQueryCompiler = object

from core.search.segmenting import query_words


def word_query(word):
    if word.pairs:
        return Or([PlainText(word.text), PlainText(" ".join(word.pairs), operator="and")])
    return PlainText(word.text)


def words_query(words, operator="and"):
    """A query object for words already cut by `query_words`, or None for no words.

    Marked as segmented, so the backend passes it through as it is: a caller that has cut the
    query once (the public search page) does not pay for cutting it again.
    """
    parts = [word_query(word) for word in words]
    if not parts:
        return None
    combine = Or if (operator or "and").lower() == "or" else And
    query = parts[0] if len(parts) == 1 else combine(parts)
    query.segmented = True
    return query


def segmented_query(text, operator="and"):
    """A query object for a text typed by a reader, or None when nothing searchable is left."""
    return words_query(query_words(text), operator)


def rewrite(query, operator=None):
    """`query` (a string or a query object) with its free text segmented; None if nothing is left."""
    if getattr(query, "segmented", False):
        return query
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
    # MatchAll, Boost and anything else hold no free text of their own.
    return query


class ChineseQueryMixin:
    def search(self, query, model_or_queryset, **kwargs):
        return super().search(rewrite(query, kwargs.get("operator")) or "", model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return super().autocomplete(rewrite(query, kwargs.get("operator")) or "", model_or_queryset, **kwargs)


class RankOnceSQLiteCompiler(SQLiteSearchQueryCompiler):
    """SQLite ranking in one pass over the full-text index.

    Wagtail's compiler orders the matching pages by a subquery per page that runs the whole FTS
    match again to find that page's score: for a common word at 10,000 exhibits, seconds. Here the
    FTS query scores every match once (bm25, the same expression), the best `RANK_LIMIT` are kept,
    and the pages are ordered by that rank. Queries that do not order by relevance, or ask for the
    score itself, go Wagtail's way.
    """

    RANK_LIMIT = 1000

    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if not self.order_by_relevance or score_field is not None or isinstance(query, MatchAll | Not):
            return super().search(config, start, stop, score_field=score_field)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        ranked = list(
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score")
            .values_list("index_entry__object_id", flat=True)[: self.RANK_LIMIT]
        )
        ids = list(dict.fromkeys(int(pk) for pk in ranked))
        if not ids:
            return self.queryset.none()
        # In rank order: the position of the page's id in the list of ranked ids. One expression
        # and one parameter, where a CASE over a thousand ids took longer to build than to run.
        ranked_list = Value("," + ",".join(map(str, ids)) + ",")
        position = StrIndex(ranked_list, Concat(Value(","), Cast("pk", CharField()), Value(",")))
        return self.queryset.filter(pk__in=ids).annotate(_rank=position).order_by("_rank")[start:stop]


_classes = {}


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    base = type(database.SearchBackend(params))
    if base not in _classes:
        sqlite = SQLiteSearchBackend is not None and issubclass(base, SQLiteSearchBackend)
        attrs = {"query_compiler_class": RankOnceSQLiteCompiler} if sqlite else {}
        _classes[base] = type(f"Chinese{base.__name__}", (ChineseQueryMixin, base), attrs)
    return _classes[base](params)
