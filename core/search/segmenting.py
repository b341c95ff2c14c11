"""Chinese word segmentation for the search index and for queries.

Wagtail's database backends keep a whole run of Chinese characters as one token (SQLite FTS5's
`unicode61`, PostgreSQL's default parser), so 光荣榜 would never find 好人好事光荣榜. Pages are
therefore indexed with an extra field of space-separated tokens:

- jieba's words, plus every shorter dictionary word inside a longer one (光荣榜 → 光荣, 光荣榜),
  like `cut_for_search` but at any length, so 浔美社区 is found inside a longer place name;
- every pair of neighbouring Chinese characters (bigrams), so a query still matches when jieba
  cut the indexed text differently from the query, or the dictionary changed since indexing;
- for names (titles and places) their pinyin, full and initials (浔美 → ``xunmei``, ``xm``).

Queries are cut the same way (see `query_words`). A dictionary of the site's own names (whatever
models offer through `search_dictionary_words()`: places, honour titles, people, tags) and the
domain's own words keeps names whole. Each process holds it in memory, loaded into its jieba
tokenizer, for the current content generation (`core.generation`): the one check per call is
reading a number this request already holds, and after a publish (which moves the generation on)
the words are read from the database again, once per process.
"""

import contextvars
import functools
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

import jieba
from django.apps import apps
from pypinyin import Style, lazy_pinyin

from .. import generation

jieba.setLogLevel(logging.WARNING)

MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 20

# Words of this domain that jieba's general dictionary would cut apart.
DOMAIN_WORDS = [
    "新时代文明实践",
    "新时代文明实践中心",
    "文明实践",
    "实践中心",
    "实践所",
    "实践站",
    "实践点",
    "道德模范",
    "中国好人",
    "中国好人榜",
    "福建好人榜",
    "泉州好人榜",
    "好人榜",
    "光荣榜",
    "好人墙",
    "好人园",
    "向善园",
    "好人文化",
    "好人好事",
    "身边好人",
    "家风家训",
    "家风家训馆",
    "家风",
    "家训",
    "文明家庭",
    "好婆媳",
    "好妯娌",
    "好邻居",
    "助人为乐",
    "见义勇为",
    "诚实守信",
    "敬业奉献",
    "孝老爱亲",
    "志愿服务",
    "志愿者",
    "学雷锋",
    "文明办",
    "文明委",
    "微视频",
    "专题片",
    "文化长廊",
    "文化墙",
    "小广场",
    "史迹碑",
    "实践活动",
]

# Endings of place titles: 浔美社区新时代文明实践站 is also known as 浔美社区 and as 浔美.
PLACE_SUFFIXES = ("新时代文明实践中心", "新时代文明实践所", "新时代文明实践站", "新时代文明实践点", "实践点")
PLACE_KINDS = ("社区", "街道", "村", "小区")

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK}]+")
IS_CJK = re.compile(f"^[{CJK}]+$")
WORD = re.compile(r"[^\W_]+")
# Boolean operators a user may type (or paste from another search engine); they are not words.
OPERATOR_WORDS = re.compile(r"\b(?:AND|OR|NOT|NEAR)\b")


# Set while a page is being published (core.search.indexing.publishing): the words are then not
# read again in the middle of it; the publish moves the generation on, and the next request reads
# them (with the new page's names) once.
publishing_now = contextvars.ContextVar("publishing", default=False)


class _Dictionary:
    """One jieba tokenizer per process, loaded with the site's own words."""

    # Names kept cut (see `name_tokens`) until the words change; a bound on memory, not on reuse.
    MAX_NAMES = 50_000

    def __init__(self):
        self.lock = threading.Lock()
        self.tokenizer = None
        self.token = None
        self.words = set()
        self.names = {}

    def get(self):
        if self.tokenizer is None:
            with self.lock:
                if self.tokenizer is None:
                    tokenizer = jieba.Tokenizer()
                    tokenizer.initialize()
                    for word in DOMAIN_WORDS:
                        tokenizer.add_word(word)
                    self.tokenizer = tokenizer
        token = generation.current()
        if token != self.token and not (self.token is not None and publishing_now.get()):
            with self.lock:
                if token != self.token:
                    words = site_words()
                    for word in self.words - words:
                        if word not in DOMAIN_WORDS:
                            self.tokenizer.del_word(word)
                    for word in words - self.words:
                        self.tokenizer.add_word(word)
                    if words != self.words:
                        self.names = {}
                    self.words = words
                    self.token = token
        return self.tokenizer

    def name_tokens(self, name):
        cutter = self.get()
        tokens = self.names.get(name)
        if tokens is None:
            tokens = (*_segment(name, cutter), *_pinyin_tokens(name, cutter))
            if len(self.names) >= self.MAX_NAMES:
                self.names = {}
            self.names[name] = tokens
        return tokens


_dictionary = _Dictionary()


def tokenizer():
    """The process's jieba tokenizer, with the site's current words loaded."""
    return _dictionary.get()


def invalidate_dictionary():
    """Forget the site's words; the next segmentation reads them from the database again.

    Any content change does this already (the dictionary follows the content generation); this is
    for changes made without saving a model."""
    generation.bump()


def place_names(title):
    """The names a place goes by: 浔美社区新时代文明实践站 → itself, 浔美社区, 浔美."""
    names = [title]
    short = title
    for suffix in PLACE_SUFFIXES:
        if short.endswith(suffix) and len(short) > len(suffix):
            short = short[: -len(suffix)]
            names.append(short)
            break
    for kind in PLACE_KINDS:
        if short.endswith(kind) and len(short) > len(kind) + 1:
            names.append(short[: -len(kind)])
            break
    return names


def site_words():
    """Names that must stay whole: every model that offers some through a classmethod
    `search_dictionary_words()` (places, honour titles, people, tags), a query or so each."""
    words = set()
    for model in apps.get_models():
        if hasattr(model, "search_dictionary_words"):
            words.update(model.search_dictionary_words())
    return {word.strip() for word in words if word and len(word.strip()) >= 2 and " " not in word.strip()}


def normalize(text):
    """Full-width to half-width, lower case, one space between words."""
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).lower().split())


def is_cjk(word):
    return bool(IS_CJK.match(word))


def bigrams(word):
    return [word[i : i + 2] for i in range(len(word) - 1)] if len(word) > 1 else [word]


def _with_inner_words(word, freq):
    """The word and every shorter dictionary word inside it (光荣榜 → 光荣榜, 光荣)."""
    found = [word]
    for size in range(len(word) - 1, 1, -1):
        for start in range(len(word) - size + 1):
            inner = word[start : start + size]
            if freq.get(inner):
                found.append(inner)
    return found


def segment(text):
    """Search tokens of a text: words, inner words and bigrams (see the module docstring)."""
    return _segment(text, tokenizer())


def _segment(text, cutter):
    text = normalize(text)
    if not text:
        return []
    tokens = []
    for word in cutter.cut(text):
        word = word.strip()
        if not word or not WORD.fullmatch(word):
            continue
        if is_cjk(word) and len(word) > 2:
            tokens.extend(_with_inner_words(word, cutter.FREQ))
        else:
            tokens.append(word)
    seen = set(tokens)
    for run in CJK_RUN.findall(text):
        for pair in bigrams(run):
            if len(pair) == 2 and pair not in seen:
                seen.add(pair)
                tokens.append(pair)
    return tokens


def pinyin_tokens(name):
    """Pinyin of a name, word by word and whole: 浔美社区 → xunmei, xm, shequ, sq, xunmeishequ, xmsq."""
    return _pinyin_tokens(name, tokenizer())


def _pinyin_tokens(name, cutter):
    tokens = []
    for run in CJK_RUN.findall(normalize(name)):
        words = [word for word in cutter.cut(run) if is_cjk(word)]
        if len(run) <= 6 and len(words) > 1:
            words.append(run)
        for word in words:
            tokens.extend(word_pinyin(word))
    return tokens


@functools.lru_cache(maxsize=20_000)
def word_pinyin(word):
    """A Chinese word's pinyin, full and (for two characters or more) initials: 浔美 → xunmei, xm.
    The same words come back on page after page (places, honours), and pypinyin is slow."""
    full = "".join(lazy_pinyin(word))
    return (full, "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))) if len(word) > 1 else (full,)


def name_tokens(name):
    """`segment(name)` and `pinyin_tokens(name)`, kept in this process while the site's words stay
    the same: a page's place names are indexed with every page beneath the place."""
    return _dictionary.name_tokens(name)


def segmented_text(texts, names=()):
    """The indexed form of some texts and names: tokens separated by spaces."""
    tokens = []
    for text in texts:
        tokens.extend(segment(text))
    for name in names:
        tokens.extend(name_tokens(name))
    return " ".join(tokens)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: found as itself, or (for Chinese) as all its character pairs."""

    text: str

    @property
    def is_cjk(self):
        return is_cjk(self.text)

    @property
    def pairs(self):
        return bigrams(self.text) if self.is_cjk and len(self.text) > 2 else []

    def found_in(self, tokens):
        """Whether a set of index tokens holds this word, as the search backend would match it."""
        return self.text in tokens or bool(self.pairs and all(pair in tokens for pair in self.pairs))

    @property
    def highlights(self):
        """Strings to mark in a snippet, longest first."""
        return [self.text, *self.pairs]


def clean_query(raw):
    """The query as searched: at most MAX_QUERY_LENGTH characters, no operators, one-space gaps."""
    text = unicodedata.normalize("NFKC", str(raw or ""))
    text = OPERATOR_WORDS.sub(" ", text)
    text = " ".join(WORD.findall(text))
    return text[:MAX_QUERY_LENGTH].strip()


def query_words(raw):
    """The words of a query, cut like the index; operator characters and syntax are dropped."""
    return cut_query(clean_query(raw))


def cut_query(cleaned):
    """The words of a query already through `clean_query`, cut like the index."""
    text = cleaned.lower()
    if not text:
        return []
    cutter = tokenizer()
    words = []
    for term in text.split():
        for word in cutter.cut(term):
            word = word.strip()
            if word and WORD.fullmatch(word) and word not in words:
                words.append(word)
    if len(words) > 1:
        # Particles (的, 在, 和 …) left over between words narrow nothing down.
        longer = [word for word in words if not (is_cjk(word) and len(word) == 1)]
        words = longer or words
    return [QueryWord(word) for word in words[:MAX_QUERY_WORDS]]


def title_tokens(title):
    return set(name_tokens(title))
