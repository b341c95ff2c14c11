"""Slugs from Chinese titles: the rule itself, the page editor, and pages made in code."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text, streamfield

from core.slugs import SlugError, normalise_slug, slug_for_child, slug_from_title, unique_slug
from demo.people import fictional_people
from exhibits.models import StoryPage

from . import factories as f
from .admin_forms import page_form
from .conftest import ensure_home_page


class SlugRuleTests(WagtailPageTestCase):
    def test_chinese_titles_become_pinyin_words(self):
        self.assertEqual(slug_from_title("浔美社区爱心厨房"), "xunmei-shequ-aixin-chufang")
        self.assertEqual(slug_from_title("重庆银行的故事"), "chongqing-yinhang-de-gushi")
        self.assertEqual(slug_from_title("陈秀英"), "chen-xiuying")
        self.assertEqual(slug_from_title("女儿长大了"), "nver-zhangda-le")  # ü is written v

    def test_mixed_chinese_latin_and_digits(self):
        self.assertEqual(slug_from_title("绿色家园2024年度好人"), "lvse-jiayuan-2024-niandu-haoren")
        self.assertEqual(slug_from_title("我的Wi-Fi故事"), "wode-wi-fi-gushi")
        self.assertEqual(slug_from_title("Café 浔美"), "cafe-xunmei")
        self.assertEqual(slug_from_title("第３届“最美家庭”评选"), "di-3-jie-zuimei-jiating-pingxuan")
        self.assertEqual(slug_from_title("亲子阅读·周末课堂"), "qinzi-yuedu-zhoumo-ketang")

    def test_the_rule_is_stable(self):
        # The search dictionary grows with the site's names; slugs must not follow it.
        from core.search.segmenting import tokenizer

        before = slug_from_title("浔美社区爱心厨房")
        tokenizer().add_word("区爱")
        self.assertEqual(slug_from_title("浔美社区爱心厨房"), before)

    def test_titles_without_letters_give_no_slug(self):
        for title in ("！！？", "🌟🌟", "——", "   ", ""):
            self.assertEqual(slug_from_title(title), "", title)

    def test_long_titles_are_cut_between_words(self):
        slug = slug_from_title("丰泽区新时代文明实践中心" * 5)
        self.assertLessEqual(len(slug), 64)
        self.assertFalse(slug.endswith("-"))
        self.assertIn(slug.rsplit("-", 1)[-1], slug_from_title("丰泽区新时代文明实践中心").split("-"))

    def test_unique_among_taken(self):
        self.assertEqual(unique_slug("aixin", set()), "aixin")
        self.assertEqual(unique_slug("aixin", {"aixin", "aixin-2"}), "aixin-3")
        self.assertEqual(len(unique_slug("a" * 64, {"a" * 64})), 64)

    def test_typed_slugs(self):
        self.assertEqual(normalise_slug("Love-Kitchen"), "love-kitchen")
        self.assertEqual(normalise_slug("aixin_chufang"), "aixin_chufang")
        self.assertEqual(normalise_slug("爱心厨房"), "aixin-chufang")
        self.assertEqual(normalise_slug("love kitchen"), "love-kitchen")

    def test_slug_for_child_is_unique_among_siblings_only(self):
        home = ensure_home_page()
        centre = f.DistrictCentrePageFactory(parent=home)
        street = f.StreetPageFactory(parent=centre, title="城东街道", slug="chengdong")
        one = f.CommunityPageFactory(parent=street, title="浔美社区", slug="xunmei-shequ")
        other = f.CommunityPageFactory(parent=street, title="东美社区", slug="dongmei")
        f.StoryPageFactory(parent=one, title="爱心厨房", slug="aixin-chufang")
        self.assertEqual(slug_for_child(one, "爱心厨房"), "aixin-chufang-2")
        self.assertEqual(slug_for_child(other, "爱心厨房"), "aixin-chufang")
        self.assertEqual(slug_for_child(street, "浔美社区"), "xunmei-shequ-2")
        with self.assertRaises(SlugError) as raised:
            slug_for_child(one, "🌟🌟")
        self.assertIn("无法从标题“🌟🌟”生成网址", str(raised.exception))

    def test_demo_people_get_pinyin_slugs(self):
        people = fictional_people()
        slugs = [person.slug for person in people]
        self.assertEqual(slugs[0], slug_from_title(people[0].name))
        self.assertEqual(len(set(slugs)), len(slugs))
        self.assertTrue(all(slug.isascii() and slug for slug in slugs))


def shows(response, text):
    """Whether a response's page holds `text` (without dumping the page on failure)."""
    return text in response.content.decode()


class SlugsInThePageEditorTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = ensure_home_page()
        centre = f.DistrictCentrePageFactory(parent=home)
        street = f.StreetPageFactory(parent=centre, title="城东街道", slug="chengdong")
        cls.community = f.CommunityPageFactory(parent=street, title="浔美社区", slug="xunmei")
        cls.admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def story(self, title, slug="", **extra):
        body = streamfield([("paragraph", rich_text("<p>正文</p>"))])
        return page_form(StoryPage, {"title": title, "slug": slug, "intro": "导语", "body": body, **extra})

    def create(self, title, slug="", publish=False):
        data = self.story(title, slug)
        if publish:
            data["action-publish"] = "publish"
        url = reverse("wagtailadmin_pages:add", args=("exhibits", "storypage", self.community.pk))
        return self.client.post(url, data)

    def edit(self, page, title, slug, publish=False):
        data = self.story(title, slug)
        if publish:
            data["action-publish"] = "publish"
        return self.client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    def test_a_chinese_title_without_slug_saves_with_pinyin(self):
        response = self.create("浔美社区爱心厨房")
        self.assertEqual(response.status_code, 302)
        page = StoryPage.objects.get(title="浔美社区爱心厨房")
        self.assertEqual(page.slug, "xunmei-shequ-aixin-chufang")

    def test_a_second_page_with_the_same_title_gets_a_suffix(self):
        self.create("爱心厨房")
        self.create("爱心厨房")
        self.assertEqual(
            sorted(StoryPage.objects.filter(title="爱心厨房").values_list("slug", flat=True)),
            ["aixin-chufang", "aixin-chufang-2"],
        )

    def test_a_typed_slug_is_kept(self):
        self.create("浔美社区爱心厨房", slug="love-kitchen")
        self.assertEqual(StoryPage.objects.get(title="浔美社区爱心厨房").slug, "love-kitchen")

    def test_chinese_typed_into_the_slug_becomes_pinyin(self):
        self.create("浔美社区爱心厨房", slug="爱心厨房")
        self.assertEqual(StoryPage.objects.get(title="浔美社区爱心厨房").slug, "aixin-chufang")

    def test_a_typed_slug_already_taken_is_refused_in_chinese(self):
        self.create("爱心厨房")
        response = self.create("另一个厨房", slug="aixin-chufang")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(shows(response, "aixin-chufang"), "aixin-chufang")
        self.assertTrue(shows(response, "已被上级页面下的其他页面使用"), "已被上级页面下的其他页面使用")
        self.assertFalse(StoryPage.objects.filter(title="另一个厨房").exists())

    def test_punctuation_or_emoji_only_title_gets_a_chinese_error(self):
        for title in ("！？。", "🌟🌟🌟"):
            response = self.create(title)
            self.assertEqual(response.status_code, 200, title)
            self.assertTrue(shows(response, f"无法从标题“{title}”生成网址"), f"无法从标题“{title}”生成网址")
            self.assertTrue(shows(response, "推广"), "推广")
            self.assertFalse(StoryPage.objects.filter(title=title).exists())
        # With a slug typed, such a title is fine.
        self.assertEqual(self.create("🌟🌟🌟", slug="xingxing").status_code, 302)

    def test_a_draft_follows_its_title_until_published(self):
        self.create("爱心厨房")
        page = StoryPage.objects.get(title="爱心厨房")
        self.edit(page, "浔美爱心厨房", page.slug)
        page.refresh_from_db()
        self.assertEqual(page.get_latest_revision_as_object().slug, "xunmei-aixin-chufang")

    def test_a_live_page_keeps_its_url_when_its_title_changes(self):
        self.create("爱心厨房", publish=True)
        page = StoryPage.objects.get(title="爱心厨房")
        self.assertTrue(page.live)
        self.edit(page, "浔美爱心厨房", page.slug, publish=True)
        page.refresh_from_db()
        self.assertEqual((page.title, page.slug), ("浔美爱心厨房", "aixin-chufang"))
        # Even an emptied slug field keeps the published URL.
        self.edit(page, "浔美社区爱心厨房", "", publish=True)
        page.refresh_from_db()
        self.assertEqual((page.title, page.slug), ("浔美社区爱心厨房", "aixin-chufang"))
        # A slug typed on purpose still changes it.
        self.edit(page, "浔美社区爱心厨房", "xunmei-kitchen", publish=True)
        page.refresh_from_db()
        self.assertEqual(page.slug, "xunmei-kitchen")

    def test_the_slug_field_does_not_follow_the_title_in_the_browser(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=("exhibits", "storypage", self.community.pk))
        )
        self.assertTrue(
            shows(response, "w-sync:apply-&gt;w-slug#identity:prevent"),
            "w-sync:apply-&gt;w-slug#identity:prevent",
        )
        self.assertTrue(shows(response, "留空则按标题拼音自动生成"), "留空则按标题拼音自动生成")
        self.assertFalse(shows(response, 'name="slug" required'), 'name="slug" required')
