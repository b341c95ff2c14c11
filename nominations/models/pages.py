"""The page that serves the public nomination form (/nominate/)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.mixins import MetaDescriptionMixin
from core.page_forms import SitePageForm

from ..form_views import nomination_form, nomination_thanks


class NominationPage(RoutablePageMixin, MetaDescriptionMixin, Page):
    """我推荐身边好人: editors place it and word it; the form itself lives in nominations.forms."""

    intro = models.TextField("导语", blank=True)
    privacy_notice = RichTextField(
        "隐私说明", help_text="说明收集哪些信息、用途、谁能看到、保存多久、如何撤回。"
    )
    privacy_notice_version = models.CharField(
        "隐私说明版本",
        max_length=40,
        default="2026-01",
        help_text="修改隐私说明时请更新版本号；每条推荐都记录提交时同意的版本。",
    )
    success_text = RichTextField("提交成功后的说明", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("privacy_notice"), FieldPanel("privacy_notice_version")], heading="隐私说明"
        ),
        FieldPanel("success_text"),
    ]

    base_form_class = SitePageForm
    parent_page_types = ["home.HomePage"]
    # The home page's first screen links here unless its editor chose another page.
    home_action = True
    subpage_types = []
    max_count = 1
    meta_description_source = "intro"

    class Meta:
        verbose_name = "推荐身边好人"
        verbose_name_plural = "推荐身边好人"

    @path("")
    def nominate(self, request):
        return nomination_form(request, self)

    @path("thanks/")
    def thanks(self, request):
        return nomination_thanks(request, self)
