from .images import SiteImage, SiteRendition
from .pages import HomeFeaturedExhibit, HomeFeaturedPerson, HomePage
from .places import (
    PLACE_PAGE_MODELS,
    CommunityPage,
    DistrictCentrePage,
    PlacePage,
    PracticePointPage,
    StreetPage,
)
from .site_settings import SiteSettings

__all__ = [
    "PLACE_PAGE_MODELS",
    "CommunityPage",
    "DistrictCentrePage",
    "HomeFeaturedExhibit",
    "HomeFeaturedPerson",
    "HomePage",
    "PlacePage",
    "PracticePointPage",
    "SiteImage",
    "SiteRendition",
    "SiteSettings",
    "StreetPage",
]
