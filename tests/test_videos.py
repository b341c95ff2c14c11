"""Video exhibits: uploads checked from their bytes and probed, captions, transcript, the page."""

import io

import av
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from wagtail.models import Collection

from demo import clips
from exhibits.models import VideoPage
from home.models import SiteImage
from videos import webvtt
from videos.ingest import inspect_upload
from videos.models import VideoCaption, VideoMedia, VideoSeries

from . import factories as f
from .sites import build_tree

VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n第一句字幕\n\n2\n00:00:01.000 --> 00:00:02.000\n<v 讲述人>第二句字幕</v>\n"


@pytest.fixture(scope="module")
def mp4_clip():
    data, extension = clips.clip("测试片段", seconds=2, fps=6)
    assert extension == "mp4"
    return data


def webm_clip(seconds=1, fps=4):
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="webm") as output:
        stream = output.add_stream("libvpx-vp9", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 64, 36, "yuv420p"
        for index in range(seconds * fps):
            frame = av.VideoFrame.from_image(Image.new("RGB", (64, 36), (index * 40, 80, 120)))
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    return buffer.getvalue()


def m4a_audio(seconds=1):
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="ipod") as output:
        stream = output.add_stream("aac", rate=44100)
        samples = 1024
        for index in range(seconds * 44100 // samples):
            frame = av.AudioFrame(format="fltp", layout="mono", samples=samples)
            frame.planes[0].update(bytes(samples * 4))
            frame.sample_rate = 44100
            frame.pts = index * samples
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    return buffer.getvalue()


def upload_data(file, title="走过的路", captions=(), **extra):
    data = {
        "title": title,
        "file": file,
        "collection": Collection.get_first_root_node().pk,
        "poster": "",
        "transcript": "这是影片的文字稿。",
        "series": "",
        "episode": "",
        "tags": "",
        "captions-TOTAL_FORMS": str(len(captions)),
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
    }
    for index, (language, caption_file) in enumerate(captions):
        data |= {
            f"captions-{index}-language": language,
            f"captions-{index}-label": "",
            f"captions-{index}-file": caption_file,
            f"captions-{index}-sort_order": str(index),
        }
    data.update(extra)
    return data


def vtt_file(text=VTT, name="zh.vtt"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/vtt")


def add_media(client, data, media_type="video"):
    return client.post(reverse("wagtailmedia:add", args=[media_type]), data)


def form_errors(response):
    form = response.context["form"]
    errors = [str(error) for errors in form.errors.values() for error in errors]
    if getattr(form, "captions_posted", False):
        errors += [str(error) for error in form.captions.non_form_errors()]
        for caption_form in form.captions.forms:
            errors += [str(e) for errs in caption_form.errors.values() for e in errs]
    return " ".join(errors)


# Uploads through wagtailmedia's own admin view ----------------------------------------------------


@pytest.mark.django_db
def test_a_valid_clip_uploads_with_duration_poster_and_captions(admin_client, mp4_clip):
    clip_file = SimpleUploadedFile("走过的路.mp4", mp4_clip, content_type="video/mp4")
    response = add_media(admin_client, upload_data(clip_file, captions=[("zh-Hans", vtt_file())]))
    assert response.status_code == 302, form_errors(response)

    media = VideoMedia.objects.get()
    assert media.type == "video"
    assert media.duration == pytest.approx(2.0, abs=0.2)
    assert (media.width, media.height) == (320, 180)
    assert media.file.name.endswith(".mp4")
    assert media.transcript == "这是影片的文字稿。"
    # A poster frame was taken from the film and stored as a site image without EXIF.
    assert media.poster is not None
    assert media.poster.collection_id == media.collection_id
    with media.poster.file.open("rb") as handle, Image.open(handle) as poster:
        assert poster.size == (320, 180)
        assert not poster.getexif()
    caption = media.captions.get()
    assert caption.language == "zh-Hans"
    assert caption.display_label == "简体中文"
    assert "第二句字幕" in media.caption_text()


@pytest.mark.django_db
@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_a_large_upload_is_probed_from_its_temporary_file(admin_client, mp4_clip):
    # Uploads past FILE_UPLOAD_MAX_MEMORY_SIZE arrive on disk (TemporaryUploadedFile).
    clip_file = SimpleUploadedFile("big.mp4", mp4_clip)
    response = add_media(admin_client, upload_data(clip_file))
    assert response.status_code == 302, form_errors(response)
    media = VideoMedia.objects.get()
    assert media.duration == pytest.approx(2.0, abs=0.2)
    assert media.poster is not None
    with media.file.open("rb") as stored:
        assert stored.read() == mp4_clip


@pytest.mark.django_db
def test_the_editors_poster_is_kept_and_no_frame_is_made(admin_client, mp4_clip):
    poster = f.SiteImageFactory()
    clip_file = SimpleUploadedFile("clip.mp4", mp4_clip)
    response = add_media(admin_client, upload_data(clip_file, poster=str(poster.pk)))
    assert response.status_code == 302, form_errors(response)
    assert VideoMedia.objects.get().poster == poster
    assert SiteImage.objects.count() == 1


@pytest.mark.django_db
def test_the_content_decides_not_the_name(admin_client, mp4_clip):
    clip_file = SimpleUploadedFile("clip.txt", mp4_clip, content_type="text/plain")
    response = add_media(admin_client, upload_data(clip_file))
    assert response.status_code == 302, form_errors(response)
    assert VideoMedia.objects.get().file.name.endswith(".mp4")


@pytest.mark.django_db
def test_webm_video_and_m4a_audio_are_accepted(admin_client):
    response = add_media(admin_client, upload_data(SimpleUploadedFile("clip.webm", webm_clip())))
    assert response.status_code == 302, form_errors(response)
    video = VideoMedia.objects.get(type="video")
    assert video.file.name.endswith(".webm")
    assert (video.width, video.height) == (64, 36)

    response = add_media(
        admin_client, upload_data(SimpleUploadedFile("song.m4a", m4a_audio()), title="歌曲"), "audio"
    )
    assert response.status_code == 302, form_errors(response)
    audio = VideoMedia.objects.get(type="audio")
    assert audio.file.name.endswith(".m4a")
    assert audio.duration > 0.5
    assert audio.poster is None


@pytest.mark.django_db
def test_a_renamed_text_file_is_refused(admin_client):
    fake = SimpleUploadedFile("film.mp4", "这不是视频，只是改了扩展名的文本。".encode() * 50)
    response = add_media(admin_client, upload_data(fake))
    assert response.status_code == 200
    assert "无法识别的文件" in form_errors(response)
    assert not VideoMedia.objects.exists()


@pytest.mark.django_db
@override_settings(VIDEOS_MAX_UPLOAD_SIZE=4096)
def test_an_over_size_file_is_refused(admin_client, mp4_clip):
    response = add_media(admin_client, upload_data(SimpleUploadedFile("big.mp4", mp4_clip)))
    assert response.status_code == 200
    assert "文件过大" in form_errors(response)
    assert "不能超过 4.0\xa0KB" in form_errors(response)
    assert not VideoMedia.objects.exists()


@pytest.mark.django_db
def test_an_undecodable_file_is_refused(admin_client, mp4_clip):
    # A real MP4 header followed by garbage: passes the magic-byte check, fails the decode.
    broken = mp4_clip[:32] + bytes(range(256)) * 40
    response = add_media(admin_client, upload_data(SimpleUploadedFile("broken.mp4", broken)))
    assert response.status_code == 200
    assert "无法解码这个文件" in form_errors(response)
    assert not VideoMedia.objects.exists()
    assert not SiteImage.objects.exists()


@pytest.mark.django_db
def test_audio_is_refused_as_a_video_and_video_as_audio(admin_client, mp4_clip):
    response = add_media(admin_client, upload_data(SimpleUploadedFile("song.mp4", m4a_audio())))
    assert "这是音频文件" in form_errors(response)
    response = add_media(admin_client, upload_data(SimpleUploadedFile("clip.mp3", mp4_clip)), "audio")
    assert "这是视频文件" in form_errors(response)
    assert not VideoMedia.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("1\n00:00:00.000 --> 00:00:01.000\n字幕\n".encode(), "第一行必须是“WEBVTT”"),
        ("WEBVTT\n\n字幕\n".encode(), "没有找到有效的字幕条目"),
        ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n字幕\n".encode("gb18030"), "UTF-8"),
    ],
)
def test_captions_must_be_webvtt_in_utf8(admin_client, mp4_clip, content, message):
    caption = SimpleUploadedFile("zh.vtt", content)
    clip_file = SimpleUploadedFile("clip.mp4", mp4_clip)
    response = add_media(admin_client, upload_data(clip_file, captions=[("zh-Hans", caption)]))
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not VideoMedia.objects.exists()


@pytest.mark.django_db
def test_one_caption_per_language(admin_client, mp4_clip):
    clip_file = SimpleUploadedFile("clip.mp4", mp4_clip)
    data = upload_data(clip_file, captions=[("zh-Hans", vtt_file()), ("zh-Hans", vtt_file(name="b.vtt"))])
    response = add_media(admin_client, data)
    assert "每种语言只能有一个字幕文件" in form_errors(response)


@pytest.mark.django_db
def test_series_needs_an_episode_number_and_episodes_are_unique(admin_client, mp4_clip):
    series = VideoSeries.objects.create(title="党史学习教育专题片")
    data = upload_data(SimpleUploadedFile("clip.mp4", mp4_clip), series=str(series.pk))
    assert "请填写这是第几集" in form_errors(add_media(admin_client, data))

    data = upload_data(SimpleUploadedFile("clip.mp4", mp4_clip), series=str(series.pk), episode="1")
    assert add_media(admin_client, data).status_code == 302
    data = upload_data(
        SimpleUploadedFile("c2.mp4", mp4_clip), title="另一集", series=str(series.pk), episode="1"
    )
    assert "该系列中已有这一集" in form_errors(add_media(admin_client, data))


@pytest.mark.django_db
def test_editing_adds_a_caption_without_reprobing(admin_client, mp4_clip):
    clip_file = SimpleUploadedFile("clip.mp4", mp4_clip)
    assert add_media(admin_client, upload_data(clip_file)).status_code == 302
    media = VideoMedia.objects.get()
    data = upload_data("", captions=[("nan", vtt_file(name="nan.vtt"))], poster=str(media.poster_id))
    del data["file"]
    response = admin_client.post(reverse("wagtailmedia:edit", args=[media.pk]), data)
    assert response.status_code == 302, form_errors(response)
    media.refresh_from_db()
    assert media.duration == pytest.approx(2.0, abs=0.2)
    assert media.captions.get().language == "nan"


@pytest.mark.django_db
def test_the_chooser_upload_works_without_caption_fields(admin_client, mp4_clip):
    data = upload_data(SimpleUploadedFile("clip.mp4", mp4_clip))
    data = {
        f"media-chooser-upload-{key}": value for key, value in data.items() if not key.startswith("captions-")
    }
    response = admin_client.post(reverse("wagtailmedia:chooser_upload", args=["video"]), data)
    assert response.status_code == 200
    media = VideoMedia.objects.get()
    assert media.poster is not None
    assert media.duration > 0


@pytest.mark.django_db
def test_the_add_form_shows_the_caption_fields(admin_client):
    response = admin_client.get(reverse("wagtailmedia:add", args=["video"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="captions-TOTAL_FORMS"' in html
    assert "字幕（WebVTT）" in html
    # Probed values are not typed by the editor.
    assert 'name="duration"' not in html


@pytest.mark.django_db
def test_series_are_edited_as_snippets(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_videos_videoseries:add"), {"title": "百年系列", "description": ""}
    )
    assert response.status_code == 302
    assert VideoSeries.objects.filter(title="百年系列").exists()
    assert admin_client.get(reverse("wagtailsnippets_videos_videoseries:list")).status_code == 200


def test_webvtt_plain_text_drops_timings_tags_and_settings():
    text = webvtt.decode(VTT.encode("utf-8"))
    assert webvtt.plain_text(text) == "第一句字幕\n第二句字幕"
    assert [round(cue[0]) for cue in webvtt.parse_cues(text)] == [0, 1]


def test_inspect_rejects_quicktime_and_matroska_by_their_headers():
    from django.core.exceptions import ValidationError

    for head, message in (
        (b"\x00\x00\x00\x14ftypqt  " + bytes(100), "QuickTime"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01matroska" + bytes(100), "MKV"),
    ):
        with pytest.raises(ValidationError) as caught:
            inspect_upload(ContentFile(head, name="x.mp4"), "video")
        assert message in caught.value.messages[0]


# The video page -----------------------------------------------------------------------------------


@pytest.fixture
def film(home_page):
    """A published video page whose media is a demo clip with captions and a transcript."""
    tree = build_tree(home_page, streets=1, communities_per_street=1)
    media, created = clips.demo_media("zouguo-de-lu", "走过的路", Collection.get_first_root_node())
    assert created
    page = f.VideoPageFactory(parent=tree.centre, title="《走过的路》", video=media, kind="feature")
    page.tags.add("党史学习")
    page.save_revision().publish()
    return tree, page


@pytest.mark.django_db
def test_the_video_page_has_poster_caption_track_and_transcript(client, film):
    _tree, page = film
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    caption = page.video.captions.get()
    assert 'preload="metadata"' in html
    assert 'poster="/media/images/' in html  # the media's poster frame: the page has none
    assert f'<track kind="captions" src="{caption.url}" srclang="zh-Hans" label="中文" default>' in html
    assert '<details class="transcript">' in html
    assert "本片段为演示数据" in html
    assert "0:05" in html
    assert "style=" not in html
    assert "<script>" not in html
    assert "frame-src 'none'" in response.headers["Content-Security-Policy"]

    track = client.get(caption.url)
    assert track.status_code == 200
    assert track.headers["Content-Type"] == "text/vtt; charset=utf-8"
    assert track.content.decode().startswith("WEBVTT")
    assert "回望丰泽一路走来的足迹" in track.content.decode()


@pytest.mark.django_db
def test_the_page_poster_overrides_the_media_poster(client, film):
    _tree, page = film
    assert page.poster_image == page.video.poster
    override = f.SiteImageFactory()
    page.poster = override
    page.save_revision().publish()
    page = VideoPage.objects.get(pk=page.pk)
    assert page.poster_image == override
    assert page.card_image == override


@pytest.mark.django_db
def test_captions_and_transcript_are_searchable(film):
    _tree, page = film
    text = page.search_captions()
    assert "回望丰泽一路走来的足迹" in text
    assert "唱支红歌给党听" in text
    assert "WEBVTT" not in text
    assert "-->" not in text
    assert "search_captions" in {field.field_name for field in VideoPage.get_search_fields()}


@pytest.mark.django_db
def test_the_site_search_finds_a_film_by_its_captions_and_follows_caption_changes(film):
    _tree, page = film
    assert page in VideoPage.objects.live().search("足迹")
    assert page not in VideoPage.objects.live().search("lighthouse")
    # A new caption track on the media reindexes the page that shows it.
    VideoCaption.objects.create(
        media=page.video,
        language="en",
        file=ContentFile(
            b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nA lighthouse by the sea\n", name="en.vtt"
        ),
    )
    assert page in VideoPage.objects.live().search("lighthouse")


@pytest.mark.django_db
def test_series_listing_and_related_exhibits(client, film):
    tree, page = film
    series = VideoSeries.objects.create(title="党史学习教育专题片")
    page.video.series, page.video.episode = series, 1
    page.video.save()
    second_media, _ = clips.demo_media(
        "bainian-jiaoyin", "百年脚印", Collection.get_first_root_node(), series, 2
    )
    second = f.VideoPageFactory(parent=tree.communities[0], title="《百年脚印》", video=second_media)
    story = f.StoryPageFactory(parent=tree.centre, title="同一处的故事")
    unrelated = f.StoryPageFactory(parent=tree.communities[0], title="别处的故事")

    html = client.get(page.url).content.decode()
    assert "党史学习教育专题片 · 全2集" in html
    assert html.index("第1集 《走过的路》（正在观看）") < html.index("第2集 《百年脚印》")
    assert f'href="{second.url}"' in html
    related = html[html.index("相关展项") :]
    assert story.title in related
    assert unrelated.title not in related
    assert second.title not in related  # already listed as an episode


@pytest.mark.django_db
def test_demo_media_is_made_once(home_page):
    root = Collection.get_first_root_node()
    media, created = clips.demo_media("bainian-xinhuo", "百年薪火", root)
    again, created_again = clips.demo_media("bainian-xinhuo", "百年薪火", root)
    assert created and not created_again
    assert again == media
    assert VideoCaption.objects.filter(media=media).count() == 1
    assert media.duration == pytest.approx(clips.SECONDS, abs=0.2)
