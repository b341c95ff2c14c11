"""`load_demo`: the seed's places, exhibits and honour roll, built once and only once."""

from io import StringIO

from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from wagtail.models import Page, Revision

from demo.exhibits import SEED_HONOUR_FIGURES
from exhibits.models import (
    FamilyMottoHallPage,
    GoodPeopleWallPage,
    HonouredFamily,
    ProfileHonour,
    ProfilePage,
    StoryPage,
    VideoPage,
    honour_totals,
)
from home.models import CommunityPage, StreetPage


def snapshot():
    """Row counts of every table, and every page's identity and latest revision."""
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    pages = list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id"))
    return counts, pages


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_running_twice_changes_nothing(self):
        before = snapshot()
        out = StringIO()
        call_command("load_demo", stdout=out)
        self.assertEqual(snapshot(), before)
        self.assertIn("nothing changed", out.getvalue())

    def test_if_empty_does_not_touch_a_site_with_content(self):
        before = snapshot()
        out = StringIO()
        call_command("load_demo", "--if-empty", stdout=out)
        self.assertEqual(snapshot(), before)
        self.assertIn("already has content", out.getvalue())

    def test_honour_roll_matches_the_seed(self):
        totals = {title.name: title.people for title in honour_totals()}
        self.assertEqual(totals, SEED_HONOUR_FIGURES)
        for name, people in SEED_HONOUR_FIGURES.items():
            self.assertEqual(
                ProfilePage.objects.live().filter(honours__title__name=name).distinct().count(), people
            )

    def test_home_page_shows_the_seed_figures(self):
        html = self.client.get("/").content.decode()
        for name, people in SEED_HONOUR_FIGURES.items():
            self.assertInHTML(
                f'<span class="honour-roll__count">{people}</span><span class="honour-roll__unit">人</span>'
                f'<span class="honour-roll__title">{name}</span>',
                html.replace("\n", "").replace("                ", ""),
            )

    def test_places_from_the_seed(self):
        self.assertEqual(
            set(StreetPage.objects.values_list("title", flat=True)),
            {"东湖街道", "丰泽街道", "泉秀街道", "清源街道", "华大街道", "城东街道", "东海街道", "北峰街道"},
        )
        self.assertTrue(
            {
                "圣湖社区",
                "浔美社区",
                "城东社区",
                "丰泽社区",
                "源淮社区",
                "华丰社区",
                "少林社区",
                "埭头社区",
                "东美社区",
            }
            <= set(CommunityPage.objects.values_list("title", flat=True))
        )
        xunmei = CommunityPage.objects.get(title="浔美社区")
        self.assertEqual(xunmei.get_parent().title, "城东街道")
        self.assertEqual(CommunityPage.objects.get(title="城东社区").get_parent().title, "华大街道")

    def test_exhibits_from_the_seed(self):
        halls = {hall.title: hall for hall in FamilyMottoHallPage.objects.all()}
        self.assertEqual(halls["浔美社区家风家训馆"].level, "provincial")
        self.assertEqual(halls["浔美社区家风家训馆"].get_parent().title, "浔美社区")
        self.assertEqual(halls["城东社区家风家训馆"].level, "municipal")
        self.assertEqual(halls["城东社区家风家训馆"].get_parent().title, "城东社区")
        walls = dict(GoodPeopleWallPage.objects.values_list("title", "path"))
        for title, community in [
            ("向善园", "丰泽社区"),
            ("抗倭卫乡史迹碑", "城东社区"),
            ("身边故事文化长廊", "城东社区"),
            ("好人文化小广场", "浔美社区"),
            ("好人墙", "源淮社区"),
            ("身边好人文化墙", "华丰社区"),
        ]:
            self.assertEqual(GoodPeopleWallPage.objects.get(title=title).get_parent().title, community)
        self.assertEqual(len(walls), 6)
        films = set(VideoPage.objects.filter(kind="feature").values_list("title", flat=True))
        self.assertEqual(films, {"《走过的路》", "《百年脚印》", "《百年薪火》"})
        self.assertEqual(
            set(VideoPage.objects.filter(kind="micro").values_list("title", flat=True)),
            {"我想对党说", "百年心向党 启航新征程"},
        )
        # 省级文明家庭1户、市级文明家庭6户，区级好婆媳、好妯娌、好邻居各10对.
        families = HonouredFamily.objects
        self.assertEqual(families.filter(kind="family", level="provincial").count(), 1)
        self.assertEqual(families.filter(kind="family", level="municipal").count(), 6)
        for kind in ("in_laws", "sisters_in_law", "neighbours"):
            self.assertEqual(families.filter(kind=kind, level="district").count(), 10)

    def test_fictional_people_are_marked_and_named_people_are_not(self):
        for name in ("李美计", "周月芬", "林文俊"):
            self.assertFalse(ProfilePage.objects.get(title=name).is_demo)
        fictional = ProfilePage.objects.exclude(title__in=["李美计", "周月芬", "林文俊"])
        self.assertEqual(fictional.count(), 70)
        self.assertFalse(fictional.filter(is_demo=False).exists())
        response = self.client.get(fictional.first().url)
        self.assertContains(response, "演示数据")

    def test_named_people_have_full_profiles_from_the_seed_only(self):
        for name, title in (
            ("李美计", "福建省学雷锋优秀志愿者"),
            ("周月芬", "福建省五星志愿者"),
            ("林文俊", "福建省五星志愿者"),
        ):
            with self.subTest(name=name):
                profile = ProfilePage.objects.get(title=name)
                self.assertEqual([h.title.name for h in profile.sorted_honours()], [title])
                self.assertEqual(profile.sorted_honours()[0].title.level, "provincial")
                self.assertIsNone(profile.portrait)  # the seed has no picture: a name seal instead
                body = " ".join(block.value.source for block in profile.body)
                self.assertNotIn(profile.summary, body)
                self.assertGreater(len(body), 150)
                self.assertIn("资料来源", body)
                self.assertIn(name, profile.summary)
                soup = BeautifulSoup(self.client.get(profile.url).content, "html.parser")
                self.assertIsNone(soup.select_one(".profile__portrait img"))
                self.assertEqual(soup.select_one(".name-seal__text").get_text(), f"{name}印")
                # No gender, age, community or deed the seed does not give.
                for invented in ("她", "他", "岁", "社区居民"):
                    self.assertNotIn(invented, profile.summary + body)

    def test_no_profile_body_repeats_its_summary(self):
        for profile in ProfilePage.objects.all():
            body = " ".join(block.value.source for block in profile.body if block.block_type == "paragraph")
            summary_tail = profile.summary.split("。", 1)[-1] or profile.summary
            with self.subTest(profile=profile.title):
                self.assertNotIn(summary_tail.strip("。"), body)

    def test_fictional_portraits_are_drawings_with_a_focal_point(self):
        for profile in ProfilePage.objects.filter(is_demo=True).select_related("portrait")[:5]:
            with self.subTest(profile=profile.title):
                self.assertTrue(profile.portrait.has_focal_point())

    def test_home_page_puts_people_and_the_nomination_button_first(self):
        soup = BeautifulSoup(self.client.get("/").content, "html.parser")
        names = [n.contents[0].strip() for n in soup.select(".home-people .person-card__name")]
        self.assertEqual(names[1:4], ["李美计", "周月芬", "林文俊"])
        self.assertEqual(len(names), 6)
        button = soup.select_one(".hero a.button--nominate")
        self.assertEqual(button["href"], "/nominate/")
        self.assertIn("我推荐身边好人", button.get_text())

    def test_every_demo_page_renders(self):
        for page in Page.objects.live().filter(depth__gte=2).specific():
            with self.subTest(page=page.title):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, page.title)

    def test_pages_have_revisions_and_honours(self):
        self.assertFalse(Page.objects.filter(depth__gt=2, latest_revision__isnull=True).exists())
        self.assertGreater(Revision.objects.count(), 100)
        self.assertEqual(ProfileHonour.objects.count(), 65 + 14 + 1 + 17 + 4 + 3)
        for model in (GoodPeopleWallPage, FamilyMottoHallPage, ProfilePage, StoryPage, VideoPage):
            self.assertTrue(model.objects.live().exists(), model)


class DemoContentGuardTests(TestCase):
    @override_settings(DEMO_CONTENT_ALLOWED=False)
    def test_refused_where_settings_do_not_allow_it(self):
        with self.assertRaises(CommandError) as raised:
            call_command("load_demo", stdout=StringIO())
        self.assertIn("DEMO_CONTENT_ALLOWED", str(raised.exception))
        self.assertFalse(StreetPage.objects.exists())
