"""A small site with names worth searching for: 浔美社区 in 城东街道, a roll of honour, people."""

from dataclasses import dataclass, field

from wagtail.models import PageViewRestriction

from exhibits.choices import DeedCategory, HonourLevel

from . import factories as f
from .sites import build_honour_titles, build_listings


@dataclass
class Content:
    home: object
    centre: object
    streets: dict = field(default_factory=dict)
    communities: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)
    listings: dict = field(default_factory=dict)


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def publish(page):
    page.save_revision().publish()
    return page


def build_content(home):
    centre = f.DistrictCentrePageFactory(parent=home)
    content = Content(home=home, centre=centre)
    content.streets["chengdong"] = f.StreetPageFactory(
        parent=centre, title="城东街道新时代文明实践所", slug="chengdong"
    )
    content.streets["donghai"] = f.StreetPageFactory(
        parent=centre, title="东海街道新时代文明实践所", slug="donghai"
    )
    content.communities["xunmei"] = f.CommunityPageFactory(
        parent=content.streets["chengdong"], title="浔美社区", slug="xunmei", description="城东街道的社区。"
    )
    content.communities["daitou"] = f.CommunityPageFactory(
        parent=content.streets["donghai"], title="埭头社区", slug="daitou", description="东海街道的社区。"
    )
    content.listings = build_listings(home)
    content.titles = build_honour_titles()
    xunmei, daitou = content.communities["xunmei"], content.communities["daitou"]
    pages = content.pages
    pages["roll"] = f.GoodPeopleWallPageFactory(
        parent=xunmei,
        title="好人好事光荣榜",
        intro="社区居民推选的身边好人。",
        location="美仙山小区中心广场",
        year=2020,
    )
    pages["hall"] = f.FamilyMottoHallPageFactory(
        parent=xunmei,
        title="浔美社区家风家训馆",
        intro="省级家风家训馆。",
        level=HonourLevel.PROVINCIAL,
        location="浔美社区文化中心",
        year=2019,
    )
    pages["chen"] = f.ProfilePageFactory(
        parent=xunmei,
        title="陈秀英",
        intro="三十年照顾瘫痪婆婆。",
        summary="退休教师，孝老爱亲的好儿媳。",
        year=2019,
    )
    f.ProfileHonourFactory(
        profile=pages["chen"],
        title=content.titles["provincial"],
        category=DeedCategory.FILIAL_PIETY,
        year=2019,
    )
    f.ProfileHonourFactory(
        profile=pages["chen"], title=content.titles["national"], category=DeedCategory.FILIAL_PIETY, year=2021
    )
    pages["lin"] = f.ProfilePageFactory(
        parent=daitou,
        title="林志强",
        intro="跳海救起落水儿童。",
        summary="渔民，见义勇为。",
        year=2018,
    )
    f.ProfileHonourFactory(
        profile=pages["lin"], title=content.titles["district"], category=DeedCategory.BRAVERY, year=2018
    )
    pages["story"] = f.StoryPageFactory(
        parent=daitou,
        title="渔村里的故事",
        intro="埭头社区的邻里互助。",
        body=paragraph("老党员讲述如何传承良好家风，家风家训代代相传。陈秀丽和英子是邻居。"),
        year=2021,
    )
    pages["video"] = f.VideoPageFactory(
        parent=centre, title="走过的路", intro="丰泽区文明实践专题片。", producer="实践中心", year=2021
    )
    for page in pages.values():
        publish(page)
    # Not for the public: a draft and a private page with a word nobody else uses.
    pages["draft"] = f.StoryPageFactory(parent=daitou, title="草稿里的秘密故事", live=False)
    pages["private"] = f.StoryPageFactory(parent=daitou, title="内部的秘密故事")
    publish(pages["private"])
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="login")
    return content
