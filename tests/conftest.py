import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from home.models import HomePage


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rendition and settings caches must not leak rows that a rolled-back test created.
    cache.clear()
    yield
    cache.clear()


def ensure_home_page():
    """The site's HomePage (made by a data migration; rebuilt if a transactional test flushed it)."""
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="丰泽区新时代文明实践数字展馆", slug="home"))
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture
def home_page(db):
    return ensure_home_page()
