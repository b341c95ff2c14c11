"""The read API at /api/v2/: live, public content only, and never a consent record or contact."""

import json
from urllib.parse import urlsplit

import pytest

from discovery.api import FORBIDDEN_FIELDS
from exhibits.models import HonouredFamily

from . import factories as f
from .discovery_content import build_content, publish

pytestmark = pytest.mark.django_db

# Words that exist only in consent records: none may ever appear in an API answer.
SECRETS = [
    "同意人甲乙丙",
    "监护人丁戊己",
    "家庭同意人庚",
    "家庭监护人辛",
    "档案同意人壬",
    "档案监护人癸",
    "知情同意书秘档",
]


@pytest.fixture
def content(home_page):
    content = build_content(home_page)
    form = f.ConsentFormFactory(title="知情同意书秘档")
    portrait = f.SiteImageFactory(title="公开的肖像")
    content.draft_only = f.SiteImageFactory(title="只在草稿里的照片")
    content.unused = f.SiteImageFactory(title="没有用到的图片")
    content.portrait = portrait

    chen = content.pages["chen"]
    chen.portrait = portrait
    chen.consent_given_by = "档案同意人壬"
    chen.guardian_name = "档案监护人癸"
    chen.subject_under_14 = True
    chen.consent_form = form
    publish(chen)
    community = content.communities["xunmei"]
    community.phone = "13800000000"  # shown on the page, but contact details stay out of the API
    publish(community)

    wall = content.pages["roll"]
    wall.featured_people = [
        {"type": "profile", "value": {"profile": chen.pk, "note": "孝老爱亲"}},
        {"type": "profile", "value": {"profile": content.pages["draft"].pk, "note": ""}},
        {
            "type": "person",
            "value": {
                "name": "王某某",
                "honour": "社区好人",
                "level": "",
                "year": 2020,
                "description": "热心助人。",
                "photo": None,
                "consent": {
                    "given_by": "同意人甲乙丙",
                    "date": "2024-05-01",
                    "scopes": ["name", "story"],
                    "form": form.pk,
                    "under_14": True,
                    "guardian": "监护人丁戊己",
                },
            },
        },
    ]
    publish(wall)

    hall = content.pages["hall"]
    HonouredFamily.objects.create(
        hall=hall,
        kind="family",
        names="李某某家庭",
        level="district",
        year=2021,
        consent_given_by="家庭同意人庚",
        consent_date="2024-05-01",
        consent_scope_name=True,
        consent_form=form,
        subject_under_14=True,
        guardian_name="家庭监护人辛",
    )
    publish(type(hall).objects.get(pk=hall.pk))

    draft = content.pages["draft"]
    draft.cover_image = content.draft_only
    draft.save()
    return content


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return response.json() if status == 200 else None


def walk(value, path=""):
    """Every (key path, key, value) in a JSON document, StreamField values included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key}", key, item
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{path}[{index}]")


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def all_documents(client):
    """Every listing and detail answer of every endpoint, with all fields asked for."""
    documents = []
    for endpoint in ("pages", "images"):
        offset = 0
        while True:
            listing = get_json(client, f"/api/v2/{endpoint}/?fields=*&limit=50&offset={offset}")
            documents.append(listing)
            for item in listing["items"]:
                documents.append(get_json(client, local(item["meta"]["detail_url"]) + "?fields=*"))
            offset += 50
            if offset >= listing["meta"]["total_count"]:
                break
    return documents


def test_no_endpoint_ever_returns_consent_or_contact_fields(client, content):
    documents = all_documents(client)
    assert len(documents) >= 19  # 2 listings, every page, every image
    for document in documents:
        text = json.dumps(document, ensure_ascii=False)
        for secret in SECRETS:
            assert secret not in text
        assert "13800000000" not in text
        for path, key, value in walk(document):
            assert key not in FORBIDDEN_FIELDS, path
            assert not (isinstance(value, str) and "/documents/" in value), path


def test_stream_fields_keep_their_public_parts(client, content):
    wall = get_json(client, f"/api/v2/pages/{content.pages['roll'].pk}/")
    people = wall["featured_people"]
    assert people[0]["value"]["profile"]["title"] == "陈秀英"
    assert people[1]["value"]["profile"] is None  # a draft profile is not even named
    person = people[2]["value"]
    assert person["name"] == "王某某"
    assert person["description"] == "热心助人。"
    assert "consent" not in person
    hall = get_json(client, f"/api/v2/pages/{content.pages['hall'].pk}/")
    assert [family["names"] for family in hall["honoured_families"]] == ["李某某家庭"]
    chen = get_json(client, f"/api/v2/pages/{content.pages['chen'].pk}/")
    assert {honour["title"] for honour in chen["honours"]} == {"中国好人榜", "福建省道德模范"}
    assert [place["title"] for place in chen["places"]] == [
        "丰泽区新时代文明实践中心",
        "城东街道新时代文明实践所",
        "浔美社区",
    ]
    assert chen["portrait"]["thumbnail"]["url"].startswith("http://testserver/media/images/")


def test_only_live_public_pages(client, content):
    listing = get_json(client, "/api/v2/pages/?limit=50")
    ids = {item["id"] for item in listing["items"]}
    assert content.pages["chen"].pk in ids
    assert content.pages["draft"].pk not in ids
    assert content.pages["private"].pk not in ids
    get_json(client, f"/api/v2/pages/{content.pages['draft'].pk}/", status=404)
    get_json(client, f"/api/v2/pages/{content.pages['private'].pk}/", status=404)
    found = get_json(client, "/api/v2/pages/?search=秘密")
    assert found["items"] == []


def test_images_only_when_a_live_public_page_uses_them(client, content):
    ids = {item["id"] for item in get_json(client, "/api/v2/images/?limit=50")["items"]}
    assert content.portrait.pk in ids
    assert content.draft_only.pk not in ids
    assert content.unused.pk not in ids
    get_json(client, f"/api/v2/images/{content.unused.pk}/", status=404)
    image = get_json(client, f"/api/v2/images/{content.portrait.pk}/")
    assert image["thumbnail"]["width"] <= 400


def test_an_image_counts_from_the_publish_that_shows_it(client, content):
    """The reference index behind /api/v2/images/ is refreshed once per publish, not per save."""

    def image_ids():
        return {item["id"] for item in get_json(client, "/api/v2/images/?limit=50")["items"]}

    chen = type(content.pages["chen"]).objects.get(pk=content.pages["chen"].pk)
    new_portrait = f.SiteImageFactory(title="换上的新肖像")
    chen.portrait = new_portrait
    revision = chen.save_revision()  # a draft: the live page still shows the old portrait
    assert content.portrait.pk in image_ids()
    assert new_portrait.pk not in image_ids()

    revision.publish()
    assert new_portrait.pk in image_ids()
    assert content.portrait.pk not in image_ids()


def test_documents_and_consent_fields_cannot_be_asked_for(client, content):
    assert client.get("/api/v2/documents/").status_code == 404
    for field in ("consent_given_by", "guardian_name", "consent_form", "phone"):
        url = f"/api/v2/pages/?type=exhibits.ProfilePage&fields={field}"
        assert client.get(url).status_code == 400
        assert client.get(f"/api/v2/pages/?type=exhibits.ProfilePage&{field}=x").status_code == 400
        assert client.get(f"/api/v2/pages/?type=exhibits.ProfilePage&order={field}").status_code == 400


def test_a_page_of_results_reads_the_site_root_paths_once(client, content, monkeypatch):
    """Wagtail's `html_url` asks each page for its full URL without the request; the root paths
    come from memory for the generation, not from the shared cache once per page."""
    from wagtail.models import Site

    asked = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: (asked.append(1), original())[1]))
    data = get_json(client, "/api/v2/pages/?type=exhibits.ProfilePage&fields=*")
    assert len(data["items"]) > 1
    assert all(item["meta"]["html_url"].startswith("http") for item in data["items"])
    assert len(asked) <= 1
