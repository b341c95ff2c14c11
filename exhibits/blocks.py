"""StreamField blocks for exhibit pages. Templates live in templates/exhibits/blocks/."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from .choices import HonourLevel
from .consent import SCOPE_NAME, SCOPE_PORTRAIT, SCOPE_STORY, ConsentBlock, consent_problems


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "小标题"
        group = "文字"
        template = "exhibits/blocks/heading.html"
        form_classname = "title"


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "段落"
        group = "文字"
        template = "exhibits/blocks/paragraph.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引语")
    attribution = blocks.CharBlock(label="出处/讲述人", required=False)

    class Meta:
        icon = "openquote"
        label = "引语"
        group = "文字"
        template = "exhibits/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="图片")
    caption = blocks.CharBlock(label="图注", required=False)

    class Meta:
        icon = "image"
        label = "图片"
        group = "图片"
        template = "exhibits/blocks/captioned_image.html"


class GalleryBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(CaptionedImageBlock(), min_num=1, **kwargs)

    class Meta:
        icon = "image"
        label = "图集"
        group = "图片"
        template = "exhibits/blocks/gallery.html"


class DeedBlock(blocks.StructBlock):
    """One entry in a person's record of good deeds."""

    year = blocks.IntegerBlock(label="年份", min_value=1949, max_value=2100, required=False)
    title = blocks.CharBlock(label="事迹", max_length=120)
    text = blocks.TextBlock(label="经过", required=False)

    class Meta:
        icon = "date"
        label = "事迹"
        template = "exhibits/blocks/deed.html"


class MottoBlock(blocks.StructBlock):
    """A family's motto as shown in a family-motto hall (家风家训馆)."""

    family = blocks.CharBlock(label="家庭/家族", max_length=80)
    motto = blocks.TextBlock(label="家训原文")
    interpretation = blocks.TextBlock(label="释义", required=False)
    calligraphy = ImageBlock(label="书法作品照片", required=False)

    class Meta:
        icon = "doc-full"
        label = "家训"
        template = "exhibits/blocks/motto.html"


class FeaturedProfileBlock(blocks.StructBlock):
    """A person on a wall who has a profile page of their own."""

    profile = blocks.PageChooserBlock(label="人物", page_type="exhibits.ProfilePage")
    note = blocks.CharBlock(label="展示说明", required=False, help_text="例如：展板上的称号或一句话事迹")

    class Meta:
        icon = "user"
        label = "人物（已有档案）"
        template = "exhibits/blocks/featured_profile.html"


class PersonEntryBlock(blocks.StructBlock):
    """A person on a wall without a profile page: name, what they did and how they were honoured."""

    name = blocks.CharBlock(label="姓名", max_length=40)
    honour = blocks.CharBlock(label="称号", required=False, max_length=80)
    level = blocks.ChoiceBlock(label="级别", choices=HonourLevel.choices, required=False)
    year = blocks.IntegerBlock(label="年份", min_value=1949, max_value=2100, required=False)
    description = blocks.TextBlock(label="事迹简介", required=False)
    photo = ImageBlock(label="照片", required=False)
    consent = ConsentBlock()

    class Meta:
        icon = "user"
        label = "人物（无档案）"
        template = "exhibits/blocks/person_entry.html"

    @staticmethod
    def consent_problems(value):
        needs = {SCOPE_NAME}
        needs |= {SCOPE_PORTRAIT} if value.get("photo") else set()
        needs |= {SCOPE_STORY} if value.get("description") else set()
        return consent_problems(
            ConsentBlock.as_consent(value.get("consent")), needs, who=value.get("name") or "人物"
        )

    def clean(self, value):
        value = super().clean(value)
        if value.get("level") and not value.get("honour"):
            raise StructBlockValidationError(
                block_errors={"honour": ValidationError("选择了级别时，请填写称号。")}
            )
        return value


BODY_BLOCKS = [
    ("heading", HeadingBlock()),
    ("paragraph", ParagraphBlock()),
    ("quote", QuoteBlock()),
    ("image", CaptionedImageBlock()),
    ("gallery", GalleryBlock()),
]

FEATURED_PEOPLE_BLOCKS = [
    ("profile", FeaturedProfileBlock()),
    ("person", PersonEntryBlock()),
]
