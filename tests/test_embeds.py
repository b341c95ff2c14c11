"""Bilibili and Tencent Video links become players with no network request; others are explained."""

import socket

import pytest
from django.core.exceptions import ValidationError
from wagtail.embeds import embeds as wagtail_embeds
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.embeds.models import Embed

from videos import embeds

from . import factories as f
from .sites import build_tree


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a socket or resolve a name fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the embed finder tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


BILIBILI = "https://player.bilibili.com/player.html"
TENCENT = "https://v.qq.com/txp/iframe/player.html"


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.bilibili.com/video/BV1xx411c7mD", f"{BILIBILI}?bvid=BV1xx411c7mD&page=1&autoplay=0"),
        (
            "https://www.bilibili.com/video/BV1xx411c7mD/?spm_id_from=333.337&vd_source=abc",
            f"{BILIBILI}?bvid=BV1xx411c7mD&page=1&autoplay=0",
        ),
        (
            "https://www.bilibili.com/video/BV1xx411c7mD?p=3",
            f"{BILIBILI}?bvid=BV1xx411c7mD&page=3&autoplay=0",
        ),
        ("https://m.bilibili.com/video/BV1xx411c7mD", f"{BILIBILI}?bvid=BV1xx411c7mD&page=1&autoplay=0"),
        ("http://www.bilibili.com/video/av170001", f"{BILIBILI}?aid=170001&page=1&autoplay=0"),
        ("www.bilibili.com/video/AV170001/", f"{BILIBILI}?aid=170001&page=1&autoplay=0"),
        ("https://v.qq.com/x/cover/mzc00200abcdefg/m0042x1yz2w.html", f"{TENCENT}?vid=m0042x1yz2w"),
        ("https://v.qq.com/x/page/x0031abcd9e.html", f"{TENCENT}?vid=x0031abcd9e"),
        ("https://m.v.qq.com/x/m/play?vid=x0031abcd9e&cid=", f"{TENCENT}?vid=x0031abcd9e"),
    ],
)
def test_platform_links_become_player_urls(url, player):
    assert embeds.parse(url).player_url == player


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://b23.tv/AbCdEf1", "短链接"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "不支持这个网站的视频链接（www.youtube.com）"),
        ("https://www.douyin.com/video/7000000000000000000", "不支持这个网站的视频链接"),
        ("https://www.bilibili.com/bangumi/play/ep12345", "没有在链接中找到哔哩哔哩视频编号"),
        ("https://www.bilibili.com/video/BV1xx411c7mD/../../evil", "没有在链接中找到哔哩哔哩视频编号"),
        ("https://v.qq.com/x/cover/mzc00200abcdefg.html", "没有在链接中找到腾讯视频的视频编号"),
        ("https://www.bilibili.com.evil.example/video/BV1xx411c7mD", "不支持这个网站的视频链接"),
        ("javascript:alert(1)", "https://"),
    ],
)
def test_other_links_are_refused_with_a_chinese_message(url, message):
    with pytest.raises(embeds.UnsupportedVideoLink) as caught:
        embeds.parse(url)
    assert message in caught.value.message


@pytest.mark.django_db
def test_wagtails_embed_machinery_uses_the_local_finder():
    embed = wagtail_embeds.get_embed("https://www.bilibili.com/video/BV1xx411c7mD")
    assert embed.provider_name == "哔哩哔哩"
    assert embed.html.startswith(
        '<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&amp;'
    )
    assert "allowfullscreen" in embed.html
    html = embed_to_frontend_html("https://v.qq.com/x/page/x0031abcd9e.html")
    assert 'src="https://v.qq.com/txp/iframe/player.html?vid=x0031abcd9e"' in html
    assert "style=" not in html
    # An unknown link renders nothing (and is never fetched).
    assert embed_to_frontend_html("https://example.com/video.html") == ""
    assert not Embed.objects.filter(url="https://example.com/video.html").exists()


@pytest.fixture
def tree(home_page):
    return build_tree(home_page, streets=1, communities_per_street=1)


@pytest.mark.django_db
def test_a_page_with_an_unknown_link_does_not_validate(tree):
    page = f.VideoPageFactory.build(
        title="外站视频", slug="wai-zhan", platform_url="https://www.youtube.com/watch?v=x"
    )
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "不支持这个网站的视频链接" in caught.value.message_dict["platform_url"][0]


@pytest.mark.django_db
def test_the_page_editor_explains_an_unknown_link_and_takes_a_known_one(admin_client, tree):
    from django.urls import reverse

    from exhibits.models import VideoPage

    from .admin_forms import page_form

    url = reverse("wagtailadmin_pages:add", args=["exhibits", "videopage", tree.centre.pk])

    def post(slug, link):
        data = {"title": "外站视频", "slug": slug, "intro": "导语", "kind": "micro", "platform_url": link}
        return admin_client.post(url, page_form(VideoPage, data))

    response = post("youtube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert response.status_code == 200
    assert "不支持这个网站的视频链接" in response.content.decode()
    assert not VideoPage.objects.filter(slug="youtube").exists()

    response = post("bilibili", "https://www.bilibili.com/video/BV1xx411c7mD")
    assert response.status_code == 302
    assert VideoPage.objects.get(slug="bilibili").platform_video.video_id == "BV1xx411c7mD"


def frame_src(response):
    policy = response.headers["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-src"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://www.bilibili.com/video/BV1xx411c7mD", "https://player.bilibili.com"),
        ("https://v.qq.com/x/cover/mzc00200abcdefg/m0042x1yz2w.html", "https://v.qq.com"),
    ],
)
def test_only_a_page_showing_a_player_may_frame_it(client, tree, url, origin):
    page = f.VideoPageFactory(parent=tree.centre, title="平台视频", platform_url=url)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<iframe src="{origin}/' in html
    assert '<div class="embed"><iframe' in html
    assert "style=" not in html
    assert frame_src(response) == f"frame-src {origin}"

    # Everything else keeps frame-src 'none': the home page, another video page, a story.
    plain = f.VideoPageFactory(parent=tree.centre, title="本站视频")
    story = f.StoryPageFactory(parent=tree.centre)
    for other in (tree.home.url, plain.url, story.url):
        assert frame_src(client.get(other)) == "frame-src 'none'"


@pytest.mark.django_db
def test_an_uploaded_file_wins_over_a_platform_link(client, tree):
    page = f.VideoPageFactory(
        parent=tree.centre,
        video=f.VideoMediaFactory(),
        platform_url="https://www.bilibili.com/video/BV1xx411c7mD",
    )
    response = client.get(page.url)
    assert "<iframe" not in response.content.decode()
    assert frame_src(response) == "frame-src 'none'"
