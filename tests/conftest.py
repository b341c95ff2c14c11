import pytest
from django.core.cache import cache

from .sites import ensure_home_page


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rendition and settings caches must not leak rows that a rolled-back test created.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    return ensure_home_page()
