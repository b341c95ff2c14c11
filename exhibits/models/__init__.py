"""The exhibit kinds, one module each (page and listing page together), on a shared base.

Nothing outside this app needs the list of kinds: `core.kinds` finds them (see README, "Adding an
exhibit kind").
"""

from .base import ExhibitPage, ExhibitTag
from .halls import FamilyMottoHallPage, HallIndexPage, HonouredFamily
from .honours import HonourTitle, ProfileHonour, honour_totals
from .listings import ExhibitIndexPage
from .people import ProfileIndexPage, ProfilePage
from .stories import StoryIndexPage, StoryPage, StoryPerson
from .videos import VideoIndexPage, VideoKind, VideoPage
from .walls import GoodPeopleWallPage, WallIndexPage

__all__ = [
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
    "StoryPerson",
    "VideoIndexPage",
    "VideoKind",
    "VideoPage",
    "WallIndexPage",
    "honour_totals",
]
