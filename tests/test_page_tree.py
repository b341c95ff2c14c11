"""The place tree's rules, and every page type created through the real admin form."""

import json

from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from core.kinds import exhibit_models, listing_models
from exhibits.models import (
    FamilyMottoHallPage,
    GoodPeopleWallPage,
    HallIndexPage,
    ProfileIndexPage,
    ProfilePage,
    StoryIndexPage,
    StoryPage,
    VideoIndexPage,
    VideoPage,
    WallIndexPage,
)
from home.models import CommunityPage, DistrictCentrePage, HomePage, PracticePointPage, StreetPage
from nominations.models import NominationPage

from . import factories as f
from .admin_forms import page_form
from .sites import ensure_home_page

PLACES = {DistrictCentrePage, StreetPage, CommunityPage, PracticePointPage}
LISTINGS = {ProfileIndexPage, WallIndexPage, HallIndexPage, VideoIndexPage, StoryIndexPage}
EXHIBITS = {GoodPeopleWallPage, FamilyMottoHallPage, ProfilePage, StoryPage, VideoPage}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_holds_the_centre_and_the_listings(self):
        # Every listing, the five here and any other kind's (tests/sixth_kind).
        self.assertTrue(set(listing_models()) >= LISTINGS)
        self.assertEqual(
            set(HomePage.creatable_subpage_models()), {DistrictCentrePage, *listing_models(), NominationPage}
        )
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_places_nest_centre_street_community_point(self):
        self.assertAllowedParentPageTypes(DistrictCentrePage, {HomePage})
        self.assertAllowedParentPageTypes(StreetPage, {DistrictCentrePage})
        self.assertAllowedParentPageTypes(CommunityPage, {StreetPage})
        self.assertAllowedParentPageTypes(PracticePointPage, {DistrictCentrePage, StreetPage, CommunityPage})
        self.assertTrue(set(exhibit_models()) >= EXHIBITS)
        self.assertEqual(set(PracticePointPage.creatable_subpage_models()), set(exhibit_models()))

    def test_every_exhibit_belongs_to_a_place_and_has_no_children(self):
        for model in exhibit_models():
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, PLACES)
                self.assertAllowedSubpageTypes(model, set())

    def test_forbidden_placements(self):
        self.assertCanNotCreateAt(HomePage, ProfilePage)
        self.assertCanNotCreateAt(HomePage, StreetPage)
        self.assertCanNotCreateAt(HomePage, CommunityPage)
        self.assertCanNotCreateAt(StreetPage, StreetPage)
        self.assertCanNotCreateAt(CommunityPage, CommunityPage)
        self.assertCanNotCreateAt(CommunityPage, StreetPage)
        self.assertCanNotCreateAt(DistrictCentrePage, CommunityPage)
        self.assertCanNotCreateAt(PracticePointPage, PracticePointPage)
        self.assertCanNotCreateAt(ProfilePage, StoryPage)
        for listing in LISTINGS:
            self.assertCanNotCreateAt(DistrictCentrePage, listing)

    def test_singletons(self):
        # The migration made the home page; a second one cannot be added anywhere.
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))
        self.assertEqual(DistrictCentrePage.max_count, 1)
        for listing in LISTINGS:
            self.assertEqual(listing.max_count, 1)


class CreatePagesThroughTheAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_home_page()
        cls.centre = f.DistrictCentrePageFactory(parent=cls.home)
        cls.street = f.StreetPageFactory(parent=cls.centre, title="城东街道", slug="chengdong")
        cls.community = f.CommunityPageFactory(parent=cls.street, title="浔美社区", slug="xunmei")
        cls.image = f.SiteImageFactory()
        cls.title = f.HonourTitleFactory(name="福建好人榜", slug="fujian-haoren", level="provincial")
        cls.profile = f.ProfilePageFactory(parent=cls.community, title="陈秀英", slug="chen-xiuying")
        cls.video = f.VideoMediaFactory()
        cls.consent_form = f.ConsentFormFactory()
        cls.admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")

    def setUp(self):
        self.client.force_login(self.admin)

    def consent_fields(self):
        return {
            "consent_given_by": "本人",
            "consent_date": "2024-05-01",
            "consent_scope_name": "on",
            "consent_scope_portrait": "on",
            "consent_scope_story": "on",
            "consent_form": self.consent_form.pk,
        }

    def created(self, model, slug):
        page = model.objects.get(slug=slug)
        self.assertTrue(page.live)
        return page

    def test_place_pages(self):
        self.assertCanCreate(
            self.centre,
            StreetPage,
            page_form(
                StreetPage,
                {
                    "title": "华大街道",
                    "slug": "huada",
                    "description": "华大街道新时代文明实践所",
                    "address": "泉州市丰泽区华大街道",
                    "cover_image": self.image.pk,
                    "body": rich_text("<p>统筹辖区社区实践站。</p>"),
                },
            ),
        )
        street = self.created(StreetPage, "huada")
        self.assertEqual(street.cover_image, self.image)
        self.assertCanCreate(
            street,
            CommunityPage,
            page_form(
                CommunityPage, {"title": "城东社区", "slug": "chengdong-shequ", "description": "社区实践站"}
            ),
        )
        community = self.created(CommunityPage, "chengdong-shequ")
        self.assertCanCreate(
            community,
            PracticePointPage,
            page_form(
                PracticePointPage,
                {"title": "美仙山小区实践点", "slug": "meixianshan", "opening_hours": "全天"},
            ),
        )
        self.assertEqual(self.created(PracticePointPage, "meixianshan").opening_hours, "全天")

    def test_profile_with_honours_deeds_body_and_tags(self):
        self.assertCanCreate(
            self.community,
            ProfilePage,
            page_form(
                ProfilePage,
                {
                    "title": "林文斌",
                    "slug": "lin-wenbin",
                    "intro": "危急时刻挺身而出",
                    "summary": "出租车司机，多次救助落水群众。",
                    "occupation": "出租车司机",
                    "portrait": self.image.pk,
                    "honours": inline_formset(
                        [
                            {"title": self.title.pk, "category": "bravery", "year": "2019", "note": ""},
                            {
                                "title": self.title.pk,
                                "category": "helping",
                                "year": "2021",
                                "note": "第二季度",
                            },
                        ]
                    ),
                    "deeds": streamfield(
                        [("deed", {"year": "2019", "title": "跳入河中救起落水儿童", "text": ""})]
                    ),
                    "body": streamfield(
                        [
                            ("heading", "事迹"),
                            ("paragraph", rich_text("<p>他说：换了谁都会这么做。</p>")),
                            ("quote", {"text": "换了谁都会这么做。", "attribution": "林文斌"}),
                            (
                                "image",
                                {
                                    "image": {
                                        "image": self.image.pk,
                                        "alt_text": "救人现场",
                                        "decorative": "",
                                    },
                                    "caption": "现场",
                                },
                            ),
                        ]
                    ),
                    "tags": "见义勇为, 身边好人",
                    **self.consent_fields(),
                },
            ),
        )
        page = self.created(ProfilePage, "lin-wenbin")
        self.assertEqual([h.year for h in page.honours.all()], [2019, 2021])
        self.assertEqual(page.honours.first().title.level, "provincial")
        self.assertEqual(page.deeds[0].value["title"], "跳入河中救起落水儿童")
        self.assertEqual([b.block_type for b in page.body], ["heading", "paragraph", "quote", "image"])
        self.assertEqual(sorted(t.name for t in page.tags.all()), ["见义勇为", "身边好人"])

    def test_wall_with_linked_and_inline_people_and_gallery(self):
        self.assertCanCreate(
            self.community,
            GoodPeopleWallPage,
            page_form(
                GoodPeopleWallPage,
                {
                    "title": "好人文化小广场",
                    "slug": "haoren-guangchang",
                    "intro": "美仙山小区内的好人文化小广场",
                    "form": "garden",
                    "location": "浔美社区美仙山小区内",
                    "opening_info": "全天开放",
                    "featured_people": streamfield(
                        [
                            ("profile", {"profile": self.profile.pk, "note": "孝老爱亲"}),
                            (
                                "person",
                                {
                                    "name": "王某某",
                                    "honour": "社区好人",
                                    "level": "street",
                                    "year": "2020",
                                    "description": "热心公益",
                                    "photo": {"image": "", "alt_text": "", "decorative": ""},
                                    "consent": {
                                        "given_by": "王某某",
                                        "date": "2024-05-01",
                                        "form": self.consent_form.pk,
                                        "under_14": "",
                                        "guardian": "",
                                    },
                                },
                            ),
                        ]
                    ),
                    "gallery": streamfield(
                        [
                            (
                                "photo",
                                {
                                    "image": {
                                        "image": self.image.pk,
                                        "alt_text": "广场全景",
                                        "decorative": "",
                                    },
                                    "caption": "广场",
                                },
                            )
                        ]
                    ),
                },
                raw={"featured_people-1-value-consent-scopes": ["name", "story"]},
            ),
        )
        page = self.created(GoodPeopleWallPage, "haoren-guangchang")
        self.assertEqual(page.featured_people[0].value["profile"].pk, self.profile.pk)
        self.assertEqual(page.featured_people[1].value["name"], "王某某")
        self.assertEqual(page.gallery[0].value["image"].contextual_alt_text, "广场全景")

    def test_inline_person_with_level_but_no_honour_is_refused(self):
        response = self.client.post(
            f"/admin/pages/add/exhibits/goodpeoplewallpage/{self.community.pk}/",
            page_form(
                GoodPeopleWallPage,
                {
                    "title": "好人墙",
                    "slug": "haoren-qiang",
                    "intro": "导语",
                    "form": "wall",
                    "location": "社区",
                    "featured_people": streamfield(
                        [
                            (
                                "person",
                                {
                                    "name": "王某某",
                                    "honour": "",
                                    "level": "district",
                                    "year": "",
                                    "description": "",
                                    "photo": {"image": "", "alt_text": "", "decorative": ""},
                                },
                            )
                        ]
                    ),
                    "gallery": streamfield([]),
                    "action-publish": "action-publish",
                },
            ),
        )
        self.assertEqual(response.status_code, 200)
        error = response.context["form"].errors.as_data()["featured_people"][0]
        self.assertIn("选择了级别时，请填写称号。", json.dumps(error.as_json_data(), ensure_ascii=False))
        self.assertFalse(GoodPeopleWallPage.objects.filter(slug="haoren-qiang").exists())

    def test_family_motto_hall_with_mottos_and_families(self):
        self.assertCanCreate(
            self.community,
            FamilyMottoHallPage,
            page_form(
                FamilyMottoHallPage,
                {
                    "title": "浔美社区家风家训馆",
                    "slug": "jiafeng-guan",
                    "intro": "省级家风家训馆",
                    "level": "provincial",
                    "location": "浔美社区",
                    "mottos": streamfield(
                        [
                            (
                                "motto",
                                {
                                    "family": "浔美陈氏",
                                    "motto": "耕读传家，忠厚继世。",
                                    "interpretation": "勤耕读，守忠厚。",
                                    "calligraphy": {
                                        "image": self.image.pk,
                                        "alt_text": "书法",
                                        "decorative": "",
                                    },
                                },
                            )
                        ]
                    ),
                    "honoured_families": inline_formset(
                        [
                            {
                                "kind": "family",
                                "names": "陈某某家庭",
                                "level": "provincial",
                                "year": "2020",
                                **self.consent_fields(),
                            },
                            {
                                "kind": "in_laws",
                                "names": "李某某、王某某",
                                "level": "district",
                                "year": "2021",
                                **self.consent_fields(),
                            },
                        ]
                    ),
                },
            ),
        )
        page = self.created(FamilyMottoHallPage, "jiafeng-guan")
        self.assertEqual(page.mottos[0].value["motto"], "耕读传家，忠厚继世。")
        self.assertEqual(
            [(fam.kind, fam.level) for fam in page.honoured_families.all()],
            [("family", "provincial"), ("in_laws", "district")],
        )

    def test_story_with_people(self):
        self.assertCanCreate(
            self.community,
            StoryPage,
            page_form(
                StoryPage,
                {
                    "title": "厝边党史小课堂",
                    "slug": "dangshi-ketang",
                    "intro": "把党史课堂搬到厝前屋后",
                    "category": "dedication",
                    "author": "社区通讯员",
                    "related_people": inline_formset([{"person": self.profile.pk}]),
                    "body": streamfield([("paragraph", rich_text("<p>老党员讲党史。</p>"))]),
                },
            ),
        )
        page = self.created(StoryPage, "dangshi-ketang")
        self.assertEqual([link.person for link in page.related_people.all()], [self.profile])
        self.assertEqual(page.live_people(), [self.profile])

    def test_video_with_file_and_poster(self):
        self.assertCanCreate(
            self.community,
            VideoPage,
            page_form(
                VideoPage,
                {
                    "title": "我想对党说",
                    "slug": "wo-xiang-dui-dang-shuo",
                    "intro": "主题微视频",
                    "kind": "micro",
                    "video": self.video.pk,
                    "poster": self.image.pk,
                    "producer": "实践中心",
                },
            ),
        )
        page = self.created(VideoPage, "wo-xiang-dui-dang-shuo")
        self.assertEqual((page.video, page.poster), (self.video, self.image))

    def test_listing_pages_under_home(self):
        for model, slug in [
            (ProfileIndexPage, "daode-mofan"),
            (WallIndexPage, "haoren-qiang"),
            (HallIndexPage, "jiafeng-jiaxun"),
            (VideoIndexPage, "shipin"),
            (StoryIndexPage, "gushi"),
        ]:
            with self.subTest(model=model.__name__):
                self.assertCanCreate(
                    self.home, model, page_form(model, {"title": slug, "slug": slug, "intro": "列表"})
                )
                self.created(model, slug)
                self.assertFalse(model.can_create_at(self.home), "listing pages are singletons")

    def test_exhibit_place_is_its_parent(self):
        self.assertEqual(self.profile.place, self.community)
