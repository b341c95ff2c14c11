"""Media files with Range support (embedded default) and caption tracks (always same-origin)."""

import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from . import webvtt
from .models import VideoCaption
from .serving import file_response, media_path


@require_safe
def serve_media(request, path):
    """MEDIA_ROOT at MEDIA_URL when SERVE_MEDIA is on; never Wagtail's private documents."""
    return file_response(request, media_path(path))


@require_safe
def caption(request, pk):
    """A caption track as text/vtt from this host, wherever the file is stored (disk or S3).

    `<track>` only loads same-origin files unless CORS is set up, so captions never point at a
    bucket's own address.
    """
    track = get_object_or_404(VideoCaption, pk=pk)
    try:
        with track.file.open("rb") as handle:
            data = handle.read(webvtt.MAX_CAPTION_SIZE + 1)
    except (OSError, ValueError) as exc:
        raise Http404("字幕文件不存在") from exc
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(data, content_type="text/vtt; charset=utf-8")
    response.headers["ETag"] = etag
    patch_cache_control(response, public=True, max_age=300)
    return response
