"""The public forms: a nomination, and the status look-up by receipt code."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from exhibits.choices import DeedCategory
from home.models import CommunityPage, StreetPage

from .receipts import normalise_receipt_code
from .uploads import clean_photo

START_SALT = "nominations.form-start"
START_MAX_AGE = 24 * 60 * 60
MOBILE = re.compile(r"1[3-9]\d{9}")
STORY_MIN, STORY_MAX = 50, 3000


def start_token(at=None):
    """A signed timestamp of when the form was shown (for the minimum fill time)."""
    return signing.dumps(int(at if at is not None else time.time()), salt=START_SALT)


def normalise_mobile(value):
    """'+86 138-1234 5678' → '13812345678'; None if it is not a mainland mobile number."""
    digits = re.sub(r"[\s\-–—()（）]", "", value or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if MOBILE.fullmatch(digits) else None


def community_choices():
    """Live communities grouped by street, in the order of the place tree."""
    streets = StreetPage.objects.live().public().order_by("path")
    communities = CommunityPage.objects.live().public().order_by("path")
    grouped = []
    for street in streets:
        options = [(str(c.pk), c.title) for c in communities if c.path.startswith(street.path)]
        if options:
            grouped.append((street.title, options))
    return [("", "请选择社区"), *grouped]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [file for file in files if file is not None]


class StoryField(forms.CharField):
    """Counts a line break as one character, as the browser's maxlength does (not CR+LF as two)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class HoneypotInput(forms.TextInput):
    """A field people never see (hidden by CSS, skipped by keyboard); bots fill it in."""


class NominationForm(forms.Form):
    nominee_name = forms.CharField(
        label="被推荐人姓名",
        max_length=40,
        error_messages={"required": "请填写被推荐人的姓名。", "max_length": "姓名不能超过40个字。"},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    community = forms.ChoiceField(
        label="所在社区",
        help_text="被推荐人居住或做好事所在的社区。",
        error_messages={"required": "请选择社区。", "invalid_choice": "请从列表中选择社区。"},
    )
    category = forms.ChoiceField(
        label="推荐类别",
        choices=DeedCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择一个推荐类别。", "invalid_choice": "请从五个类别中选择一个。"},
    )
    story = StoryField(
        label="好人好事",
        help_text=f"写清楚时间、地点、做了什么，{STORY_MIN}至{STORY_MAX}字。",
        min_length=STORY_MIN,
        max_length=STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "请写下被推荐人的事迹。",
            "min_length": f"事迹至少写{STORY_MIN}个字（现在是%(show_value)d个字）。",
            "max_length": f"事迹不能超过{STORY_MAX}个字（现在是%(show_value)d个字）。",
        },
    )
    photos = MultiplePhotoField(
        label="照片（可选）",
        required=False,
        help_text="最多5张，JPG、PNG 或 WebP，每张不超过8MB。照片上的位置等信息会被自动去除。",
    )
    nominator_name = forms.CharField(
        label="您的姓名",
        max_length=40,
        error_messages={"required": "请填写您的姓名。", "max_length": "姓名不能超过40个字。"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nominator_phone = forms.CharField(
        label="您的手机号",
        max_length=20,
        help_text="仅用于文明办核实情况，不会公开。",
        error_messages={"required": "请填写您的手机号。", "max_length": "请填写11位手机号。"},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    nominator_email = forms.EmailField(
        label="电子邮箱（可选）",
        required=False,
        max_length=254,
        error_messages={"invalid": "邮箱格式不正确，请检查或留空。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_processing = forms.BooleanField(
        label="我已阅读隐私说明，同意文明办为核实和整理推荐事迹处理我填写的信息。",
        error_messages={"required": "请阅读隐私说明并勾选同意，否则无法提交。"},
    )
    consent_nominee_informed = forms.BooleanField(
        label="被推荐人知道此次推荐，或我同意文明办在公开前征得其本人同意。",
        error_messages={"required": "请确认被推荐人知情，或同意由文明办征得其本人同意。"},
    )
    notice_version = forms.CharField(widget=forms.HiddenInput, required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=HoneypotInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    accessible_fields = (
        "nominee_name",
        "community",
        "story",
        "photos",
        "nominator_name",
        "nominator_phone",
        "nominator_email",
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["community"].choices = community_choices()
        self.fields["notice_version"].initial = page.privacy_notice_version
        self.fields["started"].initial = start_token()
        self.fields["story"].widget.attrs["maxlength"] = str(STORY_MAX)
        if settings.NOMINATION_CAPTCHA:
            from captcha.fields import CaptchaField, CaptchaTextInput

            class ChineseCaptchaInput(CaptchaTextInput):
                template_name = "nominations/captcha_widget.html"

            self.fields["captcha"] = CaptchaField(
                label="验证码",
                widget=ChineseCaptchaInput(),
                help_text="请输入图中的字母或数字（不区分大小写）。",
                error_messages={"invalid": "验证码不正确，请看新图重新输入。", "required": "请输入验证码。"},
            )
        for name, field in self.fields.items():
            if field.help_text and name in self.accessible_fields:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    # Accessibility: invalid fields point at their messages ---------------------------------

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} id_{name}-error".strip()

    @property
    def start_token_for_render(self):
        """Keep the original start time across a round of corrections (a person needs it)."""
        if self.is_bound and self._start_time() is not None:
            return self.data.get("started")
        return start_token()

    def _start_time(self):
        try:
            return signing.loads(self.data.get("started") or "", salt=START_SALT, max_age=START_MAX_AGE)
        except signing.BadSignature:
            return None

    # Fields -------------------------------------------------------------------------------------

    def clean_nominee_name(self):
        return self.cleaned_data["nominee_name"].strip()

    def clean_community(self):
        value = self.cleaned_data["community"]
        community = CommunityPage.objects.live().public().filter(pk=value).first()
        if community is None:
            raise ValidationError("请从列表中选择社区。", code="invalid_choice")
        return community

    def clean_photos(self):
        files = self.cleaned_data.get("photos") or []
        limit = settings.NOMINATION_MAX_PHOTOS
        if len(files) > limit:
            raise ValidationError(f"最多上传{limit}张照片（您选了{len(files)}张）。", code="too_many")
        cleaned, errors = [], []
        for uploaded in files:
            try:
                cleaned.append(clean_photo(uploaded))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned

    def clean_nominator_name(self):
        return self.cleaned_data["nominator_name"].strip()

    def clean_nominator_phone(self):
        phone = normalise_mobile(self.cleaned_data["nominator_phone"])
        if phone is None:
            raise ValidationError("请填写11位中国大陆手机号，例如 13812345678。", code="invalid")
        return phone

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website"):
            raise ValidationError("提交未通过安全检查，请刷新页面后重新填写。", code="honeypot")
        started = self._start_time()
        if started is None:
            raise ValidationError("页面已过期，请检查内容后再提交一次。", code="expired")
        if time.time() - started < settings.NOMINATION_MIN_FILL_SECONDS:
            raise ValidationError("提交得太快了，请检查填写的内容后再提交。", code="too_fast")
        if self.data.get("notice_version") != self.page.privacy_notice_version:
            self.add_error(
                "consent_processing",
                ValidationError("隐私说明已更新，请重新阅读后再勾选同意。", code="notice_changed"),
            )
        return cleaned


class StatusLookupForm(forms.Form):
    code = forms.CharField(
        label="回执编号",
        max_length=20,
        help_text="提交推荐后页面上显示的10位编号。",
        error_messages={"required": "请填写回执编号。", "max_length": "回执编号不正确。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    last4 = forms.CharField(
        label="手机号后四位",
        max_length=4,
        min_length=4,
        error_messages={
            "required": "请填写手机号后四位。",
            "min_length": "请填写4位数字。",
            "max_length": "请填写4位数字。",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_code(self):
        return normalise_receipt_code(self.cleaned_data["code"])

    def clean_last4(self):
        value = self.cleaned_data["last4"].strip()
        if not value.isdigit() or len(value) != 4:
            raise ValidationError("请填写4位数字。", code="invalid")
        return value
