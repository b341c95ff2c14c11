from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from exhibits.choices import DeedCategory, HonourLevel
from exhibits.models import HonourTitle
from home.models import CommunityPage, StreetPage

from .reading import RosterFileError, check_name, check_size, read_roster


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an upload once it passes the roster size limit, so a 100 MB file is never
    written to disk; the view then says the file is too large."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.request_length = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length or 0

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            # The request's length says how large the file is; only what was read so far is seen.
            self.request.roster_upload_too_large = max(self.request_length, start + len(raw_data))
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


class UploadForm(forms.Form):
    file = forms.FileField(
        label="名单文件",
        help_text="Excel 工作簿（.xlsx）或 CSV；CSV 可以是 GBK/GB18030、UTF-8（带或不带 BOM）编码。",
        error_messages={
            "required": "请选择要导入的文件。",
            "empty": "文件是空的（0字节），请检查是否选错了文件。",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, too_large=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.workbook = None
        self.data_bytes = b""

    def clean(self):
        if self.too_large:
            try:
                check_size(self.too_large)
            except RosterFileError as error:
                self.errors.pop("file", None)
                raise forms.ValidationError({"file": str(error)}) from error
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_name(upload.name)
            check_size(upload.size)
            self.data_bytes = upload.read()
            self.workbook = read_roster(self.data_bytes, upload.name)
        except RosterFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ExportForm(forms.Form):
    """The 道德模范 listing's filters, under the same GET parameter names."""

    street = forms.ModelChoiceField(
        label="街道", queryset=StreetPage.objects.order_by("path"), required=False, empty_label="全部街道"
    )
    community = forms.ModelChoiceField(
        label="社区", queryset=CommunityPage.objects.order_by("path"), required=False, empty_label="全部社区"
    )
    honour = forms.ModelChoiceField(
        label="荣誉称号",
        queryset=HonourTitle.objects.order_by("sort_order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="全部称号",
    )
    level = forms.ChoiceField(
        label="荣誉级别", choices=[("", "全部级别"), *HonourLevel.choices], required=False
    )
    category = forms.ChoiceField(
        label="类别", choices=[("", "全部类别"), *DeedCategory.choices], required=False
    )
    year = forms.IntegerField(
        label="年份",
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": "请填写四位数年份。",
            "min_value": "年份不对。",
            "max_value": "年份不对。",
        },
    )
    scope = forms.ChoiceField(
        label="范围",
        choices=[("live", "已发布（与公开页面一致）"), ("all", "全部，含未发布的草稿")],
        initial="live",
        required=False,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label="包含本人同意记录",
        required=False,
        help_text="同意人、同意日期、同意范围等个人信息，仅在确有需要时导出，并妥善保管导出的文件。",
    )
    format = forms.ChoiceField(
        label="格式",
        choices=[("xlsx", "Excel（.xlsx）"), ("csv", "CSV（UTF-8，Excel 可直接打开）")],
        initial="xlsx",
    )
