"""MEDIA_URL in the embedded default: HTTP Range requests, streaming, and no private documents."""

import os
import tracemalloc
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.http import http_date

from videos.serving import parse_range

# The 404 page reads site settings from the database.
pytestmark = pytest.mark.django_db

SIZE = 10_240
DATA = bytes(range(256)) * (SIZE // 256)
URL = "/media/ranges/clip.mp4"


@pytest.fixture
def media_file():
    path = Path(settings.MEDIA_ROOT) / "ranges" / "clip.mp4"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(DATA)
    yield path
    path.unlink(missing_ok=True)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_whole_file_advertises_ranges(client, media_file):
    response = client.get(URL)
    assert response.status_code == 200
    assert body(response) == DATA
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Content-Length"] == str(SIZE)
    assert response.headers["Content-Type"] == "video/mp4"
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Last-Modified"]
    assert "Content-Range" not in response.headers


def test_first_100_bytes(client, media_file):
    response = client.get(URL, headers={"Range": "bytes=0-99"})
    assert response.status_code == 206
    assert body(response) == DATA[:100]
    assert response.headers["Content-Range"] == f"bytes 0-99/{SIZE}"
    assert response.headers["Content-Length"] == "100"
    assert response.headers["Accept-Ranges"] == "bytes"


def test_suffix_range(client, media_file):
    response = client.get(URL, headers={"Range": "bytes=-500"})
    assert response.status_code == 206
    assert body(response) == DATA[-500:]
    assert response.headers["Content-Range"] == f"bytes {SIZE - 500}-{SIZE - 1}/{SIZE}"


def test_suffix_longer_than_the_file_is_the_whole_file(client, media_file):
    response = client.get(URL, headers={"Range": "bytes=-999999"})
    assert response.status_code == 206
    assert body(response) == DATA
    assert response.headers["Content-Range"] == f"bytes 0-{SIZE - 1}/{SIZE}"


def test_open_ended_range(client, media_file):
    response = client.get(URL, headers={"Range": "bytes=100-"})
    assert response.status_code == 206
    assert body(response) == DATA[100:]
    assert response.headers["Content-Range"] == f"bytes 100-{SIZE - 1}/{SIZE}"
    assert response.headers["Content-Length"] == str(SIZE - 100)


def test_last_byte_past_the_end_is_clamped(client, media_file):
    response = client.get(URL, headers={"Range": f"bytes={SIZE - 10}-{SIZE + 5000}"})
    assert response.status_code == 206
    assert body(response) == DATA[-10:]


@pytest.mark.parametrize("header", [f"bytes={SIZE}-", f"bytes={SIZE + 1}-{SIZE + 100}", "bytes=-0"])
def test_unsatisfiable_range_is_416(client, media_file, header):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{SIZE}"
    assert response.content == b""


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "bytes=9-3", "items=0-5", "bytes=abc", "bytes=-"])
def test_ranges_it_does_not_honour_get_the_whole_file(client, media_file, header):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 200
    assert body(response) == DATA


def test_if_range_with_the_current_etag_gets_the_range(client, media_file):
    etag = client.head(URL).headers["ETag"]
    response = client.get(URL, headers={"Range": "bytes=0-99", "If-Range": etag})
    assert response.status_code == 206
    assert body(response) == DATA[:100]


@pytest.mark.parametrize("if_range", ['"stale-etag"', "W/{etag}", "Mon, 01 Jan 2001 00:00:00 GMT"])
def test_if_range_mismatch_gets_the_whole_file(client, media_file, if_range):
    etag = client.head(URL).headers["ETag"]
    response = client.get(URL, headers={"Range": "bytes=0-99", "If-Range": if_range.format(etag=etag)})
    assert response.status_code == 200
    assert body(response) == DATA
    assert "Content-Range" not in response.headers


def test_if_range_with_the_current_date_gets_the_range(client, media_file):
    last_modified = http_date(media_file.stat().st_mtime)
    response = client.get(URL, headers={"Range": "bytes=100-199", "If-Range": last_modified})
    assert response.status_code == 206
    assert body(response) == DATA[100:200]


def test_head_has_the_headers_and_no_body(client, media_file):
    response = client.head(URL, headers={"Range": "bytes=0-99"})
    assert response.status_code == 206
    assert response.headers["Content-Length"] == "100"
    assert response.headers["Content-Range"] == f"bytes 0-99/{SIZE}"
    assert response.content == b""
    whole = client.head(URL)
    assert whole.status_code == 200
    assert whole.headers["Content-Length"] == str(SIZE)


def test_conditional_get_is_not_modified(client, media_file):
    etag = client.head(URL).headers["ETag"]
    response = client.get(URL, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.headers["ETag"] == etag


def test_a_changed_file_gets_a_new_etag(client, media_file):
    before = client.head(URL).headers["ETag"]
    media_file.write_bytes(DATA[:-1])
    os.utime(media_file, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert client.head(URL).headers["ETag"] != before


def test_only_safe_methods(client, media_file):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("clip.webm", "video/webm"),
        ("song.m4a", "audio/mp4"),
        ("song.mp3", "audio/mpeg"),
        ("zh.vtt", "text/vtt; charset=utf-8"),
        ("photo.jpg", "image/jpeg"),
    ],
)
def test_content_types(client, name, content_type):
    path = Path(settings.MEDIA_ROOT) / "types" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * 10)
    response = client.get(f"/media/types/{name}")
    assert response.headers["Content-Type"] == content_type
    assert "Content-Disposition" not in response.headers


def test_anything_else_is_a_download_never_a_page_on_this_origin(client):
    path = Path(settings.MEDIA_ROOT) / "types" / "page.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<script>alert(1)</script>")
    response = client.get("/media/types/page.html")
    assert response.headers["Content-Disposition"] == "attachment"


# What must not be served ------------------------------------------------------------------------


@pytest.fixture
def private_document():
    path = Path(settings.MEDIA_ROOT) / "documents" / "consent.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 private consent form")
    yield path
    path.unlink(missing_ok=True)


@pytest.mark.parametrize(
    "url",
    [
        "/media/documents/consent.pdf",
        "/media/documents/",
        "/media/images/../documents/consent.pdf",
        "/media/./documents/consent.pdf",
        "/media//documents/consent.pdf",
        "/media/DOCUMENTS/consent.pdf",
        "/media/documents%2Fconsent.pdf",
    ],
)
def test_wagtail_documents_are_never_served(client, private_document, url):
    response = client.get(url, headers={"Range": "bytes=0-3"})
    assert response.status_code == 404
    assert b"PDF" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/media/../cms/settings/base.py",
        "/media/%2e%2e/cms/settings/base.py",
        "/media/..%2fmanage.py",
        "/media/",
    ],
)
def test_nothing_outside_media_root_and_no_directory_listing(client, url):
    assert client.get(url).status_code == 404


def test_a_symlink_out_of_media_root_is_not_followed(client, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    link = Path(settings.MEDIA_ROOT) / "link.txt"
    link.unlink(missing_ok=True)
    link.symlink_to(secret)
    try:
        assert client.get("/media/link.txt").status_code == 404
    finally:
        link.unlink()


def test_a_link_to_documents_is_not_followed(client, private_document):
    link = Path(settings.MEDIA_ROOT) / "innocent.pdf"
    link.unlink(missing_ok=True)
    link.symlink_to(private_document)
    try:
        assert client.get("/media/innocent.pdf").status_code == 404
    finally:
        link.unlink()


# Streaming, not reading ---------------------------------------------------------------------------


@pytest.fixture
def big_file():
    """A 200 MB file that takes no disk space (sparse): its bytes read as zeros."""
    path = Path(settings.MEDIA_ROOT) / "big" / "film.mp4"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    yield path
    path.unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("headers", "expected_length"),
    [({}, 200 * 1024 * 1024), ({"Range": "bytes=52428800-"}, 150 * 1024 * 1024)],
)
def test_memory_stays_flat_serving_a_200_mb_file(client, big_file, headers, expected_length):
    tracemalloc.start()
    try:
        response = client.get("/media/big/film.mp4", headers=headers)
        assert response.streaming
        total = 0
        largest_chunk = 0
        for chunk in response.streaming_content:
            total += len(chunk)
            largest_chunk = max(largest_chunk, len(chunk))
        response.close()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == expected_length
    assert largest_chunk <= 64 * 1024
    # A few MB at most, whatever the file's size: nothing holds the whole file.
    assert peak < 4 * 1024 * 1024, f"peak Python allocation {peak / 1e6:.1f} MB"


def test_parse_range_unit():
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=9-", 10) == (9, 9)
    assert parse_range("bytes=-1", 10) == (9, 9)
    assert parse_range("bytes=0-99", 10) == (0, 9)
    assert parse_range("bytes=5-2", 10) is None
    assert parse_range("", 10) is None
