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

import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchVectorField
from django.db.models import CharField, F, FloatField, Func, IntegerField, Q, Subquery, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast, Concat, Length, StrIndex
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import database

try:
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
except LookupError:  # PostgreSQL: no FTS5 table
    SQLiteFTSIndexEntry = SQLiteSearchBackend = None
    SQLiteSearchQueryCompiler = object
try:
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
except ImportError:  # no PostgreSQL driver installed
    PostgresSearchBackend = None
    PostgresSearchQueryCompiler = object

from core.search.indexing import one_pass
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

    def ranks_itself(self, score_field=None):
        query = normalize(self.query)
        return self.order_by_relevance and score_field is None and not isinstance(query, MatchAll | Not)

    def search(self, config, start, stop, score_field=None):
        if not self.ranks_itself(score_field):
            return super().search(config, start, stop, score_field=score_field)
        return in_order(self.queryset, self.ranked_fts_ids(config))[start:stop]

    def ranked_ids(self, config, limit):
        """The ids of the best `limit` matches of the queryset, best first."""
        if not self.ranks_itself():
            return [obj.pk for obj in self.search(config, 0, limit)]
        ids = self.ranked_fts_ids(config)
        allowed = set(self.queryset.filter(pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk in allowed][:limit]

    def ranked_fts_ids(self, config):
        query = normalize(self.query)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        ranked = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score")
            .values_list("index_entry__object_id", flat=True)[: self.RANK_LIMIT]
        )
        return list(dict.fromkeys(int(pk) for pk in ranked))


class OnePassIndexMixin:
    """Each object's words worked out once while its index entry is written (core.search.indexing)."""

    def add_items(self, model, objs):
        with one_pass():
            return super().add_items(model, objs)


class TitleNormsInOneStatementMixin:
    """Wagtail's index (SQLite or PostgreSQL), with each entry's title weight (its length against
    the average, for ranking) set in one statement: Wagtail reads the average over the whole index,
    then writes it, on every page saved."""

    def _refresh_title_norms(self, full=False):
        titled = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
        average = titled.values(average=Func(F("title_length"), function="AVG", output_field=FloatField()))
        (titled if full else titled.filter(title_norm=1.0)).update(
            title_norm=Subquery(average) / F("title_length")
        )


def best_ids(queryset, query, limit):
    """The ids of the best `limit` pages of `queryset` for `query`, best first, without building
    a page object for each (500 of them took 15 ms of a search)."""
    results = queryset.search(query)
    compiler = getattr(results, "query_compiler", None)
    if compiler is None:  # nothing to search for
        return []
    if hasattr(compiler, "ranked_ids"):
        return compiler.ranked_ids(compiler.get_config(results.backend), limit)
    return [obj.pk for obj in results[:limit]]


def in_order(queryset, ids):
    """`queryset`'s pages among `ids`, in the order of `ids`."""
    if not ids:
        return queryset.none()
    # The position of the page's id in the list of ids: one expression and one parameter, where a
    # CASE over a thousand ids took longer to build than to run.
    ranked_list = Value("," + ",".join(map(str, ids)) + ",")
    position = StrIndex(ranked_list, Concat(Value(","), Cast("pk", CharField()), Value(",")))
    return queryset.filter(pk__in=ids).annotate(_rank=position).order_by("_rank")


class RankEntriesPostgresCompiler(PostgresSearchQueryCompiler):
    """PostgreSQL ranking over the index entries alone, matching each vector on its own.

    Wagtail's compiler joins each page to its index entry, matches `(title || body) @@ query`
    and ranks after the join. For a common word (社区 at 10,000 exhibits) PostgreSQL built the
    joined vector for every row (about 60 ms), then carried each row's vectors through the join
    to rank it. Here a word matches an entry when its body or its title holds it, and the words
    combine with the query's own AND and OR: the same pages as the joined vector (a word is in
    the joined vector exactly when it is in one of the two), without building it, and each word
    can use Wagtail's GIN index on each column. Only a phrase or a NOT, whose meaning the joining
    changes, still matches the joined vector (served by our `title || body` index).
    The entries of the pages the queryset allows are ranked with Wagtail's own expression, the
    best `stop` kept, and the pages come back in that order. Counts, unsliced searches, and
    queries that do not order by relevance or want the score only get the faster match.
    """

    def ranks_itself(self, stop, score_field=None):
        query = self.query
        plain = not isinstance(query, MatchAll | Fuzzy) and not (
            isinstance(query, Not) and isinstance(query.subquery, MatchAll)
        )
        return self.fields is None and plain and self.order_by_relevance and score_field is None and stop

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.ranks_itself(stop, score_field):
            return in_order(self.queryset, self.ranked_ids(config, stop))[start:]
        query = self.query
        if self.fields is not None or isinstance(query, MatchAll | Fuzzy | Not):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        # Counting, or taking every match: a lazy queryset, matched the faster way and ordered
        # Wagtail's way. Annotations (unlike filters) share the one join to the index entries.
        title, body = F("index_entries__title"), F("index_entries__body")
        queryset = self.queryset.alias(_title_=title, _body_=body, _joined_=Joined(title, body))
        queryset = queryset.filter(self.match(query, config, "_title_", "_body_", "_joined_"))
        rank = self._build_rank_expression(self.get_search_vectors(self.build_tsquery(query, config)), config)
        return self._apply_ordering_and_scoring(queryset, rank, start, stop, score_field)

    def ranked_ids(self, config, limit):
        """The ids of the best `limit` matches of the queryset, best first."""
        if not self.ranks_itself(limit):
            return [obj.pk for obj in self.search(config, 0, limit)]
        entries = self.queryset.model._meta.get_field("index_entries").related_model.objects
        rank = self._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config)
        pages = self.queryset.order_by().values(text_pk=Cast("pk", CharField()))
        ranked = (
            entries.filter(content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .alias(_joined_=Joined(F("title"), F("body")))
            .filter(self.match(self.query, config, "title", "body", "_joined_"))
            .filter(object_id__in=pages)
            .order_by(rank.desc(), Cast("object_id", IntegerField()).desc())
            .values_list("object_id", flat=True)
        )
        return list(dict.fromkeys(int(pk) for pk in ranked[:limit]))

    def match(self, query, config, title, body, joined):
        """The condition `(title || body) @@ query`, without joining the vectors where it can."""
        condition = self.word_by_word(query, config, title, body)
        if condition is None:
            return Q(**{joined: self.build_tsquery(query, config=config)})
        return condition

    def word_by_word(self, query, config, title, body):
        if isinstance(query, PlainText):
            # Split the way Wagtail's compiler splits a text into words.
            words = [word for word in re.split(r"[\s\-]+", query.query_string) if word]
            parts = []
            for word in words:
                tsquery = self.build_tsquery(PlainText(word), config=config)
                parts.append(Q(**{body: tsquery}) | Q(**{title: tsquery}))
        elif isinstance(query, And | Or):
            parts = [self.word_by_word(part, config, title, body) for part in query.subqueries]
        else:
            return None
        if not parts or None in parts:
            return None
        any_word = isinstance(query, Or) or (isinstance(query, PlainText) and query.operator == "or")
        return reduce(operator.or_ if any_word else operator.and_, parts)


def Joined(title, body):
    return CombinedExpression(title, "||", body, output_field=SearchVectorField())


_classes = {}


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    base = type(database.SearchBackend(params))
    if base not in _classes:
        attrs = {}
        if SQLiteSearchBackend is not None and issubclass(base, SQLiteSearchBackend):
            attrs["query_compiler_class"] = RankOnceSQLiteCompiler
        elif PostgresSearchBackend is not None and issubclass(base, PostgresSearchBackend):
            attrs["query_compiler_class"] = RankEntriesPostgresCompiler
        index_class = base.index_class
        attrs["index_class"] = type(
            index_class.__name__, (OnePassIndexMixin, TitleNormsInOneStatementMixin, index_class), {}
        )
        _classes[base] = type(f"Chinese{base.__name__}", (ChineseQueryMixin, base), attrs)
    return _classes[base](params)
