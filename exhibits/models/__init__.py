from wagtail.models import Page

from .base import ExhibitPage, ExhibitTag
from .halls import FamilyMottoHallPage, HonouredFamily
from .honours import HonourTitle, ProfileHonour
from .listings import (
    INDEX_PAGE_MODELS,
    ExhibitIndexPage,
    HallIndexPage,
    ProfileIndexPage,
    StoryIndexPage,
    VideoIndexPage,
    WallIndexPage,
)
from .people import ProfilePage
from .stories import StoryPage
from .videos import VideoKind, VideoPage
from .walls import GoodPeopleWallPage

EXHIBIT_MODELS = (GoodPeopleWallPage, FamilyMottoHallPage, ProfilePage, StoryPage, VideoPage)


def index_pages_by_model(site):
    """{exhibit model: its live listing page} on `site`, in one query."""
    pages = (
        Page.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .type(*INDEX_PAGE_MODELS)
        .select_related("content_type")
    )
    return {page.specific_class.exhibit_model: page for page in pages}


__all__ = [
    "EXHIBIT_MODELS",
    "INDEX_PAGE_MODELS",
    "ExhibitIndexPage",
    "ExhibitPage",
    "ExhibitTag",
    "FamilyMottoHallPage",
    "GoodPeopleWallPage",
    "HallIndexPage",
    "HonourTitle",
    "HonouredFamily",
    "ProfileHonour",
    "ProfileIndexPage",
    "ProfilePage",
    "StoryIndexPage",
    "StoryPage",
    "VideoIndexPage",
    "VideoKind",
    "VideoPage",
    "WallIndexPage",
    "index_pages_by_model",
]
