"""An RSS feed of the newest exhibits (every kind), for readers and for other sites to follow."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Page

from core.kinds import exhibit_models
from core.visibility import public


class LatestExhibitsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "丰泽区新时代文明实践数字展馆：最新展项"
    description = "新发布的人物档案、好人墙、家风家训馆、故事和视频。"
    limit = 30

    def link(self):
        return "/"

    def feed_url(self):
        return reverse("discovery:feed")

    def items(self):
        pages = (
            public(Page.objects.live())
            .type(*exhibit_models())
            .order_by("-first_published_at", "-pk")[: self.limit]
            .specific()
        )
        return list(pages)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "meta_description", "") or ""

    def item_link(self, item):
        # Relative: the syndication framework adds this site's scheme and host.
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item._meta.verbose_name]
