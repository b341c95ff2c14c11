"""The district's places as the seed article gives them.

The seed names the streets 城东 and 华大 and the communities below; it places 浔美 in 城东街道
and 城东社区 in 华大街道. Which street each other community belongs to is not in the seed: those
assignments are demo data, spread so that every street has at least one community.
"""

DISTRICT_CENTRE = {
    "title": "丰泽区新时代文明实践中心",
    "slug": "zhongxin",
    "description": "全区建成1个中心、8个街道实践所、80个社区实践站，中心、所、站主任由同级党委主要领导担任。",
    "body": (
        "<p>丰泽区坚持边实践边探索，积极探索文明实践与社会治理“双向提升”建设路径，"
        "形成“中心吹哨、部门动员、各方参与”的工作格局。</p>"
        "<p>区行政服务中心、文化馆、图书馆等设立新时代文明实践点，"
        "拟在省级文明校园、物业小区、公共场所设立15个实践点。</p>"
    ),
}

# Practice points directly under the district centre (seed: 区行政服务中心、文化馆、图书馆).
DISTRICT_POINTS = [
    ("区行政服务中心新时代文明实践点", "xingzheng-fuwu-zhongxin"),
    ("区文化馆新时代文明实践点", "wenhuaguan"),
    ("区图书馆新时代文明实践点", "tushuguan"),
]

# (street title, slug, [(community title, slug, description)])
STREETS = [
    (
        "东湖街道",
        "donghu",
        [("东美社区", "dongmei", "获评福建省最佳志愿服务社区。")],
    ),
    (
        "丰泽街道",
        "fengze",
        [
            ("丰泽社区", "fengze", "建设“向善园”，获评省学雷锋志愿服务“四个最美”最美志愿服务社区。"),
            ("圣湖社区", "shenghu", "开设“厝边党史小课堂”，吸引社区近千人次听讲。"),
        ],
    ),
    (
        "泉秀街道",
        "quanxiu",
        [("源淮社区", "yuanhuai", "建设“好人墙”，展示身边好人好事。")],
    ),
    (
        "清源街道",
        "qingyuan",
        [("少林社区", "shaolin", "获评全国“学雷锋志愿服务联络工作示范站”。")],
    ),
    (
        "华大街道",
        "huada",
        [("城东社区", "chengdong", "建有市级家风家训馆、“抗倭卫乡史迹碑”和“身边故事文化长廊”主题小公园。")],
    ),
    (
        "城东街道",
        "chengdong",
        [("浔美社区", "xunmei", "建有省级家风家训馆，在美仙山小区内建设“好人文化小广场”。")],
    ),
    (
        "东海街道",
        "donghai",
        [("埭头社区", "daitou", "获评全国“学雷锋志愿服务联络工作示范站”。")],
    ),
    (
        "北峰街道",
        "beifeng",
        [("华丰社区", "huafeng", "建设“身边好人文化墙”。")],
    ),
]


def street_title(name):
    return f"{name}新时代文明实践所"


def community_title(name):
    return f"{name}新时代文明实践站"
