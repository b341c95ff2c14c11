"""Serving files from MEDIA_ROOT with HTTP Range support (RFC 9110 §14), streamed from disk.

Safari and iOS will not play or seek a video whose server ignores `Range`, and Django's own
`django.views.static.serve` does. This is what the embedded default uses instead; production
hands MEDIA_URL to nginx or object storage (see README), which do the same.
"""

import mimetypes
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

CHUNK_SIZE = 64 * 1024

# Wagtail documents (consent forms among them) are served only by Wagtail's document view, which
# checks permissions and privacy. They must never be reachable at MEDIA_URL.
PRIVATE_DIRECTORIES = {"documents"}

CONTENT_TYPES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".m4a": "audio/mp4",
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
}
# Anything else is sent as a download, so an uploaded page can never run on the site's origin.
INLINE_PREFIXES = ("video/", "audio/", "image/", "text/vtt")
INLINE_BLOCKLIST = {"image/svg+xml"}

_RANGE_RE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class RangeNotSatisfiable(Exception):
    pass


def media_path(path):
    """The file under MEDIA_ROOT that `path` names; Http404 for anything else or anything private."""
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full = Path(safe_join(root, path)).resolve()
        relative = full.relative_to(root)
    except (SuspiciousFileOperation, ValueError, OSError) as exc:
        raise Http404("不存在的文件") from exc
    if not relative.parts or relative.parts[0].lower() in PRIVATE_DIRECTORIES:
        raise Http404("不存在的文件")
    try:
        if not full.is_file():
            raise Http404("不存在的文件")
    except (OSError, ValueError) as exc:
        raise Http404("不存在的文件") from exc
    return full


def content_type_for(path):
    extension = os.path.splitext(str(path))[1].lower()
    if extension in CONTENT_TYPES:
        return CONTENT_TYPES[extension]
    return mimetypes.guess_type(str(path))[0] or "application/octet-stream"


def etag_for(stat):
    """A strong validator: size and modification time in nanoseconds (as nginx does, finer)."""
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def parse_range(header, size):
    """(first, last) byte positions, inclusive, that `header` asks for.

    None when the header should be ignored (malformed, or several ranges: the whole file is a
    valid answer to those); RangeNotSatisfiable when no byte of the file is in the range.
    """
    match = _RANGE_RE.match(header or "")
    if not match:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - suffix, 0), size - 1
    first = int(first)
    if last != "" and int(last) < first:
        return None
    if first >= size:
        raise RangeNotSatisfiable
    end = size - 1 if last == "" else min(int(last), size - 1)
    return first, end


def if_range_allows(request, etag, mtime):
    """Whether a `Range` may be honoured given `If-Range` (absent, or still matching the file)."""
    value = request.headers.get("If-Range")
    if value is None:
        return True
    value = value.strip()
    if value.startswith(('"', "W/")):
        # Strong comparison: a weak validator never matches.
        return not value.startswith("W/") and value == etag
    date = parse_http_date_safe(value)
    return date is not None and date == int(mtime)


class FileWindow:
    """A read-only window of an open file: `read()` never goes past its end, nor reads much at once."""

    def __init__(self, handle, start, length):
        self.handle = handle
        self.remaining = length
        handle.seek(start)

    def read(self, size=-1):
        if self.remaining <= 0:
            return b""
        if size is None or size < 0 or size > CHUNK_SIZE:
            size = CHUNK_SIZE
        data = self.handle.read(min(size, self.remaining))
        self.remaining -= len(data)
        return data

    def close(self):
        self.handle.close()


def file_response(request, full_path):
    """200, 206, 304, 412 or 416 for the file at `full_path`, with body streamed from disk."""
    stat = full_path.stat()
    size = stat.st_size
    etag = etag_for(stat)
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": http_date(stat.st_mtime),
    }
    conditional = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if conditional is not None:
        for name, value in headers.items():
            conditional.headers.setdefault(name, value)
        return conditional

    content_type = content_type_for(full_path)
    headers["Content-Type"] = content_type
    base_type = content_type.split(";")[0]
    if not base_type.startswith(INLINE_PREFIXES) or base_type in INLINE_BLOCKLIST:
        headers["Content-Disposition"] = "attachment"

    start, length, status = 0, size, 200
    range_header = request.headers.get("Range")
    if range_header and if_range_allows(request, etag, stat.st_mtime):
        try:
            byte_range = parse_range(range_header, size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416, headers=headers)
            response.headers["Content-Range"] = f"bytes */{size}"
            return response
        if byte_range is not None:
            start, end = byte_range
            length = end - start + 1
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    headers["Content-Length"] = str(length)

    if request.method == "HEAD":
        return HttpResponse(status=status, headers=headers)
    response = FileResponse(FileWindow(open(full_path, "rb"), start, length), status=status)  # noqa: SIM115
    response.block_size = CHUNK_SIZE
    for name, value in headers.items():
        response.headers[name] = value
    return response
