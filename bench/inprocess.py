"""The benchmark's measurements made inside Django (run by bench/run.py, one process per step).

    python bench/inprocess.py build --exhibits 1000   # migrate, load_demo, grow_demo, update_index
    python bench/inprocess.py pages                   # the pages measured: URL, queries, bytes, body
    python bench/inprocess.py publish                 # publishing one profile: time and queries
    python bench/inprocess.py static                  # collectstatic (production's manifest)

Each prints one JSON object on its last line. The environment (DJANGO_SETTINGS_MODULE=bench.settings,
DATABASE_URL, REDIS_URL …) comes from bench/run.py.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "bench" / "results" / "bodies"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def build(exhibits):
    from django.core.management import call_command
    from django.db import connection

    from demo.build import demo_is_loaded
    from demo.grow import grow_demo, grown_exhibits

    result = {}
    call_command("migrate", verbosity=0)
    if not demo_is_loaded():
        start = time.perf_counter()
        call_command("load_demo", verbosity=0, force=True)
        result["load_demo_seconds"] = round(time.perf_counter() - start, 1)
    if exhibits and grown_exhibits().count() < exhibits:
        start = time.perf_counter()
        grow_demo(exhibits)
        result["grow_seconds"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    result["update_index_seconds"] = round(time.perf_counter() - start, 1)
    if connection.vendor == "postgresql":
        # What autovacuum would do to a site that has run a while: without it, index-only scans
        # visit the table for every row and the planner guesses from stale counts.
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        result["vacuum_seconds"] = round(time.perf_counter() - start, 1)
    result["grown_exhibits"] = grown_exhibits().count()
    return result


def page_urls():
    """The pages measured, named as in the issue's table; the first live page of each type."""
    from exhibits.models import FamilyMottoHallPage, GoodPeopleWallPage, ProfilePage, StoryPage, VideoPage
    from home.models import CommunityPage, StreetPage

    def first(model, **filters):
        page = model.objects.live().filter(**filters).order_by("path").first()
        return page.url if page else None

    return {
        "home": "/",
        "street": first(StreetPage),
        "community": first(CommunityPage, slug="xunmei"),
        "profile": first(ProfilePage),
        "wall": first(GoodPeopleWallPage),
        "hall": first(FamilyMottoHallPage),
        "story": first(StoryPage),
        "video": first(VideoPage),
        "listing-daode-mofan": "/daode-mofan/",
        "listing-haoren-qiang": "/haoren-qiang/",
        "listing-two-filters": "/daode-mofan/?level=district&year=2018",
        "search": "/search/?q=好人",
        "api": "/api/v2/pages/?type=exhibits.ProfilePage&fields=*",
    }


def pages():
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    BODIES.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, url in page_urls().items():
            if url is None:
                continue
            client.get(url)  # renditions
            client.get(url)  # what is kept for the content generation
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # Counted now: the captured list is read from the connection's log, which the next
            # request empties (Django's request_started signal).
            count = len(queries)
            assert response.status_code == 200, (url, response.status_code)
            (BODIES / f"{name}.html").write_bytes(response.content)
            # CPU time of rendering in this process (the database's too, for SQLite): unlike req/s
            # over HTTP, hardly moved by what else the machine is running.
            cpu = []
            for _ in range(5):
                start = time.process_time()
                client.get(url)
                cpu.append((time.process_time() - start) * 1000)
            result[name] = {
                "url": url,
                "queries": count,
                "bytes": len(response.content),
                "cpu_ms": round(statistics.median(cpu), 1),
                **built_page(client, url),
            }
        result["_search_cpu"] = search_cpu(client)
    return result


def built_page(client, url):
    """Queries and CPU ms of `url` with no part kept (core/fragments.py): the first request after a
    change, and what an unkept query string costs."""
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(FRAGMENT_CACHE_SECONDS=0, REMEMBERED_ROUTES=0):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)
        cpu = []
        for _ in range(5):
            start = time.process_time()
            client.get(url)
            cpu.append((time.process_time() - start) * 1000)
    return {"built_queries": count, "built_cpu_ms": round(statistics.median(cpu), 1)}


def search_cpu(client, rounds=3):
    """p50/p95 CPU ms of the search page over the query mix (see bench/run.py SEARCH_MIX)."""
    from urllib.parse import urlencode

    from django.test import override_settings
    from run import SEARCH_MIX

    timings = []
    for query in SEARCH_MIX:
        client.get("/search/?" + urlencode({"q": query}))
    with override_settings(SEARCH_CACHE_SECONDS=0):  # every search ranked afresh
        for _ in range(rounds):
            for query in SEARCH_MIX:
                start = time.process_time()
                client.get("/search/?" + urlencode({"q": query}))
                timings.append((time.process_time() - start) * 1000)
    timings.sort()
    return [round(statistics.median(timings), 1), round(timings[int(len(timings) * 0.95) - 1], 1)]


def publish(rounds=5, show_queries=False):
    """Publish one profile `rounds` times after a warm-up; `show_queries` prints the last one's SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import generation
    from exhibits.models import ProfilePage

    page = ProfilePage.objects.live().order_by("path").first()
    timings, counts = [], []
    for n in range(rounds + 1):
        page = ProfilePage.objects.get(pk=page.pk)
        page.intro = f"{page.intro.split('（第')[0]}（第{n}次修改）"
        connection.queries_log.clear()
        with generation.pinned(), CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            page.save_revision().publish()
            elapsed = (time.perf_counter() - start) * 1000
        if n:  # the first warms the process (dictionary, templates)
            timings.append(elapsed)
            counts.append(len(queries))
    if show_queries:
        for number, query in enumerate(queries.captured_queries, 1):
            print(f"{number:3}. {query['sql'][:160]}", file=sys.stderr)
    return {"publish_ms": round(statistics.median(timings), 1), "publish_queries": max(counts)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["build", "pages", "publish", "static"])
    parser.add_argument("--exhibits", type=int, default=0)
    parser.add_argument("--show-queries", action="store_true", help="publish: print its SQL")
    args = parser.parse_args()
    setup()
    if args.action == "build":
        result = build(args.exhibits)
    elif args.action == "pages":
        result = pages()
    elif args.action == "static":
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        result = {}
    else:
        result = publish(show_queries=args.show_queries)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
