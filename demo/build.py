"""Build the demo site. Every step looks for what it would create first, so a second run changes
nothing and an interrupted run can simply be repeated."""

import datetime
import io
from collections import Counter

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from exhibits.models import (
    FamilyMottoHallPage,
    GoodPeopleWallPage,
    HallIndexPage,
    HonouredFamily,
    HonourTitle,
    ProfileHonour,
    ProfileIndexPage,
    ProfilePage,
    StoryIndexPage,
    StoryPage,
    VideoIndexPage,
    VideoPage,
    WallIndexPage,
)
from home.models import (
    CommunityPage,
    DistrictCentrePage,
    HomeFeaturedExhibit,
    HomeFeaturedPerson,
    HomePage,
    PracticePointPage,
    SiteSettings,
    StreetPage,
)
from moderation.models import PlaceRole
from moderation.roles import CONSENT_ROOT, role_for, sync_roles
from nominations.models import NominationPage
from videos.models import VideoSeries

from . import drawing
from .accounts import create_demo_accounts
from .clips import SERIES_DESCRIPTION, SERIES_TITLE, demo_media
from .exhibits import FILMS, HALLS, HONOUR_TITLES, NAMED_PEOPLE, STORIES, WALLS
from .people import fictional_people
from .places import DISTRICT_CENTRE, DISTRICT_POINTS, STREETS

DEMO_COLLECTION = "演示图片"
DEMO_CONSENT_DATE = datetime.date(2021, 10, 1)

LISTINGS = [
    (
        ProfileIndexPage,
        "道德模范",
        "daode-mofan",
        "全区道德模范、中国好人榜和福建好人榜上榜人物，以及身边好人。",
    ),
    (
        WallIndexPage,
        "好人墙",
        "haoren-qiang",
        "社区文化广场、公园、主要街区里的好人墙、向善园、史迹碑和文化长廊。",
    ),
    (HallIndexPage, "家风家训", "jiafeng-jiaxun", "传家训、立家规、扬家风：全区家风家训馆与文明家庭。"),
    (VideoIndexPage, "视频", "shipin", "专题片与微视频。"),
    (StoryIndexPage, "身边好人故事", "gushi", "身边故事，共同铭记。"),
]

FAMILY_SURNAMES = "陈林黄王李吴蔡张郑刘许洪庄苏施"


def paragraphs(*texts):
    return [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}]


class DemoBuilder:
    def __init__(self):
        self.created = Counter()
        self.collection = None
        self.communities = {}

    # Helpers ---------------------------------------------------------------------------------

    def image(self, title, data_factory, collection=None, focal_point=None):
        """The image with this title; drawn now if missing. `focal_point` is (x, y, w, h): where
        Wagtail keeps the picture when a rendition crops it (a face, for a portrait)."""
        Image = get_image_model()
        collection = collection or self.collection
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        image = Image(title=title, collection=collection, description=title)
        image.file = ImageFile(io.BytesIO(data_factory()), name="demo.jpg")
        if focal_point:
            image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
                focal_point
            )
        image.save()
        self.created["图片"] += 1
        return image

    def collections_for(self, community_slug):
        """(images, consent forms) of a community; the demo and consent roots for the centre."""
        if community_slug is None:
            return self.collection, Collection.objects.get(name=CONSENT_ROOT)
        role = role_for(self.communities[community_slug], PlaceRole.Kind.EDITORS)
        return role.image_collection, role.consent_collection

    def consent_form(self, name, community_slug):
        Document = get_document_model()
        title = f"{name}知情同意书（演示）"
        existing = Document.objects.filter(title=title).first()
        if existing:
            return existing
        document = Document(title=title, collection=self.collections_for(community_slug)[1])
        document.file = ContentFile(drawing.consent_form_pdf(name), name="consent.pdf")
        document.save()
        self.created["同意书"] += 1
        return document

    def consent_fields(self, name, community_slug, portrait=True):
        """Consent as PersonConsentMixin fields: demo people consented to everything shown."""
        return {
            "consent_given_by": f"{name}（演示）",
            "consent_date": DEMO_CONSENT_DATE,
            "consent_scope_name": True,
            "consent_scope_portrait": portrait,
            "consent_scope_story": True,
            "consent_form": self.consent_form(name, community_slug),
        }

    def consent_block(self, name, community_slug):
        return {
            "given_by": f"{name}（演示）",
            "date": DEMO_CONSENT_DATE.isoformat(),
            "scopes": ["name", "story"],
            "form": self.consent_form(name, community_slug).pk,
            "under_14": False,
            "guardian": "",
        }

    def page(self, parent, model, slug, **fields):
        """The child of `parent` with this slug; created and published if it does not exist."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        children = {key: fields.pop(key) for key in ("honours", "honoured_families") if key in fields}
        tags = fields.pop("tags", [])
        page = model(slug=slug, **fields)
        for name, items in children.items():
            setattr(page, name, items)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created[model._meta.verbose_name] += 1
        return page

    # Steps --------------------------------------------------------------------------------------

    @transaction.atomic
    def run(self):
        self.collection = self.demo_collection()
        home = HomePage.objects.get(depth=2)
        self.site_settings(home)
        self.honour_titles()
        centre = self.places(home)
        sync_roles()
        self.listings(home)
        self.nomination_page(home)
        profiles = self.profiles(centre)
        self.walls(profiles)
        self.halls()
        self.stories(centre, profiles)
        self.videos(centre)
        self.home_page(home)
        if accounts_created := create_demo_accounts():
            self.created["演示账号"] += accounts_created
        return self.created

    def demo_collection(self):
        existing = Collection.objects.filter(name=DEMO_COLLECTION).first()
        if existing:
            return existing
        self.created["图片库"] += 1
        return Collection.get_first_root_node().add_child(name=DEMO_COLLECTION)

    def site_settings(self, home):
        site = Site.objects.get(root_page=home)
        site_settings = SiteSettings.for_site(site)
        if not site_settings.footer_note:
            site_settings.footer_note = "演示站点：标注“演示”的人物和内容为虚构，仅用于展示系统功能。"
            site_settings.short_name = site_settings.short_name or "丰泽文明实践馆"
            site_settings.save()
            self.created["站点信息"] += 1

    def honour_titles(self):
        for order, (name, slug, level, roll, body, on_home) in enumerate(HONOUR_TITLES):
            _, created = HonourTitle.objects.get_or_create(
                name=name,
                defaults={
                    "slug": slug,
                    "level": level,
                    "roll": roll,
                    "awarding_body": body,
                    "show_on_home": on_home,
                    "sort_order": order,
                },
            )
            if created:
                self.created["荣誉称号"] += 1

    def places(self, home):
        centre = self.page(
            home,
            DistrictCentrePage,
            DISTRICT_CENTRE["slug"],
            title=DISTRICT_CENTRE["title"],
            description=DISTRICT_CENTRE["description"],
            body=DISTRICT_CENTRE["body"],
            show_in_menus=True,
            cover_image=self.image(
                "实践中心", lambda: drawing.scene("实践中心", "hall", label="新时代文明实践中心")
            ),
        )
        for title, slug in DISTRICT_POINTS:
            self.page(centre, PracticePointPage, slug, title=title, description="区级新时代文明实践点。")
        for street_name, street_slug, communities in STREETS:
            street = self.page(
                centre,
                StreetPage,
                street_slug,
                title=street_name,
                seo_title=f"{street_name}新时代文明实践所",
                description=f"{street_name}新时代文明实践所，统筹辖区社区实践站开展文明实践活动。",
                cover_image=self.image(
                    street_name,
                    lambda n=street_name: drawing.scene(n, "community", label=f"{n}新时代文明实践所"),
                ),
            )
            for name, slug, description in communities:
                self.communities[slug] = self.page(
                    street,
                    CommunityPage,
                    slug,
                    title=name,
                    seo_title=f"{name}新时代文明实践站",
                    description=description,
                    cover_image=self.image(
                        name, lambda n=name: drawing.scene(n, "community", label=f"{n}新时代文明实践站")
                    ),
                )
        return centre

    def listings(self, home):
        for model, title, slug, intro in LISTINGS:
            self.page(home, model, slug, title=title, intro=intro, show_in_menus=True)

    def nomination_page(self, home):
        """我推荐身边好人 at /nominate/, with a privacy notice the office can reword."""
        self.page(
            home,
            NominationPage,
            "nominate",
            title="我推荐身边好人",
            show_in_menus=True,
            intro="身边有助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲的好人吗？告诉我们他们的故事。",
            privacy_notice=(
                "<p>丰泽区委文明办收集您填写的被推荐人姓名、事迹、照片，以及您的姓名、手机号和邮箱，"
                "仅用于核实和整理推荐事迹。</p>"
                "<p>您的联系方式只有文明办工作人员可见，不会公开；照片上传时会去除拍摄位置等信息。"
                "事迹经被推荐人本人书面同意后才会公开。</p>"
                "<p>推荐处理完毕180天后，您的联系方式和未采用的照片会被删除。如需撤回推荐或删除信息，"
                "请联系文明办。</p>"
            ),
            privacy_notice_version="2026-01",
            success_text="<p>文明办一般在10个工作日内核实，可能会打电话向您了解情况。</p>",
        )

    def profiles(self, centre):
        titles = {title.name: title for title in HonourTitle.objects.all()}
        profiles = {}
        for person in fictional_people():
            headline, summary, deeds, tags = person.story
            community = self.communities[person.community]
            profiles[person.slug] = self.page(
                community,
                ProfilePage,
                person.slug,
                title=person.name,
                intro=headline,
                summary=f"{person.name}，{person.occupation}。{summary}",
                occupation=person.occupation,
                portrait=self.image(
                    f"{person.name}肖像",
                    lambda n=person.name: drawing.portrait(n),
                    self.collections_for(person.community)[0],
                    focal_point=drawing.portrait_focal_point(),
                ),
                deeds=[
                    {"type": "deed", "value": {"year": 2012 + i * 3, "title": deed, "text": ""}}
                    for i, deed in enumerate(deeds)
                ],
                # The story told in other words than the summary above it (demo data, fictional).
                body=paragraphs(person.body),
                honours=[
                    ProfileHonour(title=titles[name], category=category, year=year, sort_order=i)
                    for i, (name, category, year) in enumerate(person.honours)
                ],
                year=max(year for _, _, year in person.honours),
                tags=tags,
                is_demo=True,
                **self.consent_fields(person.name, person.community),
            )
        for person in NAMED_PEOPLE:
            # Real people: only what the seed article says of them (see demo/exhibits.py).
            profiles[person["slug"]] = self.page(
                centre,
                ProfilePage,
                person["slug"],
                title=person["name"],
                intro=person["intro"],
                summary=person["summary"],
                occupation=person["occupation"],
                body=paragraphs(*person["body"]),
                honours=[
                    ProfileHonour(title=titles[name], category=category, year=year, note=note, sort_order=i)
                    for i, (name, category, year, note) in enumerate(person["honours"])
                ],
                year=2021,
                tags=["志愿服务", "学雷锋"],
                **self.consent_fields(person["name"], None, portrait=False),
            )
        return profiles

    def walls(self, profiles):
        by_community = {}
        for profile in profiles.values():
            by_community.setdefault(profile.get_parent().slug, []).append(profile)
        for wall in WALLS:
            community = self.communities[wall["community"]]
            linked = by_community.get(wall["community"], [])[: wall["people"]]
            people = [
                {"type": "profile", "value": {"profile": profile.pk, "note": profile.intro}}
                for profile in linked
            ]
            for i in range(wall["people"] - len(linked)):
                people.append(
                    {
                        "type": "person",
                        "value": {
                            "name": f"{FAMILY_SURNAMES[i]}某某",
                            "honour": "社区身边好人",
                            "level": "",
                            "year": 2020,
                            "description": "热心社区公益的居民（演示数据）。",
                            "photo": None,
                            "consent": self.consent_block(
                                f"{wall['title']}·{FAMILY_SURNAMES[i]}某某", wall["community"]
                            ),
                        },
                    }
                )
            images = self.collections_for(wall["community"])[0]
            cover = self.image(
                wall["title"], lambda w=wall: drawing.scene(w["title"], w["form"], label=w["title"]), images
            )
            gallery = [
                {
                    "type": "photo",
                    "value": {
                        "image": {
                            "image": self.image(
                                f"{wall['title']}实景{n}",
                                lambda w=wall, n=n: drawing.scene(
                                    f"{w['title']}{n}", w["form"], label=w["title"]
                                ),
                                images,
                            ).pk,
                            "alt_text": f"{wall['title']}实景照片（示意图）",
                            "decorative": False,
                        },
                        "caption": f"{wall['title']}实景（演示示意图）",
                    },
                }
                for n in (1, 2)
            ]
            self.page(
                community,
                GoodPeopleWallPage,
                wall["slug"],
                title=wall["title"],
                intro=wall["intro"],
                form=wall["form"],
                location=wall["location"],
                opening_info="全天开放",
                cover_image=cover,
                featured_people=people,
                gallery=gallery,
                body=paragraphs(
                    "丰泽区深化“身边故事 共同铭记”，在社区文化广场、公园、主要街区等群众常聚集、出入频繁的地方，"
                    "以立碑、插画、雕塑、展板等形式，建设20个各具特色的身边好人宣传阵地。",
                    f"{wall['title']}位于{wall['location']}，是其中之一。",
                ),
                year=2021,
                tags=["身边好人", "好人墙"],
                is_demo=bool(people),
            )

    def halls(self):
        family_index = 0
        for hall in HALLS:
            families = []
            for kind, level, count in hall["families"]:
                for _ in range(count):
                    surname = FAMILY_SURNAMES[family_index % len(FAMILY_SURNAMES)]
                    other = FAMILY_SURNAMES[(family_index + 5) % len(FAMILY_SURNAMES)]
                    names = f"{surname}某某家庭" if kind == "family" else f"{surname}某某、{other}某某"
                    families.append(
                        HonouredFamily(
                            kind=kind,
                            level=level,
                            names=names,
                            year=2019 + family_index % 3,
                            description="家庭和睦、邻里互助（演示数据）。",
                            sort_order=len(families),
                            **self.consent_fields(
                                f"{hall['title']}·{names}", hall["community"], portrait=False
                            ),
                        )
                    )
                    family_index += 1
            mottos = [
                {
                    "type": "motto",
                    "value": {
                        "family": family,
                        "motto": motto,
                        "interpretation": meaning,
                        "calligraphy": {
                            "image": self.image(
                                f"{family}家训书法",
                                lambda m=motto, f=family: drawing.calligraphy(m, signature=f"{f}家训"),
                            ).pk,
                            "alt_text": f"{family}家训书法作品（示意图）",
                            "decorative": False,
                        },
                    },
                }
                for family, motto, meaning in hall["mottos"]
            ]
            self.page(
                self.communities[hall["community"]],
                FamilyMottoHallPage,
                hall["slug"],
                title=hall["title"],
                intro=hall["intro"],
                level=hall["level"],
                location=hall["location"],
                opening_info=hall["opening_info"],
                cover_image=self.image(
                    hall["title"],
                    lambda h=hall: drawing.scene(h["title"], "hall", label="家风家训馆"),
                    self.collections_for(hall["community"])[0],
                ),
                mottos=mottos,
                honoured_families=families,
                body=paragraphs(
                    "家庭是社会的基本细胞，良好家教家风是加强和创新基层社会治理的重要依托。",
                    "丰泽区开展“传家训、立家规、扬家风”活动，培育提升了省级家风家训馆（城东街道浔美社区家风家训馆）、"
                    "市级家风家训馆（华大街道城东社区家风家训馆）；共推选省级文明家庭1户、市级文明家庭6户，"
                    "评选区级“好婆媳、好妯娌、好邻居”各10对，街道级的“好婆媳、好妯娌、好邻居”各80对。",
                ),
                year=hall["year"],
                tags=["家风家训", "文明家庭"],
                is_demo=True,
            )

    def stories(self, centre, profiles):
        for story in STORIES:
            parent = self.communities[story["community"]] if story["community"] else centre
            self.page(
                parent,
                StoryPage,
                story["slug"],
                title=story["title"],
                intro=story["intro"],
                category=story["category"],
                source="中共丰泽区委文明办供稿",
                body=paragraphs(*story["paragraphs"]),
                cover_image=self.image(
                    story["title"],
                    lambda s=story: drawing.scene(s["title"], "community", label=s["title"]),
                ),
                year=story["year"],
                tags=story["tags"],
            )

    def videos(self, centre):
        """The seed's films and micro-videos, each with a short clip made now (demo/clips.py).

        The three feature films form one series, in the order the report names them. Pages made
        before clips existed get theirs on the next run; pages that have one are left alone.
        """
        series, created = VideoSeries.objects.get_or_create(
            title=SERIES_TITLE, defaults={"description": SERIES_DESCRIPTION}
        )
        if created:
            self.created["视频系列"] += 1
        features = [film for film in FILMS if film["kind"] == "feature"]
        for film in FILMS:
            episode = features.index(film) + 1 if film in features else None
            media, created = demo_media(
                film["slug"],
                film["title"],
                self.collection,
                series=series if episode else None,
                episode=episode,
            )
            if created:
                self.created["演示视频片段"] += 1
            page = self.page(
                centre,
                VideoPage,
                film["slug"],
                title=f"《{film['title']}》" if film["kind"] == "feature" else film["title"],
                intro=film["intro"],
                kind=film["kind"],
                video=media,
                producer="丰泽区新时代文明实践中心",
                poster=self.image(
                    f"{film['title']}封面",
                    lambda f=film: drawing.scene(f["title"], "film", label=f"《{f['title']}》"),
                ),
                body=paragraphs(
                    "丰泽区举办“唱支红歌给党听”活动，拍摄《走过的路》《百年脚印》《百年薪火》等3部专题片，"
                    "录制“我想对党说”“百年心向党启航新征程”等微视频，并在抖音、视频号等平台上展播。"
                ),
                year=film["year"],
                tags=["党史学习", "专题片" if film["kind"] == "feature" else "微视频"],
            )
            if page.video_id is None:
                page.video = media
                page.save_revision().publish()
                self.created["视频页配上片段"] += 1

    def home_page(self, home):
        if home.hero_title:
            return
        home.hero_title = "德行丰泽 · 身边好人"
        home.hero_intro = "1个中心、8个街道实践所、80个社区实践站：寻访家风家训馆、好人墙和身边的道德模范。"
        home.hero_image = self.image(
            "首页头图", lambda: drawing.scene("德行丰泽", "garden", label="德行丰泽")
        )
        # People first: the province's moral model, the three volunteers the seed names, and two
        # on 中国好人榜. The nomination button needs no choice: it finds the nomination page.
        people = [
            ProfilePage.objects.filter(honours__title__name="福建省道德模范").first(),
            *(ProfilePage.objects.filter(slug=person["slug"]).first() for person in NAMED_PEOPLE),
            *ProfilePage.objects.filter(honours__title__name="中国好人榜").order_by("path")[:2],
        ]
        home.featured_people = [
            HomeFeaturedPerson(page=page, sort_order=i) for i, page in enumerate(p for p in people if p)
        ]
        featured = [
            FamilyMottoHallPage.objects.filter(title="浔美社区家风家训馆").first(),
            GoodPeopleWallPage.objects.filter(slug="xiangshan-yuan").first(),
            VideoPage.objects.filter(slug="zouguo-de-lu").first(),
            GoodPeopleWallPage.objects.filter(slug="haoren-wenhua-xiaoguangchang").first(),
            StoryPage.objects.filter(slug="zhencheng-gongyi-tuandui").first(),
            FamilyMottoHallPage.objects.filter(title="城东社区家风家训馆").first(),
        ]
        home.featured_exhibits = [
            HomeFeaturedExhibit(page=page, sort_order=i) for i, page in enumerate(p for p in featured if p)
        ]
        home.save_revision().publish()
        self.created["首页"] += 1


def load_demo():
    """Build whatever part of the demo site is missing; returns {kind: number created}."""
    return DemoBuilder().run()


def demo_is_loaded():
    return DistrictCentrePage.objects.exists()
