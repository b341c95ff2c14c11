from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What the footer says about who runs the site; editable by the site administrators."""

    organisation = models.CharField(
        "主办单位", max_length=120, default="中共丰泽区委文明办、丰泽区新时代文明实践中心"
    )
    short_name = models.CharField(
        "简称",
        max_length=12,
        blank=True,
        help_text="手机上页头显示的站点简称，最多8个字为宜，例如：丰泽文明实践馆。不填则显示完整站名。",
    )
    address = models.CharField("地址", max_length=255, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    icp_number = models.CharField(
        "ICP备案号", max_length=60, blank=True, help_text="例如：闽ICP备XXXXXXXX号，显示在页脚。"
    )
    footer_note = models.CharField("页脚说明", max_length=255, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("short_name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("icp_number"),
        FieldPanel("footer_note"),
    ]

    class Meta:
        verbose_name = "站点信息"
