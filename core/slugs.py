"""Page slugs from Chinese titles: a readable, stable ASCII slug from the title's pinyin.

Wagtail keeps slugs ASCII here (`WAGTAIL_ALLOW_UNICODE_SLUGS = False`), and Django's `slugify`
drops every Chinese character, so a title such as 浔美社区爱心厨房 would leave the slug empty.
The rule, used by the page editor and by every piece of code that creates pages:

- the title is cut into words with jieba's own dictionary (never the site's search dictionary,
  which changes as content is published: the same title always gives the same slug);
- each word becomes its toneless pinyin (pypinyin reads polyphones by phrase: 重庆 → chongqing,
  ü is written v: 绿 → lv); a run of one-character words is written as one chunk, so a name the
  dictionary does not know stays together (浔美 → xunmei, not xun-mei);
- Latin letters (accents dropped) and digits stay as they are, in lower case; everything else
  (punctuation, emoji, spaces) separates chunks with one hyphen;
- at most MAX_LENGTH characters, cut between chunks;
- among siblings a taken slug gets -2, -3 … (as Wagtail's own automatic slugs do).

浔美社区爱心厨房 → xunmei-shequ-aixin-chufang. A title with no letter, digit or Chinese character
(only punctuation or emoji) has no slug: callers raise `SlugError` with a message in Chinese.

This module knows no page model: it works on strings and on any Wagtail page as a parent.
"""

import logging
import re
import threading
import unicodedata

import jieba
from pypinyin import lazy_pinyin

jieba.setLogLevel(logging.WARNING)

MAX_LENGTH = 64
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
IS_CJK = re.compile(f"^[{CJK}]+$")
CHUNKS = re.compile(f"[{CJK}]+|[a-z0-9]+")

_tokenizer = None
_lock = threading.Lock()


class SlugError(ValueError):
    """A title that gives no slug. The message is Chinese, for the editor."""


def _cutter():
    """jieba with its bundled dictionary only, loaded once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def _ascii(text):
    """Latin letters without accents, lower case; other scripts left for the caller to drop."""
    text = unicodedata.normalize("NFKC", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _chinese_chunks(run):
    # Pinyin of the whole run (pypinyin picks a polyphone's reading from the phrase around it),
    # then grouped by jieba's words.
    readings = lazy_pinyin(run)
    whole = len(readings) == len(run)
    chunks, singles, at = [], [], 0
    for word in _cutter().cut(run, HMM=False):
        syllables = "".join(readings[at : at + len(word)] if whole else lazy_pinyin(word))
        at += len(word)
        if len(word) == 1:
            singles.append(syllables)
            continue
        if singles:
            chunks.append("".join(singles))
            singles = []
        chunks.append(syllables)
    if singles:
        chunks.append("".join(singles))
    return chunks


def slug_from_title(title, max_length=MAX_LENGTH):
    """The slug the rule gives `title`, without looking at siblings; "" when it gives none."""
    chunks = []
    for part in CHUNKS.findall(_ascii(str(title or ""))):
        if IS_CJK.match(part):
            chunks.extend(_chinese_chunks(part))
        else:
            chunks.append(part)
    chunks = [re.sub(r"[^a-z0-9]", "", chunk) for chunk in chunks]
    slug = ""
    for chunk in filter(None, chunks):
        candidate = f"{slug}-{chunk}" if slug else chunk
        if len(candidate) > max_length:
            if not slug:
                slug = chunk[:max_length]
            break
        slug = candidate
    return slug


def normalise_slug(value, max_length=MAX_LENGTH):
    """A slug the editor typed: kept when it is already a plain slug, else put through the rule.

    `Love-Kitchen` and `aixin_chufang` stay as typed (lower-cased); Chinese typed into the slug
    field becomes its pinyin like a title would.
    """
    value = str(value or "").strip()
    if re.fullmatch(r"[A-Za-z0-9_-]+", value):
        return value.lower()
    return slug_from_title(value, max_length=max_length)


def unique_slug(base, taken, max_length=MAX_LENGTH):
    """`base`, or `base-2`, `base-3` … whichever is not in `taken` (a set of sibling slugs)."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug


def sibling_slugs(parent, page=None):
    """The slugs already used under `parent` (a Wagtail page), `page` itself left out."""
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    return set(siblings.values_list("slug", flat=True))


def no_slug_message(title):
    return (
        f"无法从标题“{title}”生成网址：标题里需要有汉字、字母或数字。"
        "请修改标题，或在“推广”标签页的“缩略名”中填写英文字母、数字和连字符（例如 aixin-chufang）。"
    )


def slug_for_child(parent, title, page=None):
    """A unique slug under `parent` for a page titled `title`; `SlugError` when there is none."""
    base = slug_from_title(title)
    if not base:
        raise SlugError(no_slug_message(title))
    return unique_slug(base, sibling_slugs(parent, page))
