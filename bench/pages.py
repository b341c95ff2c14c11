"""Benchmark: how long the public pages take to render, and how many queries they make.

Not a test: it measures. Run it against a throwaway SQLite copy of the demo site:

    .venv/bin/python bench/pages.py            # builds bench/results/demo.sqlite3 once, then times
    .venv/bin/python bench/pages.py --rounds 50

Results are printed and written to bench/results/pages-<timestamp>.json (ignored by git), so runs
before and after a change can be compared.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))


def setup_django(database):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed requests per page")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    database = RESULTS / "demo.sqlite3"
    fresh = not database.exists()
    setup_django(database)

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    settings.PAGE_CACHE_SECONDS = 0  # rendering is measured here; bench/run.py measures the cache
    if fresh:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)

    from core.kinds import exhibit_models
    from home.models import CommunityPage, StreetPage

    urls = {"home": "/", "search": "/search/?q=好人"}
    for model in exhibit_models():
        page = model.objects.live().first()
        if page:
            urls[model.__name__] = page.url
    urls["street"] = StreetPage.objects.live().first().url
    urls["community"] = CommunityPage.objects.live().first().url
    urls["listing"] = "/daode-mofan/"
    urls["listing-filtered"] = "/daode-mofan/?level=district&year=2018"

    client = Client()
    report = {}
    for name, url in urls.items():
        client.get(url)  # warm renditions and caches
        connection.queries_log.clear()  # a full log (after load_demo) would hide new entries
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: the context's view of the log shifts later
        timings = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        report[name] = {
            "url": url,
            "status": response.status_code,
            "queries": query_count,
            "median_ms": round(statistics.median(timings), 1),
            "p90_ms": round(sorted(timings)[int(len(timings) * 0.9) - 1], 1),
        }
        print(
            f"{name:<20} {report[name]['median_ms']:>7.1f} ms  p90 {report[name]['p90_ms']:>7.1f} ms  {query_count:>3} queries"
        )
    out = RESULTS / f"pages-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
