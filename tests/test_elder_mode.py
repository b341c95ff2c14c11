"""Elder mode (长辈模式): a plain link sets a cookie; every public page then reads larger."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from .sites import build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    return build_tree(home_page, streets=1, communities_per_street=1)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_toggle_is_a_plain_link_in_the_header(client, tree):
    soup = soup_of(client.get(tree.streets[0].url))
    toggle = soup.select_one(".site-header a.elder-toggle")
    assert toggle.get_text(strip=True) == "长辈模式"
    assert toggle["href"] == f"/elder/on/?next={quote(tree.streets[0].url)}"
    assert toggle["rel"] == ["nofollow"]


def test_turning_it_on_and_off(client, tree):
    street = tree.streets[0].url
    response = client.get("/elder/on/", {"next": street})
    assert response.status_code == 302
    assert response["Location"] == street
    cookie = response.cookies["elder"]
    assert cookie.value == "1"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 60 * 60 * 24 * 30

    soup = soup_of(client.get(street))
    assert "elder-mode" in soup.body["class"]
    assert "elder-mode" in soup.html["class"]
    toggle = soup.select_one("a.elder-toggle")
    assert toggle.get_text(strip=True) == "退出长辈模式"
    assert toggle["href"].startswith("/elder/off/")

    response = client.get("/elder/off/", {"next": street})
    assert response["Location"] == street
    assert response.cookies["elder"].value == ""
    soup = soup_of(client.get(street))
    assert "elder-mode" not in (soup.body.get("class") or [])


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_it_only_goes_back_to_this_site(client, tree, target):
    response = client.get("/elder/on/", {"next": target})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=社区", "/stats/", "/no/such/page/", "/daode-mofan/", "/zhongxin/"]
)
def test_every_public_page_switches_and_says_vary_cookie(client, tree, path):
    client.cookies["elder"] = "1"
    response = client.get(path)
    assert "elder-mode" in soup_of(response).body["class"]
    assert "Cookie" in response["Vary"]
    client.cookies["elder"] = "0"
    response = client.get(path)
    assert "elder-mode" not in (soup_of(response).body.get("class") or [])
    assert "Cookie" in response["Vary"]


def test_stylesheet_makes_text_at_least_20px_and_targets_larger():
    css = Path(finders.find("discovery/discovery.css")).read_text()
    root = re.search(r"html\.elder-mode \{[^}]*font-size: (\d+)%", css)
    assert root
    assert int(root.group(1)) >= 125  # 16px × 125% = 20px per rem
    site_css = Path(finders.find("css/site.css")).read_text()
    body_rem = float(re.search(r"--text: ([\d.]+)rem", site_css).group(1))
    assert body_rem * 16 * int(root.group(1)) / 100 >= 20
    tap = re.search(r"\.elder-mode \{[^}]*--tap: ([\d.]+)rem", css)
    assert float(tap.group(1)) * 20 >= 48
    assert "prefers-reduced-motion" in site_css
