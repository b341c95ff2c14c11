import pytest
from django.core.cache import cache

from .sites import ensure_home_page


def pytest_configure(config):
    # `make test` compiles the catalogues first; a bare `pytest` after editing a .po does too.
    from core.translations import compile_catalogues

    compile_catalogues()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rendition and settings caches must not leak rows that a rolled-back test created.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    return ensure_home_page()
