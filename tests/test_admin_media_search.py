"""Editors find images and media in the admin by a word of their Chinese title, its pinyin or a
tag: in the listings and in the choosers (core/search/media.py)."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("bianji", "bianji@example.com", "pw")
    client.force_login(user)
    return user


def titles(response, selector):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(node.get_text(" ", strip=True) for node in soup.select(selector))


@pytest.mark.parametrize("query", ["实践", "街道", "丰泽", "shijian", "fengze", "jiedao", "志愿者"])
def test_images_are_found_by_a_word_of_their_title_or_a_tag(client, editor, query):
    image = f.SiteImageFactory(title="丰泽街道实践中心外景")
    image.tags.add("志愿者风采")
    image.save()  # indexed again with its tag
    f.SiteImageFactory(title="浔美社区全景")
    listing = titles(client.get("/admin/images/", {"q": query}), "main")
    assert "丰泽街道实践中心外景" in listing
    assert "浔美社区全景" not in listing
    chooser = client.get("/admin/images/chooser/results/", {"q": query})
    assert "丰泽街道实践中心外景" in chooser.content.decode()


def test_an_image_whose_title_does_not_hold_the_word_is_not_found(client, editor):
    f.SiteImageFactory(title="浔美社区全景")
    assert "浔美社区全景" not in titles(client.get("/admin/images/", {"q": "实践"}), "main")


@pytest.mark.parametrize("query", ["百年", "心向党", "bainian"])
def test_media_are_found_by_a_word_of_their_title(client, editor, query):
    f.VideoMediaFactory(title="百年心向党 启航新征程")
    f.VideoMediaFactory(title="走过的路")
    listing = titles(client.get("/admin/media/", {"q": query}), "main")
    assert "百年心向党 启航新征程" in listing
    assert "走过的路" not in listing
    chooser = client.get("/admin/media/chooser/", {"q": query})
    assert "百年心向党 启航新征程" in chooser.content.decode()
