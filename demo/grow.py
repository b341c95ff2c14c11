"""Grow the demo site to district scale for benchmarks (`manage.py grow_demo --exhibits 10000`).

On top of `load_demo`'s site: fictional communities until the district has its 80 community
stations, then the asked number of exhibits spread over them (people 45%, stories 25%, videos 12%,
walls 10%, halls 8%) with realistic Chinese names, places, honours on the district's honour titles,
deeds, stories, tags, the demo's pictures and films reused, and recorded consent. Everything is
marked as demo data and drawn from random generators seeded by the exhibit's number: the n-th
exhibit is always the same, so growing to 1,000 and then to 10,000 builds what 10,000 at once would.
Running it again with the same number adds nothing.

Pages are written in bulk (a few INSERTs per thousand pages, not Wagtail's page-at-a-time
`add_child` and publish, which would take hours at this size): they are live, with no revisions,
and not yet in the search index, so run `update_index` afterwards (the benchmark times it).
"""

import datetime
import random
import uuid
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from core import generation
from exhibits.choices import DeedCategory, FamilyHonourKind, HonourLevel, WallForm
from exhibits.models import (
    ExhibitTag,
    FamilyMottoHallPage,
    GoodPeopleWallPage,
    HonouredFamily,
    HonourTitle,
    ProfileHonour,
    ProfilePage,
    StoryPage,
    VideoKind,
    VideoPage,
)
from exhibits.models.honours import refresh_top_honours
from home.models import CommunityPage, StreetPage
from videos.models import VideoMedia

from .people import CATEGORY_STORIES, GIVEN, OCCUPATIONS, SURNAMES

SLUG_PREFIX = "grow-"
COMMUNITY_TARGET = 80
SHARES = [
    (ProfilePage, 45),
    (StoryPage, 25),
    (VideoPage, 12),
    (GoodPeopleWallPage, 10),
    (FamilyMottoHallPage, 8),
]
COMMUNITY_NAMES = [
    "霞美",
    "兴贤",
    "云山",
    "金山",
    "刺桐",
    "华山",
    "桃源",
    "清源",
    "宝洲",
    "湖心",
    "北峰",
    "东海",
    "津头",
    "后埔",
    "坪山",
    "仁风",
    "泉秀",
    "丰海",
    "磁灶",
    "象峰",
    "浦西",
    "蟳埔",
    "法石",
    "乌石",
    "后坑",
    "西福",
    "城南",
    "福新",
    "东星",
    "田安",
    "温陵",
    "少林",
    "龙头",
    "新华",
    "明光",
    "圣泉",
    "涂门",
    "福源",
    "凤池",
    "梅山",
    "古榕",
    "清濛",
    "南埔",
    "西湖",
    "崇正",
    "源和",
    "霞洲",
    "笋江",
    "东岳",
    "通港",
    "华星",
    "前坂",
    "紫帽",
    "安吉",
    "美山",
    "双塔",
    "沉洲",
    "后茂",
    "金龙",
    "聚宝",
    "园坂",
    "江滨",
    "海星",
    "宝觉",
    "烟浦",
    "港头",
    "洛阳",
]
GIVEN_CHARS = "秀英志强美玲建华丽娟国平淑贞文斌雅琴明辉惠珍永福春燕清泉玉兰少华婉婷金水碧霞振东月娥德胜素琴荣华宝珠海峰桂香天佑瑞芳"
TAGS = [
    "志愿服务",
    "邻里互助",
    "见义勇为",
    "诚实守信",
    "孝老爱亲",
    "敬业奉献",
    "家风家训",
    "学雷锋",
    "好人墙",
    "身边好人",
    "党史学习",
    "文明家庭",
]
STORY_OPENINGS = [
    "清晨六点，{place}的巷子里已经能看到{name}忙碌的身影。",
    "在{place}，提起{name}，街坊们都会竖起大拇指。",
    "{name}常说：“帮别人，就是帮自己。”这句话，{name}在{place}坚持了许多年。",
    "那天傍晚，{place}突降暴雨，{name}第一个冲了出去。",
]
MOTTOS = [
    ("忠厚传家久，诗书继世长。", "为人忠厚、勤读诗书，是家族长久的根本。"),
    ("勤俭持家，和睦邻里。", "持家要勤劳节俭，与邻居和睦相处。"),
    ("百善孝为先，家和万事兴。", "孝敬长辈是一切美德的开始。"),
    ("诚实做人，踏实做事。", "做人讲诚信，做事不浮躁。"),
    ("读书明理，耕读传家。", "读书使人明白事理。"),
]
BASE_TIME = datetime.datetime(2021, 10, 1, 8, 0, tzinfo=datetime.UTC)
BATCH = 250


def grown_exhibits():
    return Page.objects.filter(slug__startswith=SLUG_PREFIX, depth__gt=5)


class Grower:
    def __init__(self, seed=2021):
        self.seed = seed
        self.rng = random.Random(f"{seed}-communities")
        self.created = Counter()
        self.next_step = {}

    # Tree helpers -----------------------------------------------------------------------------

    def child_path(self, parent):
        """The materialised path of `parent`'s next child (treebeard's numbering, kept in memory)."""
        if parent.pk not in self.next_step:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .first()
            )
            self.next_step[parent.pk] = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] += 1
        return parent.path + Page._int2str(step).rjust(Page.steplen, "0")

    def base_fields(self, parent, model, slug, title, n):
        published = BASE_TIME + datetime.timedelta(minutes=37 * n)
        return {
            "title": title,
            "draft_title": title,
            "slug": slug,
            "path": self.child_path(parent),
            "depth": parent.depth + 1,
            "numchild": 0,
            "url_path": parent.url_path + slug + "/",
            "content_type": ContentType.objects.get_for_model(model),
            "locale_id": parent.locale_id,
            "translation_key": uuid.UUID(int=self.rng.getrandbits(128)),
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
        }

    def insert(self, pages, children_of):
        """Write specific pages (all of one model) in bulk: the Page rows, then the model's own."""
        model = type(pages[0])
        base_fields = [field for field in Page._meta.concrete_fields if field.name != "id"]
        for start in range(0, len(pages), BATCH):
            chunk = pages[start : start + BATCH]
            bases = [
                Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
                for page in chunk
            ]
            Page.objects.bulk_create(bases)
            for page, base in zip(chunk, bases, strict=True):
                page.id = page.page_ptr_id = base.pk
            local = list(model._meta.local_concrete_fields)
            model._base_manager._insert(chunk, fields=local, using="default")
        for parent_pk, count in children_of.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
        self.created[model._meta.verbose_name] += len(pages)

    # Content ----------------------------------------------------------------------------------

    def person_name(self):
        surname = self.rng.choice(SURNAMES)
        if self.rng.random() < 0.6:
            return surname + self.rng.choice(GIVEN)
        return surname + self.rng.choice(GIVEN_CHARS) + self.rng.choice(GIVEN_CHARS)

    def paragraphs(self, *texts):
        return [
            {
                "type": "paragraph",
                "value": "".join(f"<p>{text}</p>" for text in texts),
                "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
            }
        ]

    def communities(self):
        existing = list(CommunityPage.objects.order_by("path"))
        streets = list(StreetPage.objects.order_by("path"))
        missing = COMMUNITY_TARGET - len(existing)
        if missing > 0:
            pages, children = [], Counter()
            used = {page.title for page in existing}
            names = [f"{name}社区" for name in COMMUNITY_NAMES if f"{name}社区" not in used][:missing]
            for n, name in enumerate(names):
                street = streets[n % len(streets)]
                slug = f"{SLUG_PREFIX}shequ-{n + 1:02d}"
                fields = self.base_fields(street, CommunityPage, slug, name, n)
                pages.append(
                    CommunityPage(
                        **fields,
                        seo_title=f"{name}新时代文明实践站",
                        description=f"{name}新时代文明实践站（演示数据）。",
                        show_in_menus=False,
                    )
                )
                children[street.pk] += 1
            self.insert(pages, children)
            existing = list(CommunityPage.objects.order_by("path"))
        return existing

    def run(self, exhibits):
        already = grown_exhibits().count()
        wanted = max(0, exhibits - already)
        if not wanted:
            return self.created
        communities = self.communities()
        images = list(get_image_model().objects.order_by("pk"))
        portraits = [image for image in images if image.title.endswith("肖像")] or images
        scenes = [image for image in images if not image.title.endswith("肖像")] or images
        titles = list(HonourTitle.objects.order_by("sort_order", "pk"))
        district_titles = [
            title for title in titles if title.level in (HonourLevel.DISTRICT, HonourLevel.STREET)
        ]
        higher_titles = [title for title in titles if title not in district_titles]
        films = list(VideoMedia.objects.order_by("pk"))
        form = (
            get_document_model().objects.filter(title__endswith="知情同意书（演示）").order_by("pk").first()
        )
        tags = {name: Tag.objects.get_or_create(name=name)[0] for name in TAGS}

        plan = []
        for model, share in SHARES:
            plan += [model] * share
        by_model, children = {}, Counter()
        honours, families, tagged = [], [], []
        for n in range(already, already + wanted):
            self.rng = random.Random(f"{self.seed}-{n}")
            model = plan[n % len(plan)]
            community = communities[self.rng.randrange(len(communities))]
            place = community.title
            category = self.rng.choice(list(DeedCategory))
            headline, summary, deeds, kind_tags = CATEGORY_STORIES[category]
            year = self.rng.randint(2012, 2025)
            scene = self.rng.choice(scenes) if scenes else None
            page_tags = [*kind_tags, self.rng.choice(TAGS)]
            if model is ProfilePage:
                name = self.person_name()
                occupation = self.rng.choice(OCCUPATIONS)
                fields = self.base_fields(community, model, f"{SLUG_PREFIX}renwu-{n:05d}", name, n)
                page = ProfilePage(
                    **fields,
                    intro=headline,
                    summary=f"{name}，{occupation}。{summary}（演示数据）",
                    occupation=occupation,
                    portrait=self.rng.choice(portraits) if portraits else None,
                    deeds=[
                        {
                            "type": "deed",
                            "value": {"year": year - 6 + 3 * i, "title": deed, "text": ""},
                            "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
                        }
                        for i, deed in enumerate(deeds)
                    ],
                    body=self.paragraphs(
                        self.rng.choice(STORY_OPENINGS).format(name=name, place=place), summary
                    ),
                    year=year,
                    is_demo=True,
                    consent_given_by=f"{name}（演示）",
                    consent_date=datetime.date(2021, 10, 1),
                    consent_scope_name=True,
                    consent_scope_portrait=True,
                    consent_scope_story=True,
                    consent_form=form,
                )
                held = [self.rng.choice(district_titles or titles)]
                if higher_titles and self.rng.random() < 0.3:
                    held.append(self.rng.choice(higher_titles))
                for i, title in enumerate(held):
                    honours.append(
                        (
                            page,
                            ProfileHonour(
                                title=title, category=category, year=min(2025, year + i), sort_order=i
                            ),
                        )
                    )
            elif model is StoryPage:
                name = self.person_name()
                title = f"{place}{name}：{headline}"
                fields = self.base_fields(community, model, f"{SLUG_PREFIX}gushi-{n:05d}", title, n)
                page = StoryPage(
                    **fields,
                    intro=summary,
                    category=category,
                    author=f"{place}新时代文明实践站",
                    source="演示数据",
                    cover_image=scene,
                    body=self.paragraphs(
                        self.rng.choice(STORY_OPENINGS).format(name=name, place=place),
                        summary,
                        f"{name}的主要事迹：{'；'.join(deeds)}。",
                    ),
                    year=year,
                    is_demo=True,
                )
            elif model is VideoPage:
                title = f"微视频《{place}的{headline[:8]}》"
                fields = self.base_fields(community, model, f"{SLUG_PREFIX}shipin-{n:05d}", title, n)
                page = VideoPage(
                    **fields,
                    intro=f"记录{place}身边好人的微视频（演示数据）。",
                    kind=VideoKind.MICRO,
                    video=self.rng.choice(films) if films else None,
                    poster=scene,
                    producer=f"{place}新时代文明实践站",
                    body=self.paragraphs(summary),
                    year=year,
                    is_demo=True,
                )
            elif model is GoodPeopleWallPage:
                form_kind = self.rng.choice(list(WallForm))
                title = f"{place}身边好人{form_kind.label}"
                fields = self.base_fields(
                    community, model, f"{SLUG_PREFIX}haoren-qiang-{n:05d}", f"{title}（{n}）", n
                )
                page = GoodPeopleWallPage(
                    **fields,
                    intro=f"{place}把身边好人的事迹做成{form_kind.label}，供居民驻足阅读。",
                    form=form_kind,
                    location=f"{place}文化广场",
                    opening_info="全天开放",
                    cover_image=scene,
                    gallery=[
                        {
                            "type": "photo",
                            "value": {
                                "image": {
                                    "image": scene.pk,
                                    "alt_text": f"{title}实景（示意图）",
                                    "decorative": False,
                                },
                                "caption": f"{title}实景（演示示意图）",
                            },
                            "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
                        }
                    ]
                    if scene
                    else [],
                    body=self.paragraphs(f"{place}身边好人阵地（演示数据）。"),
                    year=year,
                    is_demo=True,
                )
            else:
                surname = self.rng.choice(SURNAMES)
                title = f"{place}{surname}氏家风家训馆（{n}）"
                fields = self.base_fields(community, model, f"{SLUG_PREFIX}jiafeng-{n:05d}", title, n)
                motto, meaning = self.rng.choice(MOTTOS)
                page = FamilyMottoHallPage(
                    **fields,
                    intro=f"{place}{surname}氏家族传承家风家训的展馆（演示数据）。",
                    level=self.rng.choice(
                        [HonourLevel.MUNICIPAL, HonourLevel.DISTRICT, HonourLevel.DISTRICT]
                    ),
                    location=f"{place}{surname}氏宗祠",
                    opening_info="周二至周日 9:00—17:00",
                    cover_image=scene,
                    mottos=[
                        {
                            "type": "motto",
                            "value": {
                                "family": f"{surname}氏",
                                "motto": motto,
                                "interpretation": meaning,
                                "calligraphy": None,
                            },
                            "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
                        }
                    ],
                    body=self.paragraphs("家庭是社会的基本细胞（演示数据）。"),
                    year=year,
                    is_demo=True,
                )
                for i in range(self.rng.randint(1, 3)):
                    names = f"{self.rng.choice(SURNAMES)}某某家庭"
                    families.append(
                        (
                            page,
                            HonouredFamily(
                                kind=self.rng.choice(list(FamilyHonourKind)),
                                level=HonourLevel.DISTRICT,
                                names=names,
                                year=year,
                                description="家庭和睦、邻里互助（演示数据）。",
                                sort_order=i,
                                consent_given_by=f"{names}（演示）",
                                consent_date=datetime.date(2021, 10, 1),
                                consent_scope_name=True,
                                consent_scope_story=True,
                                consent_form=form,
                            ),
                        )
                    )
            by_model.setdefault(model, []).append(page)
            children[community.pk] += 1
            for name in dict.fromkeys(page_tags):
                if name in tags:
                    tagged.append((page, tags[name]))

        with transaction.atomic():
            for pages in by_model.values():
                counts = Counter(page.path[: -Page.steplen] for page in pages)
                by_path = {community.path: community.pk for community in communities}
                self.insert(pages, {by_path[path]: n for path, n in counts.items()})
            rows = []
            for page, honour in honours:
                honour.profile_id = page.pk
                rows.append(honour)
            ProfileHonour.objects.bulk_create(rows, batch_size=BATCH)
            refresh_top_honours(ProfilePage.objects.filter(slug__startswith=SLUG_PREFIX))
            rows = []
            for page, family in families:
                family.hall_id = page.pk
                rows.append(family)
            HonouredFamily.objects.bulk_create(rows, batch_size=BATCH)
            ExhibitTag.objects.bulk_create(
                [ExhibitTag(content_object_id=page.pk, tag=tag) for page, tag in tagged], batch_size=BATCH
            )
            self.created["荣誉"] += len(honours)
            self.created["荣誉家庭"] += len(families)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        generation.bump()
        return self.created


def grow_demo(exhibits, seed=2021):
    """Add grown exhibits until there are `exhibits` of them; returns {kind: number created}."""
    started = timezone.now()
    created = Grower(seed).run(exhibits)
    created["秒"] = round((timezone.now() - started).total_seconds(), 1)
    return created
