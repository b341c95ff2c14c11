"""Every public page type renders its own content, self-contained and without inline code."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import path

from exhibits.models import HonouredFamily, StoryPerson

from . import factories as f
from .sites import build_tree


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom)]


@pytest.fixture
def site(home_page):
    """One page of every type, each with content that only it shows."""
    tree = build_tree(home_page, streets=1, communities_per_street=1)
    community = tree.communities[0]
    image = f.SiteImageFactory()
    profile = f.ProfilePageFactory(
        parent=community,
        title="陈秀英",
        summary="三十年如一日照顾瘫痪婆婆。",
        portrait=image,
        deeds=[{"type": "deed", "value": {"year": 2015, "title": "照顾瘫痪婆婆", "text": ""}}],
    )
    f.ProfileHonourFactory(profile=profile, title=tree.titles["provincial"], category="filial", year=2019)
    wall = f.GoodPeopleWallPageFactory(
        parent=community,
        title="好人文化小广场",
        location="美仙山小区内",
        cover_image=image,
        featured_people=[
            {"type": "profile", "value": {"profile": profile.pk, "note": "孝老爱亲"}},
            {
                "type": "person",
                "value": {
                    "name": "王某某",
                    "honour": "社区好人",
                    "level": "",
                    "year": 2020,
                    "description": "",
                },
            },
        ],
        gallery=[
            {
                "type": "photo",
                "value": {
                    "image": {"image": image.pk, "alt_text": "广场全景", "decorative": False},
                    "caption": "广场",
                },
            }
        ],
    )
    hall = f.FamilyMottoHallPageFactory(
        parent=community,
        title="浔美社区家风家训馆",
        level="provincial",
        mottos=[
            {
                "type": "motto",
                "value": {"family": "浔美陈氏", "motto": "耕读传家，忠厚继世。", "interpretation": "勤耕读"},
            }
        ],
    )
    HonouredFamily.objects.create(
        hall=hall, kind="in_laws", names="李某某、王某某", level="district", year=2021
    )
    story = f.StoryPageFactory(
        parent=community,
        title="厝边党史小课堂",
        body=[{"type": "paragraph", "value": "<p>老党员讲述地方党史故事。</p>"}],
    )
    story.related_people = [StoryPerson(person=profile)]
    story.save()
    video = f.VideoPageFactory(
        parent=tree.centre, title="走过的路", poster=image, video=f.VideoMediaFactory(), producer="实践中心"
    )
    point = f.PracticePointPageFactory(parent=community, title="美仙山小区实践点")
    return {
        "home": (home_page, "荣誉榜"),
        "centre": (tree.centre, "下设阵地"),
        "street": (tree.streets[0], community.title),
        "community": (community, "好人文化小广场"),
        "point": (point, "这里还没有发布展项"),
        "profile": (profile, "三十年如一日照顾瘫痪婆婆"),
        "wall": (wall, "美仙山小区内"),
        "hall": (hall, "耕读传家，忠厚继世。"),
        "story": (story, "老党员讲述地方党史故事。"),
        "video": (video, "<video"),
        "profile-listing": (tree.listings["profile"], "陈秀英"),
        "wall-listing": (tree.listings["wall"], "好人文化小广场"),
        "hall-listing": (tree.listings["hall"], "浔美社区家风家训馆"),
        "video-listing": (tree.listings["video"], "走过的路"),
        "story-listing": (tree.listings["story"], "厝边党史小课堂"),
    }


PAGE_KINDS = [
    "home",
    "centre",
    "street",
    "community",
    "point",
    "profile",
    "wall",
    "hall",
    "story",
    "video",
    "profile-listing",
    "wall-listing",
    "hall-listing",
    "video-listing",
    "story-listing",
]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_type_renders_its_own_content(client, site, kind):
    page, own_content = site[kind]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert own_content in html
    assert f"<title>{page.title}" in html or kind == "home"
    assert '<html lang="zh-Hans">' in html


@pytest.mark.django_db
def test_profile_shows_honours_and_wall_links_to_profiles(client, site):
    profile = site["profile"][0]
    html = client.get(profile.url).content.decode()
    assert "福建省道德模范" in html and "2019年" in html and "孝老爱亲" in html
    wall_html = client.get(site["wall"][0].url).content.decode()
    assert f'href="{profile.url}"' in wall_html
    assert "王某某" in wall_html
    story_html = client.get(site["story"][0].url).content.decode()
    assert f'href="{profile.url}"' in story_html


@pytest.mark.django_db
def test_breadcrumbs_follow_the_place_tree(client, site):
    html = client.get(site["profile"][0].url).content.decode()
    crumbs = BeautifulSoup(html, "html.parser").select(".breadcrumbs li")
    assert [crumb.get_text(strip=True) for crumb in crumbs] == [
        "首页",
        "丰泽区新时代文明实践中心",
        "街道0",
        "社区0-0",
        "陈秀英",
    ]


@pytest.mark.django_db
def test_unknown_url_gives_the_chinese_404(client, site):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "抱歉，没有找到这个页面" in html
    assert '<html lang="zh-Hans">' in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.test_rendering")
def test_server_error_gives_the_chinese_500(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "抱歉，服务器暂时出了问题" in response.content.decode()


def external_references(html):
    """Every src/href/srcset/action/poster pointing off this host."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in ("src", "href", "action", "poster", "data", "srcset"):
            value = tag.get(attribute)
            if not value:
                continue
            urls = (
                [part.strip().split(" ")[0] for part in value.split(",")]
                if attribute == "srcset"
                else [value]
            )
            for url in urls:
                parts = urlsplit(url)
                if parts.netloc and parts.netloc not in {"testserver"}:
                    found.append((tag.name, attribute, url))
                if url.startswith("//"):
                    found.append((tag.name, attribute, url))
    return found


def inline_code(html):
    soup = BeautifulSoup(html, "html.parser")
    scripts = [
        script
        for script in soup.find_all("script")
        if not script.get("src") and script.get("type") != "application/ld+json"
    ]
    styled = [tag.name for tag in soup.find_all(style=True)]
    style_elements = soup.find_all("style")
    handlers = [
        (tag.name, attribute)
        for tag in soup.find_all(True)
        for attribute in tag.attrs
        if attribute.startswith("on")
    ]
    return scripts, styled, style_elements, handlers


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host_or_runs_inline_code(client, site):
    urls = [page.url for page, _ in site.values()] + ["/search/?q=好人", "/no/such/page/"]
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert external_references(html) == [], url
        assert inline_code(html) == ([], [], [], []), url


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client, site):
    response = client.get(site["profile"][0].url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_images_are_responsive_webp(client, site):
    html = client.get(site["profile"][0].url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    picture = soup.select_one(".profile__portrait picture")
    assert picture is not None
    assert picture.find("source", attrs={"type": "image/webp"}) is not None
    assert "," in picture.find("source")["srcset"]  # more than one width
    assert picture.find("img")["alt"] == "陈秀英"


@pytest.mark.django_db
def test_a_page_view_writes_no_rendition_back_to_the_cache(client, site, settings, monkeypatch):
    """Renditions read from the rendition cache are used, not written back on every view (Wagtail
    writes back what it did not mark as found in a cache: home.models.SiteRendition marks them)."""
    from wagtail.images import get_image_model

    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    url = site["profile"][0].url
    client.get(url)  # makes the renditions and caches them
    backend = get_image_model().get_rendition_model().cache_backend
    written = []
    monkeypatch.setattr(backend, "set", lambda *args, **kwargs: written.append(args[0]))
    monkeypatch.setattr(backend, "set_many", lambda data, *args, **kwargs: written.extend(data))
    response = client.get(url)
    assert response.status_code == 200
    assert 'property="og:image"' in response.content.decode()
    assert written == []
