"""A small place tree with exhibits, built from factories, for listing and rendering tests."""

from dataclasses import dataclass, field

from wagtail.models import Page, Site

from exhibits.choices import DeedCategory, HonourLevel
from home.models import HomePage

from . import factories as f


def ensure_home_page():
    """The site's HomePage (made by a data migration; rebuilt if a transactional test flushed it)."""
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="丰泽区新时代文明实践数字展馆", slug="home"))
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@dataclass
class DemoTree:
    home: object
    centre: object
    streets: list = field(default_factory=list)
    communities: list = field(default_factory=list)
    listings: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)


def build_tree(home, streets=2, communities_per_street=2):
    """Centre → streets → communities, and the five listing pages under home."""
    tree = DemoTree(home=home, centre=f.DistrictCentrePageFactory(parent=home))
    for s in range(streets):
        street = f.StreetPageFactory(parent=tree.centre, title=f"街道{s}", slug=f"jiedao-{s}")
        tree.streets.append(street)
        for c in range(communities_per_street):
            tree.communities.append(
                f.CommunityPageFactory(parent=street, title=f"社区{s}-{c}", slug=f"shequ-{s}-{c}")
            )
    tree.listings = build_listings(home)
    tree.titles = build_honour_titles()
    return tree


def build_listings(home):
    """The five listing pages under home, by kind."""
    return {
        "profile": f.ProfileIndexPageFactory(parent=home),
        "wall": f.WallIndexPageFactory(parent=home),
        "hall": f.HallIndexPageFactory(parent=home),
        "video": f.VideoIndexPageFactory(parent=home),
        "story": f.StoryIndexPageFactory(parent=home),
    }


def build_honour_titles():
    """A national, a provincial and a district honour title."""
    return {
        "national": f.HonourTitleFactory(
            name="中国好人榜", slug="zhongguo-haoren", level=HonourLevel.NATIONAL
        ),
        "provincial": f.HonourTitleFactory(
            name="福建省道德模范", slug="fujian-daode-mofan", level=HonourLevel.PROVINCIAL
        ),
        "district": f.HonourTitleFactory(name="丰泽区道德模范", slug="fengze-daode-mofan"),
    }


def add_exhibits(tree, per_community=1, with_images=True):
    """`per_community` exhibits of every kind in every community, with honours, tags and images."""
    categories = list(DeedCategory)
    created = []
    for c_index, community in enumerate(tree.communities):
        for n in range(per_community):
            image = f.SiteImageFactory() if with_images else None
            profile = f.ProfilePageFactory(parent=community, portrait=image, cover_image=image)
            f.ProfileHonourFactory(
                profile=profile,
                title=tree.titles["district"],
                category=categories[(c_index + n) % len(categories)],
                year=2018 + n % 3,
            )
            profile.tags.add("志愿服务")
            profile.save_revision().publish()
            created += [
                profile,
                f.GoodPeopleWallPageFactory(parent=community, cover_image=image, year=2020),
                f.FamilyMottoHallPageFactory(parent=community, cover_image=image, year=2021),
                f.StoryPageFactory(parent=community, cover_image=image, year=2019),
                f.VideoPageFactory(parent=community, poster=image, year=2021),
            ]
    return created
