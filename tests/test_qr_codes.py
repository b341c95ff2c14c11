"""Short links, QR codes, placards and scan counts."""

import io
from pathlib import Path

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from PIL import Image
from wagtail.models import PageViewRestriction

from discovery.models import ScanCount

from . import factories as f
from .discovery_content import publish
from .sites import build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    return build_tree(home_page, streets=2, communities_per_street=1)


@pytest.fixture
def wall(tree):
    return publish(
        f.GoodPeopleWallPageFactory(parent=tree.communities[0], title="好人墙", slug="haoren-qiang-1")
    )


def decode(png_bytes):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png_bytes)))
    return [result.text for result in results]


def test_short_link_survives_rename_and_move(client, tree, wall):
    short = f"/q/{wall.pk}/"
    response = client.get(short)
    assert response.status_code == 302
    assert response["Location"] == wall.url

    wall.title = "身边好人文化墙"
    wall.slug = "shenbian-haoren"
    publish(wall)
    wall.move(tree.communities[1], pos="last-child")
    wall.refresh_from_db()
    response = client.get(short)
    assert response.status_code == 302
    assert response["Location"] == wall.url
    assert "shenbian-haoren" in response["Location"]
    assert tree.communities[1].slug in response["Location"]
    assert client.get(response["Location"]).status_code == 200


def test_unpublished_and_private_pages_have_no_short_link(client, tree, wall):
    draft = f.StoryPageFactory(parent=tree.communities[0], live=False)
    assert client.get(f"/q/{draft.pk}/").status_code == 404
    assert client.get("/q/999999/").status_code == 404
    PageViewRestriction.objects.create(page=wall, restriction_type="login")
    assert client.get(f"/q/{wall.pk}/").status_code == 404
    wall.unpublish()
    assert client.get(f"/q/{wall.pk}/").status_code == 404


def test_qr_code_decodes_to_the_short_url(client, wall):
    response = client.get(f"/q/{wall.pk}/qr.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert decode(response.content) == [f"http://testserver/q/{wall.pk}/"]

    svg = client.get(f"/q/{wall.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<svg")
    download = client.get(f"/q/{wall.pk}/qr.svg?download=1")
    assert download["Content-Disposition"] == f'attachment; filename="qr-{wall.pk}.svg"'
    # The code holds the short link, which redirects to the page.
    assert client.get(f"/q/{wall.pk}/")["Location"] == wall.url


def test_svg_and_png_encode_the_same_matrix(client, wall):
    import segno

    url = f"http://testserver/q/{wall.pk}/"
    expected = segno.make(url, error="m", micro=False)
    rendered = Image.open(io.BytesIO(client.get(f"/q/{wall.pk}/qr.png").content)).convert("1")
    scale, border = 12, 4
    modules = [
        [
            rendered.getpixel(((x + border) * scale + scale // 2, (y + border) * scale + scale // 2)) == 0
            for x in range(expected.symbol_size(border=0)[0])
        ]
        for y in range(expected.symbol_size(border=0)[1])
    ]
    assert modules == [[bool(bit) for bit in row] for row in expected.matrix]


def test_scans_are_counted_without_visitor_data(client, wall):
    for _ in range(3):
        response = client.get(f"/q/{wall.pk}/", HTTP_USER_AGENT="Phone", REMOTE_ADDR="10.1.2.3")
        assert not response.cookies
    client.head(f"/q/{wall.pk}/")  # a HEAD request (a link preview) is not a scan
    assert ScanCount.objects.get(page=wall).count == 3
    assert {field.name for field in ScanCount._meta.get_fields()} == {"page", "count"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_placard_shows_title_place_code_and_short_url(client, tree, wall, size):
    response = client.get(f"/q/{wall.pk}/placard/?size={size}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    placard = soup.select_one(f"main.placard.placard--{size}")
    assert placard.select_one("h1").get_text() == "好人墙"
    assert placard.select_one(".placard__place").get_text() == tree.communities[0].title
    assert placard.select_one("img.placard__qr")["src"] == f"/q/{wall.pk}/qr.svg"
    assert placard.select_one(".placard__url").get_text() == f"http://testserver/q/{wall.pk}/"
    assert not soup.find_all(style=True)
    assert not soup.find_all("style")
    assert not soup.find_all("script")
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    css = Path(finders.find(stylesheet.removeprefix("/static/"))).read_text()
    assert "@media print" in css and "size: A4" in css and "size: A5" in css


def test_editors_get_placards_before_publishing_and_a_button_in_the_editor(client, tree):
    draft = f.StoryPageFactory(parent=tree.communities[0], live=False, title="待发布的故事")
    assert client.get(f"/q/{draft.pk}/placard/").status_code == 404
    assert client.get(f"/q/{draft.pk}/qr.png").status_code == 404

    admin = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(admin)
    response = client.get(f"/q/{draft.pk}/placard/")
    assert response.status_code == 200
    assert "此页面尚未发布" in response.content.decode()

    edit = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert f"/q/{draft.pk}/placard/?size=a4" in edit
    assert f"/q/{draft.pk}/placard/?size=a5" in edit
    assert f"/q/{draft.pk}/qr.svg?download=1" in edit
    assert f"/q/{draft.pk}/qr.png?download=1" in edit


def test_scan_report_lists_counts(client, wall):
    ScanCount.record(wall.pk)
    ScanCount.record(wall.pk)
    admin = get_user_model().objects.create_superuser("reporter", "r@example.com", "pw")
    client.force_login(admin)
    response = client.get("/admin/reports/scans/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.select_one("table.listing tbody tr")
    assert row.select("td")[0].get_text(strip=True) == "好人墙"
    assert row.select("td")[2].get_text(strip=True) == "2"
