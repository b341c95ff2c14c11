"""Fictional people who make up the honour roll the seed reports in numbers.

The seed gives the counts (1 provincial, 14 municipal and 65 district moral models; 4 on
中国好人榜, 17 on 福建好人榜) but no names, so the people here are invented, deterministic, and
every one of their pages is flagged as demo data. As in real rolls, one person can hold several
honours: the 14 municipal models are among the 65 district ones, the provincial model among the
14, and the 4 on 中国好人榜 among the 17 on 福建好人榜.
"""

from dataclasses import dataclass, field

from core.slugs import slug_from_title
from exhibits.choices import DeedCategory

SURNAMES = "陈林黄王李吴蔡张郑刘许洪庄苏施曾杨谢柯傅"
GIVEN = [
    "秀英",
    "志强",
    "美玲",
    "建华",
    "丽娟",
    "国平",
    "淑贞",
    "文斌",
    "雅琴",
    "明辉",
    "惠珍",
    "永福",
    "春燕",
    "清泉",
    "玉兰",
    "少华",
    "婉婷",
    "金水",
    "碧霞",
    "振东",
    "月娥",
    "德胜",
    "素琴",
    "荣华",
    "宝珠",
    "海峰",
    "桂香",
    "天佑",
    "丽华",
    "瑞芳",
]

OCCUPATIONS = [
    "退休教师",
    "社区网格员",
    "出租车司机",
    "环卫工人",
    "乡村医生",
    "个体工商户",
    "社区志愿者",
    "公交车驾驶员",
    "退役军人",
    "企业职工",
    "家庭主妇",
    "外卖骑手",
]

COMMUNITIES = [
    "xunmei",
    "chengdong",
    "fengze",
    "shenghu",
    "yuanhuai",
    "huafeng",
    "shaolin",
    "daitou",
    "dongmei",
]

CATEGORY_STORIES = {
    DeedCategory.HELPING_OTHERS: (
        "十余年如一日帮扶社区困难群众",
        "长期参与社区志愿服务，为独居老人送餐、理发、代办事务，带动身边居民加入志愿队伍。",
        ["组建邻里互助小组", "为独居老人上门服务", "带动居民参与志愿服务"],
        ["志愿服务", "邻里互助"],
    ),
    DeedCategory.BRAVERY: (
        "危急时刻挺身而出救助落水群众",
        "面对突发险情，不顾个人安危施救，事后婉拒答谢，只说“换了谁都会这么做”。",
        ["跳入河中救起落水儿童", "协助疏散火灾现场群众", "配合民警制止违法行为"],
        ["见义勇为"],
    ),
    DeedCategory.INTEGRITY: (
        "拾金不昧、诚信经营赢得街坊信任",
        "经营小店多年坚持明码实价，多次归还顾客遗失的财物，被街坊称为“诚信老板”。",
        ["归还顾客遗失的现金和证件", "坚持明码实价、诚信经营", "主动为顾客退还多付款项"],
        ["诚实守信"],
    ),
    DeedCategory.DEDICATION: (
        "扎根基层岗位默默奉献",
        "在平凡岗位上兢兢业业，多次获得单位表彰，疫情期间主动请缨坚守一线。",
        ["坚守岗位二十年", "疫情期间主动请缨坚守一线", "带徒传艺培养新人"],
        ["敬业奉献"],
    ),
    DeedCategory.FILIAL_PIETY: (
        "悉心照料卧病在床的老人",
        "多年悉心照顾卧病在床的长辈，端茶喂饭、擦身翻身从无怨言，家庭和睦，邻里称赞。",
        ["照顾瘫痪在床的婆婆", "把孤寡老人接到家中照料", "操持家务、教育子女"],
        ["孝老爱亲", "家风家训"],
    ),
}

# The story as a page tells it, in other words than the summary (so the body never repeats it).
CATEGORY_BODIES = {
    DeedCategory.HELPING_OTHERS: (
        "每逢周末，{name}总会和志愿者们一起走进小区，帮老人量血压、修小家电、读报纸。"
        "{name}常说：“能帮就帮一把，大家都是邻居。”"
    ),
    DeedCategory.BRAVERY: (
        "事发当天，{name}听到呼救声，第一时间冲上前去。人救上来后，{name}悄悄离开，"
        "直到被救者的家属多方打听，这件事才在街坊间传开。"
    ),
    DeedCategory.INTEGRITY: (
        "街坊们说，在{name}这里买东西不用看秤。多年来，{name}把顾客落下的钱包、手机一一交还失主，"
        "还常提醒年轻人：“做生意，先做人。”"
    ),
    DeedCategory.DEDICATION: (
        "“岗位虽小，责任不小。”这是{name}的口头禅。多年来，{name}带出了一批年轻同事，也赢得了居民的信任。"
    ),
    DeedCategory.FILIAL_PIETY: (
        "十几年来，{name}每天清晨为老人擦身、喂饭、按摩，从未间断。在{name}的带动下，"
        "一家人和和睦睦，成了邻里学习的榜样。"
    ),
}

CATEGORIES = list(DeedCategory)


@dataclass
class DemoPerson:
    name: str
    slug: str
    community: str
    category: DeedCategory
    occupation: str
    honours: list = field(default_factory=list)  # (title name, category, year)

    @property
    def story(self):
        return CATEGORY_STORIES[self.category]

    @property
    def body(self):
        return CATEGORY_BODIES[self.category].format(name=self.name)


def _name(index):
    surname = SURNAMES[index % len(SURNAMES)]
    given = GIVEN[(index * 7) % len(GIVEN)]
    return surname + given


def fictional_people():
    """70 people holding exactly the honours the seed counts."""
    people = []
    names = set()
    for index in range(70):
        name = _name(index)
        while name in names:  # the name pool wraps round; keep every name unique
            name = name[0] + GIVEN[(GIVEN.index(name[1:]) + 1) % len(GIVEN)]
        names.add(name)
        category = CATEGORIES[index % len(CATEGORIES)]
        people.append(
            DemoPerson(
                name=name,
                slug=slug_from_title(name),
                community=COMMUNITIES[index % len(COMMUNITIES)],
                category=category,
                occupation=OCCUPATIONS[index % len(OCCUPATIONS)],
            )
        )

    for index, person in enumerate(people[:65]):
        district_year = 2014 + index % 7
        person.honours.append(("丰泽区道德模范", person.category, district_year))
        if index < 14:
            person.honours.append(("泉州市道德模范", person.category, district_year + 1))
        if index == 0:
            person.honours.append(("福建省道德模范", person.category, district_year + 3))
    good_people = list(range(10, 22)) + list(range(65, 70))  # 17 on 福建好人榜
    for index in good_people:
        year = 2016 + index % 5
        people[index].honours.append(("福建好人榜", people[index].category, year))
        if index in (10, 11, 65, 66):  # 4 of them also on 中国好人榜
            people[index].honours.append(("中国好人榜", people[index].category, year + 1))
    return people
