"""robots.txt, sitemap, Open Graph, schema.org JSON-LD and the RSS feed."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from . import factories as f
from .discovery_content import build_content, publish

pytestmark = pytest.mark.django_db
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@pytest.fixture
def content(home_page):
    content = build_content(home_page)
    image = f.SiteImageFactory()
    chen = content.pages["chen"]
    chen.portrait = image
    publish(chen)
    content.pages["chen"] = type(chen).objects.get(pk=chen.pk)
    return content


def head(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def og(soup):
    return {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, content):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /q/" in text  # crawlers must not count as QR scans
    assert "Sitemap: http://testserver/sitemap.xml" in text
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    locations = [
        loc.text
        for loc in ET.fromstring(sitemap.content).iter(SITEMAP_LOC)  # noqa: S314 - our own output
    ]
    assert any(content.pages["chen"].url in location for location in locations)
    assert not any("caogao" in location or content.pages["draft"].slug in location for location in locations)


def test_open_graph_tags_with_a_share_image_rendition(client, content):
    soup = head(client, content.pages["chen"])
    tags = og(soup)
    assert tags["og:type"] == "profile"
    assert tags["og:title"] == "陈秀英"
    assert tags["og:url"] == "http://testserver" + content.pages["chen"].url
    assert tags["og:image"].startswith("http://testserver/media/images/")
    assert ".fill-1200x630" in tags["og:image"]
    # Cropped to the 1200×630 share shape (a small source image is not enlarged).
    assert abs(int(tags["og:image:width"]) / int(tags["og:image:height"]) - 1200 / 630) < 0.1
    assert tags["og:description"]
    assert soup.find("link", rel="canonical")["href"] == tags["og:url"]


def test_person_with_awards(client, content):
    data = json_ld(head(client, content.pages["chen"]))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["name"] == "陈秀英"
    assert data["award"] == ["2021年 中国好人榜（孝老爱亲）", "2019年 福建省道德模范（孝老爱亲）"]
    assert data["homeLocation"]["name"] == "浔美社区"
    assert data["image"].startswith("http://testserver/media/")


def test_video_object(client, content):
    video = content.pages["video"]
    video.video = f.VideoMediaFactory(duration=95.4)
    publish(video)
    data = json_ld(head(client, type(video).objects.get(pk=video.pk)))
    assert data["@type"] == "VideoObject"
    assert data["name"] == "走过的路"
    assert data["duration"] == "PT95S"
    assert data["uploadDate"]
    assert data["contentUrl"].startswith("http://testserver/media/")
    assert data["producer"] == {"@type": "Organization", "name": "实践中心"}


@pytest.mark.parametrize("key", ["roll", "hall"])
def test_place_for_walls_and_halls(client, content, key):
    page = content.pages[key]
    data = json_ld(head(client, page))
    assert data["@type"] == "Place"
    assert data["name"] == page.title
    assert data["address"] == page.location
    assert data["containedInPlace"]["name"] == "浔美社区"


def test_json_ld_cannot_close_its_script_element(client, content):
    hall = content.pages["hall"]
    hall.intro = "1 < 2 </script><script>alert(1)</script>"
    publish(hall)
    html = client.get(hall.url).content.decode()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert json.loads(block)["description"].startswith("1 < 2")


def test_rss_feed_of_newly_published_exhibits(client, content):
    newest = publish(f.StoryPageFactory(parent=content.communities["xunmei"], title="最新的好人故事"))
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 - our own output
    titles = [item.findtext("title") for item in items]
    assert titles[0] == "最新的好人故事"
    assert items[0].findtext("link") == "http://testserver" + newest.url
    assert "陈秀英" in titles
    assert "草稿里的秘密故事" not in titles and "内部的秘密故事" not in titles
    assert "浔美社区" not in titles  # places are not exhibits
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.find("link", rel="alternate", type="application/rss+xml")["href"] == "/feeds/latest/"
