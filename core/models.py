"""What the ground app stores: the search tokens of each page's title, written at index time."""

from django.db import models


class SearchTitle(models.Model):
    """A page's title as search ranks it: its words, character pairs and pinyin (space-separated).

    Written whenever the page is indexed (`SegmentedSearchMixin.search_segmented_title`), so that
    ranking the hits of a search (title matches first) reads them in one query instead of cutting
    every hit's title with jieba and pypinyin again.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    tokens = models.TextField()

    class Meta:
        verbose_name = "标题检索词"
        verbose_name_plural = "标题检索词"

    def __str__(self):
        return self.tokens
