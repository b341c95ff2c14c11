"""A new exhibit kind is one module: the test-only sixth kind (tests/sixth_kind, 志愿服务项目)
appears in listings, place pages, the home page, search, the API, the sitemap, JSON-LD, the feed
and the statistics, although nothing outside its own module names it."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from core.kinds import exhibit_models, kind_of, listing_models
from tests.sixth_kind.models import VolunteerProjectIndexPage, VolunteerProjectPage

from .sites import build_tree

pytestmark = pytest.mark.django_db
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@pytest.fixture
def project(home_page):
    tree = build_tree(home_page, streets=1, communities_per_street=1)
    listing = home_page.add_child(
        instance=VolunteerProjectIndexPage(
            title="志愿服务", slug="zhiyuan-fuwu", intro="各站点的志愿服务项目。"
        )
    )
    community = tree.communities[0]
    page = community.add_child(
        instance=VolunteerProjectPage(
            title="银发助餐志愿队",
            slug="yinfa-zhucan",
            intro="每周为独居老人送餐上门。",
            organiser="社区老年协会",
            frequency="weekly",
            year=2021,
        )
    )
    page.save_revision().publish()
    return {"tree": tree, "listing": listing, "community": community, "page": page}


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_the_registry_finds_the_kind_and_its_listing():
    assert VolunteerProjectPage in exhibit_models()
    assert VolunteerProjectIndexPage in listing_models()
    assert kind_of(VolunteerProjectPage).label == "志愿服务"


def test_listing_with_its_own_filter(client, project):
    page = soup(client, project["listing"].url)
    assert "银发助餐志愿队" in page.select_one(".listing__results").get_text()
    facets = {f.select_one(".facet__title").get_text() for f in page.select(".facet")}
    assert {"街道", "社区", "服务频次", "年份"} <= facets
    filtered = soup(client, project["listing"].url + "?frequency=monthly")
    assert "银发助餐志愿队" not in filtered.select_one(".listing__results").get_text()


def test_place_page_and_home_page(client, project, home_page):
    community = soup(client, project["community"].url)
    headings = [h.get_text() for h in community.select(".section__subtitle")]
    assert any(heading.startswith("志愿服务项目") for heading in headings)
    assert "银发助餐志愿队" in community.get_text()
    home = soup(client, home_page.url)
    entrance = home.select_one(".entrance--volunteer")
    assert entrance is not None and "1 项" in entrance.get_text()


def test_search_groups_it_under_its_kind(client, project):
    page = soup(client, "/search/?q=老年协会")
    group = page.select_one("#group-volunteer")
    assert group is not None and group.get_text().startswith("志愿服务")
    assert "银发助餐志愿队" in page.select_one(".results").get_text()
    only_kind = soup(client, "/search/?q=老年协会&kind=volunteer")
    assert "服务频次" in only_kind.get_text()  # the kind's own filters apply to its results


def test_api_serves_its_fields(client, project):
    response = client.get("/api/v2/pages/", {"type": "sixth_kind.VolunteerProjectPage", "fields": "*"})
    assert response.status_code == 200
    [item] = json.loads(response.content)["items"]
    assert item["organiser"] == "社区老年协会"
    assert item["frequency"] == "weekly"
    assert [place["title"] for place in item["places"]][-1] == project["community"].title


def test_sitemap_feed_and_json_ld(client, project):
    page = project["page"]
    sitemap = client.get("/sitemap.xml")
    locations = [loc.text for loc in ET.fromstring(sitemap.content).iter(SITEMAP_LOC)]  # noqa: S314
    assert any(location.endswith(page.url) for location in locations)
    assert "银发助餐志愿队" in client.get("/feeds/latest/").content.decode()
    [script] = soup(client, page.url).find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "Project"
    assert data["funder"]["name"] == "社区老年协会"
    assert data["location"]["name"] == project["community"].title


def test_statistics_count_it(client, project):
    stats = soup(client, "/stats/")
    header = [th.get_text(strip=True) for th in stats.select("#table-exhibits thead th")]
    assert "志愿服务项目" in header
    column = header.index("志愿服务项目")
    totals = [cell.get_text(strip=True) for cell in stats.select("#table-exhibits tfoot tr > *")]
    assert totals[column] == "1"
