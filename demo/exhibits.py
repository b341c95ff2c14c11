"""The exhibits the seed article names, with what it says of them.

Where the article gives a fact it is used as written; opening hours, mottos and honoured
families are demo data, and pages that contain any are flagged `is_demo`.
"""

from exhibits.choices import DeedCategory, FamilyHonourKind, HonourLevel, HonourRollKind, WallForm

HONOUR_TITLES = [
    # name, slug, level, roll, awarding body, shown on the home page
    ("中国好人榜", "zhongguo-haoren", HonourLevel.NATIONAL, HonourRollKind.GOOD_PEOPLE, "中央文明办", True),
    (
        "福建省道德模范",
        "fujian-daode-mofan",
        HonourLevel.PROVINCIAL,
        HonourRollKind.MORAL_MODEL,
        "福建省文明委",
        True,
    ),
    ("福建好人榜", "fujian-haoren", HonourLevel.PROVINCIAL, HonourRollKind.GOOD_PEOPLE, "福建省文明办", True),
    (
        "泉州市道德模范",
        "quanzhou-daode-mofan",
        HonourLevel.MUNICIPAL,
        HonourRollKind.MORAL_MODEL,
        "泉州市文明委",
        True,
    ),
    (
        "丰泽区道德模范",
        "fengze-daode-mofan",
        HonourLevel.DISTRICT,
        HonourRollKind.MORAL_MODEL,
        "丰泽区文明委",
        True,
    ),
    (
        "福建省学雷锋优秀志愿者",
        "fujian-xueleifeng-zhiyuanzhe",
        HonourLevel.PROVINCIAL,
        HonourRollKind.VOLUNTEER,
        "",  # the seed names no awarding body for the volunteers' honours
        False,
    ),
    (
        "福建省五星志愿者",
        "fujian-wuxing-zhiyuanzhe",
        HonourLevel.PROVINCIAL,
        HonourRollKind.VOLUNTEER,
        "",
        False,
    ),
]

# The honour roll as the seed gives it (截至2021年10月): people per title.
SEED_HONOUR_FIGURES = {
    "福建省道德模范": 1,
    "泉州市道德模范": 14,
    "丰泽区道德模范": 65,
    "中国好人榜": 4,
    "福建好人榜": 17,
}

HALLS = [
    {
        "title": "浔美社区家风家训馆",
        "slug": "jiafeng-jiaxun-guan",
        "community": "xunmei",
        "level": HonourLevel.PROVINCIAL,
        "location": "城东街道浔美社区",
        "opening_info": "周二至周日 9:00—17:00（演示数据）",
        "intro": "省级家风家训馆。开展“传家训、立家规、扬家风”活动，以家风涵养社风。",
        "year": 2021,
        "mottos": [
            ("浔美陈氏", "耕读传家，忠厚继世。", "勤于耕作以立身，勤于读书以明理；待人忠厚，方能家业绵延。"),
            ("浔美林氏", "孝悌为先，诚信为本。", "孝敬父母、友爱兄弟是立身之始，诚实守信是处世之基。"),
            ("浔美黄氏", "勤俭持家，和睦邻里。", "居家勤劳节俭，与邻里守望相助。"),
        ],
        # kind, level, count: the province's one 文明家庭 and half of the district's pairs.
        "families": [
            (FamilyHonourKind.CIVILISED_FAMILY, HonourLevel.PROVINCIAL, 1),
            (FamilyHonourKind.CIVILISED_FAMILY, HonourLevel.MUNICIPAL, 3),
            (FamilyHonourKind.MOTHER_DAUGHTER_IN_LAW, HonourLevel.DISTRICT, 5),
            (FamilyHonourKind.SISTERS_IN_LAW, HonourLevel.DISTRICT, 5),
            (FamilyHonourKind.NEIGHBOURS, HonourLevel.DISTRICT, 5),
        ],
    },
    {
        "title": "城东社区家风家训馆",
        "slug": "jiafeng-jiaxun-guan",
        "community": "chengdong",
        "level": HonourLevel.MUNICIPAL,
        "location": "华大街道城东社区",
        "opening_info": "周一至周五 8:30—17:30（演示数据）",
        "intro": "市级家风家训馆。广泛开展“文明家庭”和“好婆媳、好妯娌、好邻居”评选。",
        "year": 2021,
        "mottos": [
            ("城东王氏", "读书明理，清白做人。", "读书为了明白事理，做人要清清白白。"),
            ("城东吴氏", "敬老爱幼，邻里相亲。", "尊敬长辈、关爱孩子，与邻里像亲人一样相处。"),
        ],
        "families": [
            (FamilyHonourKind.CIVILISED_FAMILY, HonourLevel.MUNICIPAL, 3),
            (FamilyHonourKind.MOTHER_DAUGHTER_IN_LAW, HonourLevel.DISTRICT, 5),
            (FamilyHonourKind.SISTERS_IN_LAW, HonourLevel.DISTRICT, 5),
            (FamilyHonourKind.NEIGHBOURS, HonourLevel.DISTRICT, 5),
        ],
    },
]

WALLS = [
    {
        "title": "向善园",
        "slug": "xiangshan-yuan",
        "community": "fengze",
        "form": WallForm.GARDEN,
        "location": "丰泽社区",
        "intro": "丰泽社区建设的身边好人宣传阵地，以园林小景展示社区好人好事。",
        "people": 6,
    },
    {
        "title": "抗倭卫乡史迹碑",
        "slug": "kangwo-weixiang-shijibei",
        "community": "chengdong",
        "form": WallForm.STELE,
        "location": "城东社区主题小公园",
        "intro": "城东社区以立碑形式纪念先人抗倭卫乡的事迹，传承家国情怀。",
        "people": 0,
    },
    {
        "title": "身边故事文化长廊",
        "slug": "shenbian-gushi-changlang",
        "community": "chengdong",
        "form": WallForm.CORRIDOR,
        "location": "城东社区主题小公园",
        "intro": "“身边故事 共同铭记”：以展板讲述城东社区身边好人的故事。",
        "people": 5,
    },
    {
        "title": "好人文化小广场",
        "slug": "haoren-wenhua-xiaoguangchang",
        "community": "xunmei",
        "form": WallForm.GARDEN,
        "location": "浔美社区美仙山小区内",
        "intro": "浔美社区在美仙山小区内建设的好人文化小广场，居民茶余饭后即可见贤思齐。",
        "people": 6,
    },
    {
        "title": "好人墙",
        "slug": "haoren-qiang",
        "community": "yuanhuai",
        "form": WallForm.WALL,
        "location": "源淮社区",
        "intro": "源淮社区的好人墙，以插画和展板展示身边好人。",
        "people": 8,
    },
    {
        "title": "身边好人文化墙",
        "slug": "shenbian-haoren-wenhuaqiang",
        "community": "huafeng",
        "form": WallForm.WALL,
        "location": "华丰社区",
        "intro": "华丰社区的身边好人文化墙，让好人好事看得见、学得到。",
        "people": 6,
    },
]

FILMS = [
    {
        "title": "走过的路",
        "slug": "zouguo-de-lu",
        "kind": "feature",
        "intro": "丰泽区拍摄的党史学习教育专题片。",
        "year": 2021,
    },
    {
        "title": "百年脚印",
        "slug": "bainian-jiaoyin",
        "kind": "feature",
        "intro": "丰泽区拍摄的党史学习教育专题片。",
        "year": 2021,
    },
    {
        "title": "百年薪火",
        "slug": "bainian-xinhuo",
        "kind": "feature",
        "intro": "丰泽区拍摄的党史学习教育专题片。",
        "year": 2021,
    },
    {
        "title": "我想对党说",
        "slug": "wo-xiang-dui-dang-shuo",
        "kind": "micro",
        "intro": "“我想对党说”主题微视频，曾在抖音、视频号等平台展播。",
        "year": 2021,
    },
    {
        "title": "百年心向党 启航新征程",
        "slug": "bainian-xin-xiang-dang",
        "kind": "micro",
        "intro": "“百年心向党 启航新征程”主题微视频，曾在抖音、视频号等平台展播。",
        "year": 2021,
    },
]

STORIES = [
    {
        "title": "厝边党史小课堂",
        "slug": "cuobian-dangshi-xiaoketang",
        "community": "shenghu",
        "category": "",
        "year": 2021,
        "intro": "圣湖社区把党史课堂搬到厝前屋后，吸引社区近千人次听讲。",
        "paragraphs": [
            "圣湖社区新时代文明实践站充分发挥群众力量，开设“厝边党史小课堂”。",
            "社区邀请老干部为群众开讲微党课8期，邀请16名老党员讲述地方党史故事、红色人物事迹、红色经典小说等，吸引社区近千人次听讲。",
        ],
        "tags": ["党史学习", "理论宣讲"],
    },
    {
        "title": "坚守动车站179天的真诚公益团队",
        "slug": "zhencheng-gongyi-tuandui",
        "community": None,
        "category": DeedCategory.HELPING_OTHERS,
        "year": 2021,
        "intro": "2020年疫情以来，真诚公益团队连续坚守动车站协助疫情防控179天。",
        "paragraphs": [
            "2020年疫情以来，丰泽区组织约500个志愿服务团队近2万名志愿者，参与防控疫情志愿服务约10万人次。",
            "其中，真诚公益团队连续坚守动车站协助疫情防控179天，在方舱医院协助做好疫苗接种服务97天。",
        ],
        "tags": ["志愿服务", "疫情防控"],
    },
    {
        "title": "心理关怀志愿服务队的成长",
        "slug": "xinli-guanhuai-zhiyuan-fuwudui",
        "community": None,
        "category": DeedCategory.DEDICATION,
        "year": 2021,
        "intro": "从丰泽区心理关怀志愿服务队到泉州市刺桐花志愿者协会，受益居民达5万多人次。",
        "paragraphs": [
            "丰泽区成立心理关怀志愿服务队，现已发展壮大为泉州市刺桐花志愿者协会，培育骨干15名，队员85人。",
            "队伍累计走进20多所学校、30多个社区及单位，承办大型心理活动50场、公益讲座250多场，心理咨询10000人次以上，受益居民达5万多人次。",
            "泉州市刺桐花志愿者协会获评全国学雷锋志愿服务“四个100”最佳志愿服务组织、福建省百家优秀志愿服务组织。",
        ],
        "tags": ["志愿服务", "心理关怀"],
    },
    {
        "title": "少林社区：全国学雷锋志愿服务联络工作示范站",
        "slug": "shaolin-xueleifeng-shifanzhan",
        "community": "shaolin",
        "category": DeedCategory.HELPING_OTHERS,
        "year": 2021,
        "intro": "少林社区获评全国“学雷锋志愿服务联络工作示范站”。",
        "paragraphs": [
            "丰泽区有2个社区获评全国“学雷锋志愿服务联络工作示范站”，少林社区是其中之一。",
        ],
        "tags": ["学雷锋", "志愿服务"],
    },
    {
        "title": "埭头社区：全国学雷锋志愿服务联络工作示范站",
        "slug": "daitou-xueleifeng-shifanzhan",
        "community": "daitou",
        "category": DeedCategory.HELPING_OTHERS,
        "year": 2021,
        "intro": "埭头社区获评全国“学雷锋志愿服务联络工作示范站”。",
        "paragraphs": [
            "丰泽区有2个社区获评全国“学雷锋志愿服务联络工作示范站”，埭头社区是其中之一。",
        ],
        "tags": ["学雷锋", "志愿服务"],
    },
    {
        "title": "东美社区：福建省最佳志愿服务社区",
        "slug": "dongmei-zuijia-zhiyuan-shequ",
        "community": "dongmei",
        "category": DeedCategory.HELPING_OTHERS,
        "year": 2021,
        "intro": "东美社区获评福建省最佳志愿服务社区。",
        "paragraphs": ["东美社区获评福建省最佳志愿服务社区。"],
        "tags": ["志愿服务"],
    },
    {
        "title": "“暑期乐园”与“雨后阳光”",
        "slug": "shuqi-leyuan-yuhou-yangguang",
        "community": None,
        "category": DeedCategory.HELPING_OTHERS,
        "year": 2021,
        "intro": "两个项目获评省学雷锋志愿服务“四个最美”最佳志愿服务项目。",
        "paragraphs": [
            "“暑期乐园”“雨后阳光”获评省学雷锋志愿服务“四个最美”最佳志愿服务项目，丰泽社区获评最美志愿服务社区。",
        ],
        "tags": ["志愿服务", "学雷锋"],
    },
]

# People the seed names, with what it says of them and nothing more (截至2021年10月): 李美计 is
# the district's one 省“学雷锋优秀志愿者”, 周月芬 and 林文俊 its two 省五星志愿者. The seed gives
# no community, deed, age or picture for them, so they hang under the district centre, show a
# name seal instead of a portrait, and their pages tell the district's volunteer work they were
# honoured in, never deeds of their own.
SOURCE = "资料来源：文明风2021年10月21日讯（通讯员张秋莲），中共丰泽区委文明办供稿。"
VOLUNTEERING = (
    "丰泽区统筹全区各类服务团队开展志愿服务：2020年疫情以来，约500个志愿服务团队近2万名志愿者"
    "参与防控疫情志愿服务约10万人次；2021年以来累计开展活动近4000场，参与志愿者约5万人次。"
)
HONOUR_LIST = (
    "在这份通报的志愿服务荣誉名单中，丰泽区获评省“学雷锋优秀志愿者”1人（李美计）、"
    "获评省五星志愿者2人（周月芬、林文俊）；泉州市刺桐花志愿者协会获评全国学雷锋志愿服务"
    "“四个100”最佳志愿服务组织，少林社区、埭头社区获评全国“学雷锋志愿服务联络工作示范站”。"
)
AS_REPORTED = "截至2021年10月"

NAMED_PEOPLE = [
    {
        "name": "李美计",
        "slug": "li-meiji",
        "honours": [("福建省学雷锋优秀志愿者", DeedCategory.HELPING_OTHERS, 2021, AS_REPORTED)],
        "occupation": "志愿者",
        "intro": "丰泽区唯一一位福建省“学雷锋优秀志愿者”。",
        "summary": "李美计是丰泽区的志愿者。截至2021年10月，全区获评福建省“学雷锋优秀志愿者”的只有1人，就是李美计。",
        "body": [VOLUNTEERING, HONOUR_LIST, SOURCE],
    },
    {
        "name": "周月芬",
        "slug": "zhou-yuefen",
        "honours": [("福建省五星志愿者", DeedCategory.HELPING_OTHERS, 2021, AS_REPORTED)],
        "occupation": "志愿者",
        "intro": "丰泽区两位福建省五星志愿者之一。",
        "summary": "周月芬是丰泽区的志愿者。截至2021年10月，全区获评福建省五星志愿者的有2人：周月芬和林文俊。",
        "body": [VOLUNTEERING, HONOUR_LIST, SOURCE],
    },
    {
        "name": "林文俊",
        "slug": "lin-wenjun",
        "honours": [("福建省五星志愿者", DeedCategory.HELPING_OTHERS, 2021, AS_REPORTED)],
        "occupation": "志愿者",
        "intro": "丰泽区两位福建省五星志愿者之一。",
        "summary": "林文俊是丰泽区的志愿者。截至2021年10月，全区获评福建省五星志愿者的有2人：周月芬和林文俊。",
        "body": [VOLUNTEERING, HONOUR_LIST, SOURCE],
    },
]
