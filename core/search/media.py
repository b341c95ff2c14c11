"""Images and media as the editors search for them in the admin and its choosers.

Wagtail indexes an image's or a film's title as it is, and a Chinese title has no spaces: 丰泽街道实践中心
was one token, found only by typing all of it. `SegmentedWordsMixin` adds the title, the other texts
the model names in `segmented_texts` and the tags, cut into words and character pairs with the
title's pinyin, the same way pages are cut (see `segmenting`), so 实践, 街道 or shijian find it,
in the listing's search and in every chooser (which autocompletes).
"""

from wagtail.search import index

from .indexing import once_per_pass
from .segmenting import is_cjk, segment, segmented_text


class SegmentedWordsMixin:
    segmented_texts = ()

    def search_segmented_words(self):
        return once_per_pass(self, "_search_segmented_words", self._build_search_segmented_words)

    def _build_search_segmented_words(self):
        texts = [str(getattr(self, name, "") or "") for name in self.segmented_texts]
        if self.pk and hasattr(self, "tags"):
            texts.extend(tag.name for tag in self.tags.all())
        # The pinyin of the title's words as well as the whole: a place's name stays one word
        # (东美社区 → dongmeishequ), and an editor types dongmei or shequ.
        words = [word for word in segment(self.title) if is_cjk(word) and len(word) > 1]
        return " ".join(dict.fromkeys(segmented_text(texts, names=[self.title, *words]).split()))


SEGMENTED_WORDS_FIELDS = [
    index.SearchField("search_segmented_words"),
    index.AutocompleteField("search_segmented_words"),
]
