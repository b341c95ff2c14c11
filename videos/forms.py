"""The admin form for media files (WAGTAILMEDIA["MEDIA_FORM_BASE"]).

wagtailmedia's add, edit and chooser-upload views all build their form on this base. It checks an
upload from its bytes (`videos.ingest`), fills in duration and size, gives a video a poster frame
when the editor chose none, and edits the caption tracks as an inline formset.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from wagtail.images.widgets import AdminImageChooser
from wagtailmedia.forms import BaseMediaForm

from . import ingest
from .models import VideoCaption, VideoMedia
from .probe import probe

DUPLICATE_LANGUAGE = "同一视频的每种语言只能有一个字幕文件。"


class BaseCaptionFormSet(BaseInlineFormSet):
    def validate_unique(self):
        # One track per language, said in Chinese before Django's generic "duplicate data".
        seen, duplicate = set(), False
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form in self.deleted_forms:
                continue
            language = data.get("language")
            if language in seen:
                form.add_error("language", DUPLICATE_LANGUAGE)
                duplicate = True
            seen.add(language)
        if duplicate:
            raise ValidationError(DUPLICATE_LANGUAGE, code="duplicate_language")
        super().validate_unique()


CaptionFormSet = inlineformset_factory(
    VideoMedia,
    VideoCaption,
    formset=BaseCaptionFormSet,
    fields=["language", "label", "file", "sort_order"],
    extra=1,
    can_delete=True,
    widgets={"file": forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"})},
)


class VideoMediaForm(BaseMediaForm):
    captions_prefix = "captions"

    class Meta(BaseMediaForm.Meta):
        widgets = {
            **BaseMediaForm.Meta.widgets,
            "poster": AdminImageChooser,
            "transcript": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._inspected = None
        self._poster_jpeg = None
        # The chooser's upload modal posts no caption formset; captions are then left alone.
        captions_posted = self.is_bound and f"{self.captions_prefix}-TOTAL_FORMS" in self.data
        self.captions = CaptionFormSet(
            self.data if captions_posted else None,
            self.files if captions_posted else None,
            instance=self.instance,
            prefix=self.captions_prefix,
        )
        self.captions_posted = captions_posted

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        want_poster = not self.data.get(self.add_prefix("poster"))
        self._inspected = ingest.inspect_upload(uploaded, self.instance.type, want_poster=want_poster)
        uploaded.name = self._inspected.filename
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if self._inspected:
            self.instance.type = self._inspected.media_type
            ingest.apply_probe(self.instance, self._inspected.probe)
            self._poster_jpeg = self._inspected.probe.poster_jpeg
        series, episode = cleaned.get("series"), cleaned.get("episode")
        if series and not episode:
            self.add_error("episode", "选择了所属系列时，请填写这是第几集。")
        if episode and not series:
            self.add_error("series", "填写集数时，请选择所属系列。")
        self._require_poster(cleaned)
        return cleaned

    def _require_poster(self, cleaned):
        if self.instance.type != "video" or cleaned.get("poster") or self._poster_jpeg:
            return
        if "file" in self.errors:
            return
        if self.instance.pk and self.instance.file and not self._inspected:
            # An older video saved without a poster: take a frame from the stored file.
            try:
                name = self.instance.file.name.rsplit(".", 1)[-1].lower()
                container = "webm" if name == "webm" else "mp4"
                with self.instance.file.open("rb") as stored:
                    self._poster_jpeg = probe(stored, container).poster_jpeg
            except (ValidationError, OSError, ValueError):
                # The stored file cannot be read or decoded: the editor chooses a poster instead.
                self._poster_jpeg = None
        if not self._poster_jpeg:
            self.add_error("poster", "视频必须有封面图：无法从视频中自动截取画面，请选择一张图片。")

    def is_valid(self):
        form_valid = super().is_valid()
        captions_valid = self.captions.is_valid() if self.captions_posted else True
        return form_valid and captions_valid

    @property
    def media(self):
        return super().media + self.captions.media

    @transaction.atomic
    def save(self, commit=True):
        media = super().save(commit=False)
        if media.type == "video" and not media.poster_id and self._poster_jpeg:
            media.poster = ingest.poster_image(media, self._poster_jpeg)
        if commit:
            media.save()
            self._save_m2m()
            if self.captions_posted:
                self.captions.instance = media
                self.captions.save()
        return media
