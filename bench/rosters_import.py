"""Benchmark: importing a 2,000-row honour roster (read, preview, import, index), and again.

Not a test: it measures. It builds a throwaway database with the place tree and roles, makes a
real-shaped .xlsx and a GBK .csv of `--rows` people, and times each phase with its query count:

    .venv/bin/python bench/rosters_import.py                 # SQLite in bench/results/
    .venv/bin/python bench/rosters_import.py --rows 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenming_bench .venv/bin/python bench/rosters_import.py

With DATABASE_URL the named PostgreSQL database is dropped and created again: give it a name of
its own. Results are printed and written to bench/results/rosters-<timestamp>.json.
"""

import argparse
import csv
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

SURNAMES = "陈林黄王李吴蔡张郑刘许洪庄苏施曾杨谢柯傅"
GIVEN = "秀志美建丽国淑文雅明惠永春清玉少婉金碧振月德素荣宝海桂天瑞芳"
CATEGORIES = ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲"]
TITLES = ["中国好人榜", "福建好人榜", "福建省道德模范", "丰泽区道德模范"]


def fresh_database():
    url = os.environ.get("DATABASE_URL")
    if url and url.startswith("postgres"):
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(url)
        admin = psycopg.connect(
            host=config["HOST"],
            port=config["PORT"] or 5432,
            user=config["USER"],
            password=config["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')
        admin.close()
        return url
    database = RESULTS / "rosters.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    return os.environ["DATABASE_URL"]


def build_site():
    """Home → centre → 8 streets → 80 communities, roles synced, the office, four titles."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Page, Site

    from exhibits.choices import HonourLevel, HonourRollKind
    from exhibits.models import HonourTitle
    from home.models import CommunityPage, DistrictCentrePage, HomePage, StreetPage
    from moderation.roles import OFFICE, sync_roles

    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="首页", slug="home"))
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    centre = home.add_child(instance=DistrictCentrePage(title="实践中心", slug="zhongxin"))
    communities = []
    for s in range(8):
        street = centre.add_child(instance=StreetPage(title=f"第{s}街道", slug=f"jiedao-{s}"))
        for n in range(10):
            communities.append(
                street.add_child(instance=CommunityPage(title=f"第{s}-{n}社区", slug=f"shequ-{s}-{n}"))
            )
    sync_roles()
    levels = [HonourLevel.NATIONAL, HonourLevel.PROVINCIAL, HonourLevel.PROVINCIAL, HonourLevel.DISTRICT]
    for n, (name, level) in enumerate(zip(TITLES, levels, strict=True)):
        HonourTitle.objects.create(name=name, slug=f"title-{n}", level=level, roll=HonourRollKind.MORAL_MODEL)
    office = get_user_model().objects.create_user("office", "office@example.com", "x")
    office.groups.add(Group.objects.get(name=OFFICE))
    return office, communities


def roster_rows(count, communities):
    header = [
        "序号",
        "姓名",
        "性别",
        "街道",
        "社区",
        "荣誉称号",
        "级别",
        "类别",
        "年份",
        "身份/职业",
        "事迹",
        "备注",
    ]
    rows = [header]
    for n in range(count):
        community = communities[n % len(communities)]
        name = SURNAMES[n % 20] + GIVEN[n // 20 % 30] + GIVEN[n // 600 % 30]
        rows.append(
            [
                n + 1,
                name,
                "男女"[n % 2],
                community.get_parent().title,
                community.title,
                TITLES[n % 4],
                "",
                CATEGORIES[n % 5],
                2010 + n % 14,
                "社区志愿者",
                f"{name}长期参与社区志愿服务，为独居老人送餐、理发、代办事务。",
                "",
            ]
        )
    return rows


def as_xlsx(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_gbk_csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("gbk")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    url = fresh_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ["ROSTERS_MAX_ROWS"] = str(max(args.rows, 5000))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from exhibits.models import ProfilePage
    from moderation.drafts import index_pages
    from rosters.importing import import_plan
    from rosters.models import RosterImport
    from rosters.planning import plan_import
    from rosters.reading import read_roster

    call_command("migrate", verbosity=0)
    office, communities = build_site()
    rows = roster_rows(args.rows, communities)
    files = {"xlsx": as_xlsx(rows), "csv": as_gbk_csv(rows)}
    report = {"database": url.split("@")[-1], "rows": args.rows, "phases": {}}

    def timed(name, function):
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(1)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            start = time.perf_counter()
            if os.environ.get("BENCH_PROFILE") == name:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                result = profiler.runcall(function)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            else:
                result = function()
            elapsed = time.perf_counter() - start
        report["phases"][name] = {"seconds": round(elapsed, 3), "queries": len(queries)}
        print(f"{name:<28} {elapsed:8.2f} s {len(queries):8d} queries")
        return result

    workbook = timed("read .xlsx", lambda: read_roster(files["xlsx"], "roster.xlsx"))
    timed("read GBK .csv", lambda: read_roster(files["csv"], "roster.csv"))
    plan = timed("preview (plan)", lambda: plan_import(workbook, office))
    assert not plan.has_errors, [p.message for row in plan.rows for p in row.problems][:5]
    pending = RosterImport.objects.create(file_name="roster.xlsx", checksum="-", size=1, uploaded_by=office)

    # The import's own transaction; indexing runs once it commits (immediate task backend).
    callbacks = []
    original_on_commit = transaction.on_commit

    def collect(function, *args, **kwargs):
        callbacks.append(function)

    transaction.on_commit = collect
    try:
        imported = timed("import (transaction)", lambda: import_plan(pending, plan, office))
    finally:
        transaction.on_commit = original_on_commit
    timed("after commit (emails)", lambda: [callback() for callback in callbacks])
    if not os.environ.get("BENCH_SKIP_INDEX"):
        # A large import leaves its drafts to `update_index`: the same work, timed here.
        drafts = list(ProfilePage.objects.filter(pk__in=[row["page"] for row in imported.rows]))
        timed("index the new drafts", lambda: index_pages(drafts))
    again = timed(
        "preview the same file again", lambda: plan_import(read_roster(files["xlsx"], "a.xlsx"), office)
    )
    assert again.counts["skip"] == args.rows, again.counts
    import_total = sum(
        report["phases"][name]["seconds"]
        for name in ("read .xlsx", "preview (plan)", "import (transaction)", "after commit (emails)")
    )
    print(f"{'upload to report (xlsx)':<28} {import_total:8.2f} s")
    out = RESULTS / f"rosters-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
