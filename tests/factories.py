"""Factories for every model tests build: one per page type, plus images and honour titles."""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from exhibits.choices import DeedCategory, HonourLevel, HonourRollKind, WallForm
from exhibits.models import (
    FamilyMottoHallPage,
    GoodPeopleWallPage,
    HallIndexPage,
    HonouredFamily,
    HonourTitle,
    ProfileHonour,
    ProfileIndexPage,
    ProfilePage,
    StoryIndexPage,
    StoryPage,
    VideoIndexPage,
    VideoPage,
    WallIndexPage,
)
from home.models import (
    CommunityPage,
    DistrictCentrePage,
    PracticePointPage,
    SiteImage,
    StreetPage,
)
from nominations.models import NominationPage
from videos.models import VideoMedia


class SiteImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"图片{n}")

    class Meta:
        model = SiteImage


class ConsentFormFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"知情同意书{n}")
    file = factory.django.FileField(filename="consent.pdf", data=b"%PDF-1.4 consent")


class VideoMediaFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"视频文件{n}")
    file = factory.django.FileField(filename="clip.mp4", data=b"\x00\x00\x00\x18ftypmp42")
    type = "video"
    duration = 12.5

    class Meta:
        model = VideoMedia


class DistrictCentrePageFactory(wagtail_factories.PageFactory):
    title = "丰泽区新时代文明实践中心"
    slug = "zhongxin"
    description = "全区文明实践的中心。"

    class Meta:
        model = DistrictCentrePage


class StreetPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"第{n}街道")
    slug = factory.Sequence(lambda n: f"street-{n}")
    description = "街道实践所。"

    class Meta:
        model = StreetPage


class CommunityPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"第{n}社区")
    slug = factory.Sequence(lambda n: f"community-{n}")
    description = "社区实践站。"

    class Meta:
        model = CommunityPage


class PracticePointPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"实践点{n}")
    slug = factory.Sequence(lambda n: f"point-{n}")

    class Meta:
        model = PracticePointPage


class HonourTitleFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"荣誉称号{n}")
    slug = factory.Sequence(lambda n: f"honour-{n}")
    level = HonourLevel.DISTRICT
    roll = HonourRollKind.MORAL_MODEL
    awarding_body = "丰泽区文明委"

    class Meta:
        model = HonourTitle
        django_get_or_create = ("name",)


class ExhibitPageFactory(wagtail_factories.PageFactory):
    intro = factory.LazyAttribute(lambda page: f"{page.title} 导语")


class ConsentedFactoryMixin(factory.base.Factory):
    """Consent recorded for everything (the default); pass consent_form=None etc. to test refusal."""

    consent_given_by = factory.LazyAttribute(lambda obj: "本人")
    consent_date = datetime.date(2024, 5, 1)
    consent_scope_name = True
    consent_scope_portrait = True
    consent_scope_story = True
    consent_form = factory.SubFactory(ConsentFormFactory)

    class Meta:
        abstract = True


class ProfilePageFactory(ConsentedFactoryMixin, ExhibitPageFactory):
    title = factory.Sequence(lambda n: f"人物{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    summary = "热心公益的社区居民。"
    occupation = "退休教师"

    class Meta:
        model = ProfilePage


class ProfileHonourFactory(DjangoModelFactory):
    profile = factory.SubFactory(ProfilePageFactory)
    title = factory.SubFactory(HonourTitleFactory)
    category = DeedCategory.HELPING_OTHERS
    year = 2020

    class Meta:
        model = ProfileHonour


class GoodPeopleWallPageFactory(ExhibitPageFactory):
    title = factory.Sequence(lambda n: f"好人墙{n}")
    slug = factory.Sequence(lambda n: f"wall-{n}")
    form = WallForm.WALL
    location = "社区广场"

    class Meta:
        model = GoodPeopleWallPage


class FamilyMottoHallPageFactory(ExhibitPageFactory):
    title = factory.Sequence(lambda n: f"家风家训馆{n}")
    slug = factory.Sequence(lambda n: f"hall-{n}")
    level = HonourLevel.MUNICIPAL
    location = "社区活动中心"

    class Meta:
        model = FamilyMottoHallPage


class HonouredFamilyFactory(ConsentedFactoryMixin, DjangoModelFactory):
    hall = factory.SubFactory(FamilyMottoHallPageFactory)
    kind = "family"
    names = factory.Sequence(lambda n: f"家庭{n}")
    level = HonourLevel.DISTRICT
    year = 2020

    class Meta:
        model = HonouredFamily


class StoryPageFactory(ExhibitPageFactory):
    title = factory.Sequence(lambda n: f"故事{n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    category = DeedCategory.HELPING_OTHERS

    class Meta:
        model = StoryPage


class VideoPageFactory(ExhibitPageFactory):
    title = factory.Sequence(lambda n: f"视频{n}")
    slug = factory.Sequence(lambda n: f"video-{n}")
    kind = "micro"

    class Meta:
        model = VideoPage


class ProfileIndexPageFactory(wagtail_factories.PageFactory):
    title = "道德模范"
    slug = "daode-mofan"

    class Meta:
        model = ProfileIndexPage


class WallIndexPageFactory(wagtail_factories.PageFactory):
    title = "好人墙"
    slug = "haoren-qiang"

    class Meta:
        model = WallIndexPage


class HallIndexPageFactory(wagtail_factories.PageFactory):
    title = "家风家训"
    slug = "jiafeng-jiaxun"

    class Meta:
        model = HallIndexPage


class VideoIndexPageFactory(wagtail_factories.PageFactory):
    title = "视频"
    slug = "shipin"

    class Meta:
        model = VideoIndexPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "故事"
    slug = "gushi"

    class Meta:
        model = StoryIndexPage


class NominationPageFactory(wagtail_factories.PageFactory):
    title = "我推荐身边好人"
    slug = "nominate"
    intro = "推荐您身边的好人好事。"
    privacy_notice = "<p>我们只为核实推荐事迹使用您填写的信息。</p>"
    privacy_notice_version = "2026-01"
    success_text = "<p>文明办会在10个工作日内核实。</p>"

    class Meta:
        model = NominationPage
