"""The listing pages: every filter and combination returns exactly the right exhibits, with counts."""

import re
from urllib.parse import urlencode

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from exhibits.choices import DeedCategory as C
from exhibits.choices import HonourLevel as L

from . import factories as f
from .sites import build_tree


def honour(profile, title, category, year):
    f.ProfileHonourFactory(profile=profile, title=title, category=category, year=year)


@pytest.fixture
def roll(home_page):
    """Six live people across two streets, one draft, with honours chosen to test each facet."""
    tree = build_tree(home_page)
    s1 = tree.streets[1]
    c00, c01, c10, c11 = tree.communities
    nat, prov, dist = tree.titles["national"], tree.titles["provincial"], tree.titles["district"]
    people = {}

    def person(name, parent, honours, tags=(), live=True):
        page = f.ProfilePageFactory(parent=parent, title=name, slug=name.lower(), live=live)
        for title, category, year in honours:
            honour(page, title, category, year)
        if tags:
            page.tags.add(*tags)
            page.save()
        people[name] = page
        return page

    person("P1", c00, [(dist, C.HELPING_OTHERS, 2018), (prov, C.HELPING_OTHERS, 2020)], ["志愿服务"])
    person("P2", c01, [(dist, C.BRAVERY, 2019)], ["见义勇为"])
    person("P3", c10, [(nat, C.FILIAL_PIETY, 2020)], ["孝老爱亲", "志愿服务"])
    person("P4", c11, [(prov, C.INTEGRITY, 2019), (dist, C.HELPING_OTHERS, 2020)])
    person("P5", s1, [(dist, C.DEDICATION, 2020)])
    person("P6", tree.centre, [])
    person("P7", c00, [(nat, C.BRAVERY, 2020)], ["志愿服务"], live=False)
    tree.people = people
    return tree


def get_listing(client, page, /, **params):
    response = client.get(page.url + ("?" + urlencode(params) if params else ""))
    assert response.status_code == 200
    return response


def titles(response):
    return [page.title for page in response.context["page_obj"].object_list]


def counts(response, param):
    for group in response.context["listing"].groups:
        if group["facet"].param == param:
            return {option.label: option.count for option in group["options"]}
    return {}


@pytest.mark.django_db
class TestProfileListing:
    def test_all_live_people_highest_honour_first(self, client, roll):
        response = get_listing(client, roll.listings["profile"])
        result = titles(response)
        assert sorted(result) == ["P1", "P2", "P3", "P4", "P5", "P6"]
        assert result[0] == "P3"  # national
        assert set(result[1:3]) == {"P1", "P4"}  # provincial
        assert set(result[3:5]) == {"P2", "P5"}  # district
        assert result[5] == "P6"  # no honour
        assert response.context["paginator"].count == 6

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"street": 0}, {"P1", "P2"}),
            ({"street": 1}, {"P3", "P4", "P5"}),
            ({"community": 0}, {"P1"}),
            ({"community": 3}, {"P4"}),
            ({"level": "provincial"}, {"P1", "P4"}),
            ({"level": "district"}, {"P1", "P2", "P4", "P5"}),
            ({"level": "national"}, {"P3"}),
            ({"category": "helping"}, {"P1", "P4"}),
            ({"year": 2020}, {"P1", "P3", "P4", "P5"}),
            ({"honour": "fujian-daode-mofan"}, {"P1", "P4"}),
            ({"tag": "志愿服务"}, {"P1", "P3"}),
            # Honour filters match the same honour: P4's provincial honour is from 2019.
            ({"level": "provincial", "year": 2020}, {"P1"}),
            ({"level": "provincial", "category": "integrity"}, {"P4"}),
            ({"level": "district", "category": "helping"}, {"P1", "P4"}),
            ({"level": "district", "year": 2018, "category": "helping"}, {"P1"}),
            ({"street": 1, "level": "district"}, {"P4", "P5"}),
            ({"street": 0, "tag": "志愿服务"}, {"P1"}),
            ({"street": 1, "community": 2}, {"P3"}),
            ({"street": 0, "community": 2}, set()),
            ({"level": "national", "year": 2019}, set()),
        ],
    )
    def test_filters_and_combinations(self, client, roll, params, expected):
        resolved = dict(params)
        if "street" in resolved:
            resolved["street"] = roll.streets[resolved["street"]].pk
        if "community" in resolved:
            resolved["community"] = roll.communities[resolved["community"]].pk
        response = get_listing(client, roll.listings["profile"], **resolved)
        assert set(titles(response)) == expected
        assert response.context["paginator"].count == len(expected)

    def test_counts_without_filters(self, client, roll):
        response = get_listing(client, roll.listings["profile"])
        assert counts(response, "street") == {"街道0": 2, "街道1": 3}
        assert counts(response, "community") == {"社区0-0": 1, "社区0-1": 1, "社区1-0": 1, "社区1-1": 1}
        assert counts(response, "level") == {"国家级": 1, "省级": 2, "区级": 4}
        assert counts(response, "category") == {
            "助人为乐": 2,
            "见义勇为": 1,
            "诚实守信": 1,
            "孝老爱亲": 1,
            "敬业奉献": 1,
        }
        assert counts(response, "year") == {"2020年": 4, "2019年": 2, "2018年": 1}
        assert counts(response, "honour") == {"中国好人榜": 1, "福建省道德模范": 2, "丰泽区道德模范": 4}
        assert counts(response, "tag") == {"志愿服务": 2, "见义勇为": 1, "孝老爱亲": 1}

    def test_each_count_is_what_clicking_it_shows(self, client, roll):
        base = {"level": "provincial"}
        response = get_listing(client, roll.listings["profile"], **base)
        assert counts(response, "year") == {"2020年": 1, "2019年": 1}
        assert counts(response, "street") == {"街道0": 1, "街道1": 1}
        # The level facet itself counts as if it were not applied, so other levels stay reachable.
        assert counts(response, "level") == {"国家级": 1, "省级": 2, "区级": 4}
        for group in response.context["listing"].groups:
            for option in group["options"]:
                clicked = client.get(roll.listings["profile"].url + option.url)
                expected = option.count if not option.selected else response.context["paginator"].count
                if option.selected:
                    # Clicking a selected option removes it.
                    continue
                assert clicked.context["paginator"].count == expected, (group["facet"].param, option)

    @pytest.mark.parametrize(
        "base",
        [{"level": "district", "year": "2020"}, {"honour": "fujian-daode-mofan", "category": "helping"}],
    )
    def test_with_two_filters_each_count_is_what_clicking_it_shows(self, client, roll, base):
        # Two honour filters: each honour facet counts under the other's condition alone.
        response = get_listing(client, roll.listings["profile"], **base)
        for group in response.context["listing"].groups:
            for option in group["options"]:
                if not option.selected:
                    clicked = client.get(roll.listings["profile"].url + option.url)
                    assert clicked.context["paginator"].count == option.count, (group["facet"].param, option)

    def test_options_link_to_shareable_urls(self, client, roll):
        response = get_listing(client, roll.listings["profile"], level="provincial")
        years = next(g for g in response.context["listing"].groups if g["facet"].param == "year")
        assert {o.url for o in years["options"]} == {
            "?level=provincial&year=2020",
            "?level=provincial&year=2019",
        }
        level = next(g for g in response.context["listing"].groups if g["facet"].param == "level")
        selected = next(o for o in level["options"] if o.selected)
        assert selected.url == "?"
        assert response.context["listing"].active_filters[0]["label"] == "省级"

    def test_draft_people_are_never_listed_or_counted(self, client, roll):
        response = get_listing(client, roll.listings["profile"], level="national")
        assert titles(response) == ["P3"]
        assert "P7" not in response.content.decode()

    @pytest.mark.parametrize(
        "params",
        [
            {"street": "abc"},
            {"street": "999999"},
            {"community": "-1"},
            {"level": "galactic"},
            {"category": "<script>"},
            {"year": "二〇二〇"},
            {"year": "99999999999999999999999"},
            {"page": "abc"},
            {"page": "-5"},
            {"page": "10000"},
        ],
    )
    def test_bad_parameters_are_ignored_with_a_message(self, client, roll, params):
        response = get_listing(client, roll.listings["profile"], **params)
        assert response.context["paginator"].count == 6
        if "page" not in params:
            assert "以下筛选条件无效，已忽略" in response.content.decode()
        assert "<script>" not in response.content.decode().split("<main", 1)[1]

    def test_community_options_follow_the_street(self, client, roll):
        response = get_listing(client, roll.listings["profile"], street=roll.streets[0].pk)
        assert counts(response, "community") == {"社区0-0": 1, "社区0-1": 1}


@pytest.mark.django_db
def test_pagination_twelve_a_page(client, home_page):
    tree = build_tree(home_page, streets=1, communities_per_street=1)
    for n in range(13):
        f.StoryPageFactory(parent=tree.communities[0], title=f"故事{n:02d}", slug=f"gushi-{n}")
    listing = tree.listings["story"]
    first = get_listing(client, listing)
    assert len(titles(first)) == 12
    second = get_listing(client, listing, page=2)
    assert len(titles(second)) == 1
    assert set(titles(first)) | set(titles(second)) == {f"故事{n:02d}" for n in range(13)}
    assert 'href="?page=2"' in first.content.decode()
    filtered = get_listing(client, listing, category="helping", page=2)
    assert 'href="?category=helping&amp;page=1"' in filtered.content.decode()


@pytest.mark.django_db
def test_other_kinds_filter_on_their_own_fields(client, home_page):
    tree = build_tree(home_page)
    c00, c01, c10, _ = tree.communities
    f.GoodPeopleWallPageFactory(parent=c00, title="墙A", form="wall", year=2020)
    f.GoodPeopleWallPageFactory(parent=c10, title="碑B", form="stele", year=2021)
    f.FamilyMottoHallPageFactory(parent=c00, title="馆A", level=L.PROVINCIAL)
    f.FamilyMottoHallPageFactory(parent=c01, title="馆B", level=L.MUNICIPAL)
    f.VideoPageFactory(parent=tree.centre, title="片A", kind="feature")
    f.VideoPageFactory(parent=c10, title="片B", kind="micro")
    f.StoryPageFactory(parent=c00, title="事A", category=C.BRAVERY)
    f.StoryPageFactory(parent=c01, title="事B", category=C.FILIAL_PIETY)

    cases = [
        ("wall", {"form": "stele"}, {"碑B"}, "form", {"文化墙": 1, "石碑": 1}),
        ("wall", {"year": 2020}, {"墙A"}, "year", {"2021年": 1, "2020年": 1}),
        ("hall", {"level": "provincial"}, {"馆A"}, "level", {"省级": 1, "市级": 1}),
        ("hall", {"street": tree.streets[0].pk}, {"馆A", "馆B"}, "street", {"街道0": 2}),
        ("video", {"kind": "feature"}, {"片A"}, "kind", {"专题片": 1, "微视频": 1}),
        ("video", {"street": tree.streets[1].pk}, {"片B"}, "street", {"街道1": 1}),
        ("story", {"category": "filial"}, {"事B"}, "category", {"见义勇为": 1, "孝老爱亲": 1}),
        ("story", {"community": c00.pk}, {"事A"}, "community", {"社区0-0": 1, "社区0-1": 1}),
    ]
    for kind, params, expected, facet, expected_counts in cases:
        response = get_listing(client, tree.listings[kind], **params)
        assert set(titles(response)) == expected, (kind, params)
        assert counts(response, facet) == expected_counts, (kind, facet)


@pytest.mark.django_db
def test_place_pages_list_their_own_exhibits(client, home_page):
    tree = build_tree(home_page)
    c00, c01 = tree.communities[:2]
    f.ProfilePageFactory(parent=c00, title="本社区人物")
    f.StoryPageFactory(parent=c01, title="隔壁社区故事")
    for n in range(10):
        f.StoryPageFactory(parent=c00, title=f"本社区故事{n}")
    community = client.get(c00.url).content.decode()
    assert "本社区人物" in community
    assert "隔壁社区故事" not in community
    assert "查看全部 10 项身边好人故事" in community
    assert f"?community={c00.pk}" in community
    street = client.get(tree.streets[0].url).content.decode()
    assert "本社区人物" in street
    assert "查看全部 11 项身边好人故事" in street  # both communities' stories
    assert f"?street={tree.streets[0].pk}" in street


@pytest.mark.django_db
def test_first_pages_kept_between_requests_follow_publishing(client, home_page, settings):
    """A listing's first page and a place's sections are kept in the process between requests
    (core.generation): a publish or an unpublish shows on the very next request."""
    settings.PAGE_CACHE_SECONDS = 0  # only the in-process memo stands between the requests
    tree = build_tree(home_page, streets=1, communities_per_street=1)
    community, street, listing = tree.communities[0], tree.streets[0], tree.listings["story"]
    f.StoryPageFactory(parent=community, title="早先的故事")
    pages = [listing.url, community.url, street.url]
    for url in pages:
        assert "早先的故事" in client.get(url).content.decode()

    story = f.StoryPageFactory(parent=community, title="刚发布的故事", live=False)
    for url in pages:
        assert "刚发布的故事" not in client.get(url).content.decode()
    story.save_revision().publish()
    for url in pages:
        assert "刚发布的故事" in client.get(url).content.decode(), url

    story.refresh_from_db()
    story.unpublish()
    for url in pages:
        assert "刚发布的故事" not in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_a_long_listing_links_a_few_pages_around_the_current_one(rf):
    """4,000 people make 334 pages: the first and last, two either side of the current one, gaps."""
    paginator = Paginator(range(4000), 12)
    request = rf.get("/daode-mofan/", {"level": "national", "page": 150})
    html = render_to_string(
        "exhibits/includes/pagination.html",
        {"paginator": paginator, "page_obj": paginator.page(150)},
        request=request,
    )
    numbers = re.findall(r"<li><(?:a|span)[^>]*>([^<]+)</", html)
    assert numbers == ["上一页", "1", "…", "148", "149", "150", "151", "152", "…", "334", "下一页"]
    assert 'href="?level=national&amp;page=151"' in html
    assert '<span aria-current="page">150</span>' in html
