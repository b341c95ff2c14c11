"""/stats/: the numbers are the counts of live content, and follow every publish."""

import pytest
from bs4 import BeautifulSoup
from django.db.models import Count
from wagtail.models import Page

from core.kinds import exhibit_models
from exhibits.choices import DeedCategory, HonourLevel
from exhibits.models import ProfileHonour, ProfilePage

from . import factories as f
from .discovery_content import publish
from .sites import add_exhibits, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    tree = build_tree(home_page, streets=2, communities_per_street=2)
    add_exhibits(tree, per_community=1, with_images=False)
    # A draft and a private profile count for nothing.
    draft = f.ProfilePageFactory(parent=tree.communities[0], live=False)
    f.ProfileHonourFactory(profile=draft, title=tree.titles["national"], year=2010)
    return tree


def table(soup, key):
    rows = soup.select(f"#table-{key} tbody tr")
    return {row.th.get_text(strip=True): [int(td.get_text()) for td in row.select("td")] for row in rows}


def get_stats(client):
    response = client.get("/stats/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def live_honours():
    return ProfileHonour.objects.filter(profile__in=ProfilePage.objects.live().public().values("pk"))


def test_numbers_equal_counts_of_live_content(client, tree):
    soup = get_stats(client)
    honours = live_honours()
    by_level = dict(honours.values_list("title__level").annotate(n=Count("pk")))
    assert table(soup, "by_level") == {
        label: [by_level.get(value, 0)] for value, label in HonourLevel.choices
    }
    by_category = dict(honours.values_list("category").annotate(n=Count("pk")))
    assert table(soup, "by_category") == {
        label: [by_category.get(value, 0)] for value, label in DeedCategory.choices
    }
    by_year = dict(honours.values_list("year").annotate(n=Count("pk")))
    assert table(soup, "by_year") == {f"{year}年": [n] for year, n in by_year.items()}
    by_street = table(soup, "by_street")
    for street in tree.streets:
        expected = honours.filter(profile__path__startswith=street.path).count()
        assert by_street[street.title] == [expected]

    exhibits = table(soup, "exhibits")
    for street in tree.streets:
        counts = [
            model.objects.live().public().filter(path__startswith=street.path).count()
            for model in exhibit_models()
        ]
        assert exhibits[street.title] == [*counts, sum(counts)]
    total = sum(model.objects.live().public().count() for model in exhibit_models())
    assert int(soup.select_one("#total-exhibits").get_text()) == total
    assert int(soup.select_one("#total-honours").get_text()) == honours.count()
    people = ProfilePage.objects.live().public().filter(honours__isnull=False).distinct().count()
    assert int(soup.select_one("#total-people").get_text()) == people


def test_numbers_change_after_a_publish_and_an_unpublish(client, tree):
    before = get_stats(client)
    level_before = table(before, "by_level")["国家级"][0]
    exhibits_before = int(before.select_one("#total-exhibits").get_text())

    profile = f.ProfilePageFactory(parent=tree.communities[1], live=False)
    f.ProfileHonourFactory(profile=profile, title=tree.titles["national"], year=2024)
    # Saved as a draft: nothing changes.
    assert table(get_stats(client), "by_level")["国家级"][0] == level_before
    publish(profile)
    after = get_stats(client)
    assert table(after, "by_level")["国家级"][0] == level_before + 1
    assert table(after, "by_year")["2024年"] == [1]
    assert int(after.select_one("#total-exhibits").get_text()) == exhibits_before + 1

    profile.refresh_from_db()
    profile.unpublish()
    assert table(get_stats(client), "by_level")["国家级"][0] == level_before


def test_statistics_are_cached_between_publishes(client, tree, django_assert_max_num_queries):
    get_stats(client)
    with django_assert_max_num_queries(12):
        get_stats(client)


def test_charts_are_inline_svg_without_script_or_style(client, tree):
    soup = get_stats(client)
    charts = soup.select("svg.chart__svg")
    assert len(charts) == 5
    for svg in charts:
        assert svg["role"] == "img"
        title = svg.find("title")
        assert title is not None and soup.find(id=svg["aria-labelledby"]) is title
        assert not svg.find_all(style=True)
    assert not soup.find_all("script", src=False, type=lambda value: value != "application/ld+json")
    level = next(svg for svg in charts if svg["aria-labelledby"] == "chart-by_level-title")
    values = [int(text.get_text()) for text in level.select(".chart__value")]
    assert values == [row[0] for row in table(soup, "by_level").values()]
    widths = [float(rect["width"]) for rect in level.select(".chart__bar")]
    assert max(widths) > 0


def test_empty_site_has_a_stats_page(client, home_page):
    soup = get_stats(client)
    assert soup.select_one("#total-honours").get_text() == "0"
    assert Page.objects.count() >= 2
