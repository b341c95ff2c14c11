"""Chinese search: words inside longer runs, names kept whole, pinyin, filters, ranking, safety."""

import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Avg
from django.db.models.functions import Length
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from core.search.segmenting import query_words, segment
from core.visibility import public
from discovery.search.results import ranked_ids

from . import factories as f
from .discovery_content import build_content, publish
from .sites import ensure_home_page


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text() for link in soup.select(".result__title a")]


class ChineseSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.content = build_content(ensure_home_page())
        cls.pages = cls.content.pages

    def search(self, query, **params):
        response = self.client.get("/search/", {"q": query, **params})
        self.assertEqual(response.status_code, 200)
        return response

    def ids(self, query):
        return ranked_ids(query)

    def test_two_character_word_inside_a_longer_title(self):
        for query in ("光荣", "光荣榜", "好事"):
            with self.subTest(query=query):
                self.assertIn(self.pages["roll"].pk, self.ids(query))
        self.assertIn("好人好事光荣榜", result_titles(self.search("光荣榜")))

    def test_word_inside_body_text(self):
        self.assertIn(self.pages["story"].pk, self.ids("家风"))
        self.assertIn(self.pages["story"].pk, self.ids("代代相传"))
        # A word of the place an exhibit belongs to finds the exhibit too.
        self.assertIn(self.pages["lin"].pk, self.ids("埭头"))

    def test_good_people_stories_are_found_by_haoren_and_by_their_own_words(self):
        story = self.pages["story"]  # a 身边好人故事 whose text never says 好人
        self.assertIn(story.pk, self.ids("好人"))
        self.assertIn(story.title, result_titles(self.search("好人", kind="story")))
        self.assertIn(story.pk, self.ids("邻里互助"))  # its intro
        self.assertIn(story.pk, self.ids("传承"))  # its body

    def snippet_of(self, response, title):
        soup = BeautifulSoup(response.content, "html.parser")
        for result in soup.select(".result"):
            if result.select_one(".result__title a").get_text() == title:
                snippet = result.select_one(".result__snippet")
                return snippet.get_text() if snippet else ""
        self.fail(f"{title} is not among the results")

    def test_snippets_keep_place_names_apart_from_the_text(self):
        wall = self.pages["roll"]  # intro 社区居民推选的身边好人。 location 美仙山小区中心广场
        text = self.snippet_of(self.search("身边好人"), wall.title)
        self.assertIn("社区居民推选的身边好人。", text)
        self.assertNotIn("美仙山", text)
        # Found by its location, the snippet says what the place name is.
        self.assertEqual(self.snippet_of(self.search("美仙山"), wall.title), "所在位置：美仙山小区中心广场")

    def test_names_stay_whole(self):
        tokens = segment("陈秀英住在浔美社区，获评福建省道德模范和中国好人榜")
        for name in ("陈秀英", "浔美社区", "福建省道德模范", "中国好人榜"):
            self.assertIn(name, tokens)
        self.assertEqual([word.text for word in query_words("浔美社区陈秀英")], ["浔美社区", "陈秀英"])
        # 陈秀丽 and 英子 stand side by side in the story, but 陈秀英 is a name, not a match.
        self.assertEqual(self.ids("陈秀英"), [self.pages["chen"].pk])

    def test_pinyin_full_and_initials(self):
        community = self.content.communities["xunmei"]
        for query in ("xunmei", "xm", "XunMei", "ＸＭ"):
            with self.subTest(query=query):
                ids = self.ids(query)
                self.assertEqual(ids[0], community.pk)
        self.assertIn(self.pages["chen"].pk, self.ids("chenxiuying"))
        self.assertIn(self.pages["chen"].pk, self.ids("cxy"))

    def test_honours_and_categories_are_searchable(self):
        self.assertIn(self.pages["chen"].pk, self.ids("福建省道德模范"))
        self.assertIn(self.pages["chen"].pk, self.ids("孝老爱亲"))
        self.assertEqual(self.ids("见义勇为"), [self.pages["lin"].pk])

    def test_a_title_match_ranks_first(self):
        ids = self.ids("家风")
        self.assertEqual(ids[0], self.pages["hall"].pk)
        self.assertIn(self.pages["story"].pk, ids)
        self.assertLess(ids.index(self.pages["hall"].pk), ids.index(self.pages["story"].pk))

    def test_drafts_and_private_pages_are_never_found(self):
        self.assertEqual(self.ids("秘密"), [])
        html = self.search("秘密").content.decode()
        self.assertNotIn("草稿里的秘密故事", html)
        self.assertNotIn("内部的秘密故事", html)
        self.assertIn("没有找到与“秘密”相关的内容", html)

    def test_results_grouped_by_kind_with_counts(self):
        response = self.search("社区")
        soup = BeautifulSoup(response.content, "html.parser")
        counts = {
            chip.contents[0].strip(): int(chip.select_one(".kind-nav__count").get_text())
            for chip in soup.select(".kind-nav .chip")
        }
        ids = self.ids("社区")
        self.assertEqual(counts["全部"], len(ids))
        self.assertEqual(
            counts["人物"], len([pk for pk in ids if pk in {self.pages["chen"].pk, self.pages["lin"].pk}])
        )
        headings = [h.contents[0].strip() for h in soup.select(".result-group .section__subtitle")]
        self.assertIn("人物", headings)
        self.assertIn("阵地", headings)

    def test_filters_are_the_listings_filters_and_counts_match(self):
        street = self.content.streets["chengdong"]
        response = self.search("社区", street=street.pk)
        soup = BeautifulSoup(response.content, "html.parser")
        found = int(soup.select_one(".results-bar__count strong").get_text())
        in_street = [pk for pk in self.ids("社区") if pk in self.descendant_ids(street)]
        self.assertEqual(found, len(in_street))

        response = self.search("社区", kind="profile", level="provincial")
        self.assertEqual(result_titles(response), ["陈秀英"])
        soup = BeautifulSoup(response.content, "html.parser")
        facet_titles = [h.get_text() for h in soup.select(".facet__title")]
        self.assertIn("荣誉级别", facet_titles)
        self.assertIn("荣誉称号", facet_titles)
        # The option counts say what a click shows.
        level_options = {
            a.select_one(".facet__label").get_text(): int(a.select_one(".facet__count").contents[0])
            for a in soup.select(".facet__option")
        }
        self.assertEqual(level_options["省级"], 1)

    def descendant_ids(self, page):
        from wagtail.models import Page

        return set(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))

    def test_highlighted_snippets_are_escaped(self):
        story = self.pages["story"]
        story.intro = "<b>粗体</b>家风故事"
        publish(story)
        html = self.search("家风").content.decode()
        self.assertIn("<mark>家风</mark>", html)
        self.assertIn("&lt;b&gt;粗体&lt;/b&gt;", html)
        self.assertNotIn("<b>粗体</b>", html)

    def test_pagination_within_a_kind(self):
        from . import factories as f

        community = self.content.communities["daitou"]
        for n in range(14):
            publish(f.StoryPageFactory(parent=community, title=f"邻里互助故事{n}"))
        first = self.search("邻里互助", kind="story")
        self.assertEqual(len(result_titles(first)), 12)
        second = self.search("邻里互助", kind="story", page=2)
        self.assertEqual(len(result_titles(second)), 3)  # 14 new stories and 渔村里的故事
        self.assertFalse(set(result_titles(first)) & set(result_titles(second)))

    def test_no_results_page_suggests_where_to_look(self):
        response = self.search("不存在的展项名称")
        html = response.content.decode()
        self.assertIn("没有找到与“不存在的展项名称”相关的内容", html)
        soup = BeautifulSoup(html, "html.parser")
        suggestions = soup.select_one(".suggestions")
        self.assertIsNotNone(suggestions)
        self.assertIn("道德模范", suggestions.get_text())
        self.assertIn("城东街道新时代文明实践所", suggestions.get_text())
        self.assertIn("中国好人榜", suggestions.get_text())

    def test_long_and_operator_laden_queries_return_quickly(self):
        self.search("预热")  # jieba's dictionary loads once per process
        queries = [
            "好" * 2000,
            "光荣榜 " * 400,
            '"光荣榜" OR (家风*) AND -NOT NEAR(好人 墙, 3) ^title: {} [] \' " ; DROP TABLE',
            "***",
            '"',
            "NEAR(",
            "- OR AND NOT",
            "%s %% \\ ' \0",
            "好人墙\x00光荣",
        ]
        for query in queries:
            with self.subTest(query=query[:30]):
                start = time.monotonic()
                response = self.search(query)
                self.assertLess(time.monotonic() - start, 2.0)
                self.assertNotIn("Traceback", response.content.decode())
        response = self.search("好" * 2000)
        self.assertContains(response, "搜索词过长")
        # Operators are dropped, the words are still searched.
        self.assertIn(self.pages["roll"].pk, self.ids('"光荣榜" OR (光荣*)'))

    def test_a_new_entrys_title_weight_is_the_average_title_length_over_its_own(self):
        # Set in one statement (discovery.search.backend), as Wagtail sets it in two.
        story = f.StoryPageFactory(parent=self.content.communities["xunmei"], title="守望相助的一家人")
        publish(story)
        titled = IndexEntry.objects.annotate(length=Length("title")).filter(length__gt=0)
        average = titled.aggregate(average=Avg("length"))["average"]
        entry = titled.get(object_id=str(story.pk))
        self.assertAlmostEqual(entry.title_norm, average / entry.length, places=6)

    def test_renaming_a_place_reindexes_the_pages_beneath_it(self):
        community = self.content.communities["daitou"]
        community.title = "渔港社区"
        publish(community)
        self.assertIn(self.pages["lin"].pk, self.ids("渔港"))
        self.assertIn(self.pages["lin"].pk, self.ids("yugang"))

    def test_editors_admin_search_finds_pages_the_same_way(self):
        admin = get_user_model().objects.create_superuser("searcher", "s@example.com", "pw")
        self.client.force_login(admin)
        for query, title in (
            ("光荣", "好人好事光荣榜"),
            ("xunmei", "浔美社区"),
            ("家风家训", "浔美社区家风家训馆"),
        ):
            with self.subTest(query=query):
                response = self.client.get("/admin/pages/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, title)
        # The page chooser searches the same way.
        response = self.client.get("/admin/choose-page/search/", {"q": "光荣"})
        self.assertContains(response, "好人好事光荣榜")


class SearchTimeLimitTests(TestCase):
    def test_a_slow_statement_is_stopped(self):
        from django.db import connection

        from discovery.search.limits import SearchTimeout, time_limit

        slow = (
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) "
            "SELECT count(*) FROM c"
        )
        start = time.monotonic()
        with self.assertRaises(SearchTimeout), time_limit(0.2), connection.cursor() as cursor:
            cursor.execute(slow)
        self.assertLess(time.monotonic() - start, 3)
        # The connection is usable afterwards, without the limit.
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            self.assertEqual(cursor.fetchone()[0], 1)

    def test_the_page_says_so_when_a_search_times_out(self):
        from unittest import mock

        from discovery.search.limits import SearchTimeout

        ensure_home_page()
        with mock.patch("discovery.search.results.ranked_ids", side_effect=SearchTimeout):
            response = self.client.get("/search/", {"q": "好人"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "搜索用时过长")


class PostgreSQLRankingTests(TestCase):
    """On PostgreSQL, search ranks the index entries alone and matches each column on its own
    (`discovery.search.backend.RankEntriesPostgresCompiler`): the same pages in the same order as
    Wagtail's own compiler, each arm of the match served by an index, the vectors kept in the row."""

    QUERIES = ("社区", "好人", "陈秀英", "家风", "渔村 传承", "浔美 光荣榜", "xunmei", "没有这个词")

    @classmethod
    def setUpTestData(cls):
        cls.content = build_content(ensure_home_page())

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("SQLite searches its own FTS5 table")

    def pages(self):
        from discovery.search.results import searchable_models

        return public(Page.objects.live()).type(*searchable_models())

    def test_the_same_pages_in_the_same_order_as_wagtails_own_compiler(self):
        from django.conf import settings
        from modelsearch.query import And, Not, Phrase, PlainText
        from wagtail.search.backends import database

        from discovery.search.backend import RankEntriesPostgresCompiler, best_ids, words_query

        wagtails = database.SearchBackend(settings.WAGTAILSEARCH_BACKENDS["default"])
        ours = get_search_backend()
        self.assertIs(ours.query_compiler_class, RankEntriesPostgresCompiler)
        self.assertIsNot(wagtails.query_compiler_class, RankEntriesPostgresCompiler)
        # What readers type, and the query objects our segmentation never makes (a NOT, a phrase),
        # which match the joined vector instead.
        queries = [words_query(query_words(text)) for text in self.QUERIES]
        for query in (And([PlainText("社区"), Not(PlainText("陈秀英"))]), Phrase("好人好事")):
            query.segmented = True
            queries.append(query)
        for query in queries:
            with self.subTest(query=repr(query)):
                expected = [page.pk for page in wagtails.search(query, self.pages())[:500]]
                self.assertEqual([page.pk for page in ours.search(query, self.pages())[:500]], expected)
                self.assertEqual([page.pk for page in ours.search(query, self.pages())[1:3]], expected[1:3])
                self.assertEqual(best_ids(self.pages(), query, 500), expected)
                self.assertEqual(best_ids(self.pages(), query, 2), expected[:2])
                self.assertEqual(ours.search(query, self.pages()).count(), len(expected))
                unordered = ours.search(query, self.pages(), order_by_relevance=False)
                self.assertEqual(sorted(page.pk for page in unordered), sorted(expected))

    def test_words_split_between_title_and_body_still_find_the_page(self):
        from modelsearch.query import And, PlainText

        story = self.content.pages["story"]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tsvector_to_array(title), tsvector_to_array(body) FROM wagtailsearch_indexentry "
                "WHERE object_id = %s AND content_type_id = %s",
                [str(story.pk), story.content_type_id],
            )
            title, body = cursor.fetchone()
        only_title = next(word for word in title if word not in body)
        only_body = next(word for word in body if word not in title)
        query = And([PlainText(only_title), PlainText(only_body)])
        query.segmented = True
        found = get_search_backend().search(query, self.pages())
        self.assertEqual([page.pk for page in found[:10]], [story.pk])
        self.assertEqual(found.count(), 1)

    def test_each_word_is_matched_in_each_column_through_its_index(self):
        with CaptureQueriesContext(connection) as queries:
            ranked_ids("陈秀英")
        match = next(query["sql"] for query in queries if "to_tsquery" in query["sql"])
        self.assertIn('"wagtailsearch_indexentry"."body" @@', match)
        self.assertIn('"wagtailsearch_indexentry"."title" @@', match)
        self.assertNotIn('"wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body"', match)
        with connection.cursor() as cursor:
            # A handful of test rows would be read straight through: ask for the indexes.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE body @@ %(q)s OR title @@ %(q)s",
                {"q": "陈秀英"},
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.assertIn("BitmapOr", plan)
        for index in ("wagtailsear_body_", "wagtailsear_title_"):
            self.assertIn(index, plan)

    def test_the_vectors_stay_in_the_row(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, attstorage FROM pg_attribute "
                "WHERE attrelid = 'wagtailsearch_indexentry'::regclass AND attname IN ('title', 'body')"
            )
            self.assertEqual(dict(cursor.fetchall()), {"title": "m", "body": "m"})


class KeptRankingTests(TestCase):
    """Each search's ranking is kept for the content generation: a repeated search asks the index
    nothing, and a publish or unpublish shows in the very next search."""

    @classmethod
    def setUpTestData(cls):
        cls.content = build_content(ensure_home_page())

    def index_queries(self, query):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/search/", {"q": query})
        self.assertEqual(response.status_code, 200)
        matching = [q for q in queries if "to_tsquery" in q["sql"] or "MATCH" in q["sql"]]
        return result_titles(response), len(matching)

    def test_a_repeated_search_is_not_ranked_again(self):
        self.client.get("/")  # a first view saves the site's settings row: a new generation
        titles, ranked = self.index_queries("光荣榜")
        self.assertIn("好人好事光荣榜", titles)
        self.assertGreater(ranked, 0)
        self.assertEqual(self.index_queries("光荣榜"), (titles, 0))

    def test_publishing_and_unpublishing_show_in_the_next_search(self):
        self.index_queries("守望相助")
        story = f.StoryPageFactory(parent=self.content.communities["xunmei"], title="守望相助的一家人")
        publish(story)
        titles, ranked = self.index_queries("守望相助")
        self.assertIn("守望相助的一家人", titles)
        self.assertGreater(ranked, 0)
        story.unpublish()
        self.assertNotIn("守望相助的一家人", self.index_queries("守望相助")[0])

    @override_settings(SEARCH_CACHE_SECONDS=0)
    def test_kept_rankings_can_be_turned_off(self):
        self.index_queries("光荣榜")
        self.assertGreater(self.index_queries("光荣榜")[1], 0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_update_index_rebuilds_and_on_postgresql_clears_the_old_rows():
    from io import StringIO

    from django.core.management import call_command

    content = build_content(ensure_home_page())
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    assert ranked_ids("陈秀英")[0] == content.pages["chen"].pk
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT n_dead_tup, last_vacuum IS NOT NULL FROM pg_stat_user_tables "
            "WHERE relname = 'wagtailsearch_indexentry'"
        )
        dead, vacuumed = cursor.fetchone()
    assert vacuumed
    assert dead == 0


@pytest.mark.django_db
def test_indexing_a_page_works_out_its_words_once_and_reads_the_places_once_per_generation(monkeypatch):
    from core.search import indexing

    content = build_content(ensure_home_page())
    page = content.pages["chen"].specific
    cut = []
    original = indexing.segmented_text
    monkeypatch.setattr(indexing, "segmented_text", lambda *a, **k: (cut.append(a), original(*a, **k))[1])
    backend = get_search_backend()
    backend.add(type(page).objects.get(pk=page.pk))  # reads the places of this generation
    cut.clear()
    fresh = type(page).objects.get(pk=page.pk)
    with CaptureQueriesContext(connection) as queries:
        backend.add(fresh)
    # Its text and its title, each cut once, though every index column asks for both.
    assert len(cut) == 2
    assert not [q for q in queries if "wagtailcore_page" in q["sql"] and "title" in q["sql"].split("FROM")[0]]
    assert {"浔美社区", "浔美"} <= set(fresh.search_place_names())
