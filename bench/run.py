"""The district-scale benchmark (issue 12): production settings under gunicorn, on SQLite and
PostgreSQL, at demo size, 1,000 and 10,000 grown exhibits. See bench/README.md.

    .venv/bin/python bench/run.py                              # everything (about an hour)
    .venv/bin/python bench/run.py --sizes 0 --databases sqlite --duration 5   # a quick look

For each database and size it builds the site once (kept in bench/results/ and reused: --rebuild
starts again), then measures in Django (queries and bytes per page, publishing) and over HTTP with
wrk (req/s of each page built from scratch, with parts kept, and whole from the page cache; and of
a bare Django view returning the same bytes: the ceiling, every figure is also given as a ratio to
it), and search latency over a query mix.
Results go to bench/results/run-<time>.json and .md.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

# The "previous numbers" (req/s, SQLite / PostgreSQL), measured before this work.
PREVIOUS = {
    "home": (35.0, 20.1),
    "street": (31.9, 19.4),
    "community": (32.0, 25.5),
    "profile": (64.0, 37.1),
    "listing-daode-mofan": (37.8, 25.4),
    "listing-haoren-qiang": (49.9, 28.1),
    "listing-two-filters": (38.5, 22.4),
    "search": (27.2, 17.1),
    "api": (7.7, 4.8),
}
# The bare-Django ceiling of the machine the previous numbers came from: issue 12 puts half of it at
# "about 2,500 req/s". Dividing by it compares runs on machines (or loads) of different speed.
PREVIOUS_CEILING = 5000.0
# Queries a reader types: names, places (characters and pinyin), honours, kinds, categories.
SEARCH_MIX = [
    "好人", "浔美", "xunmei", "道德模范", "家风家训", "志愿服务", "见义勇为", "孝老爱亲", "东湖街道",
    "好人墙", "中国好人榜", "诚实守信", "陈秀英", "林志强", "微视频", "文明家庭", "退休教师", "社区",
    "福建好人榜", "xm",
]  # fmt: skip


# How each server is run: "built" renders every part of every page and ranks every search afresh (no
# page cache, no kept parts, no kept rankings, no remembered routes: near the first request after a
# change), "uncached" keeps parts of pages and search rankings for the content generation
# (core/fragments.py, SEARCH_CACHE_SECONDS) and remembers routes (core/routing.py) but no whole pages, "cached" keeps whole pages too (core/pagecache.py).
MODES = ("built", "uncached", "cached")


def env_for(database, mode="uncached", port=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        "CACHE_KEY_PREFIX": os.environ.get("BENCH_CACHE_PREFIX", "wenming-bench"),
        "MEDIA_ROOT": str(RESULTS / "media"),
        "STATIC_ROOT": str(RESULTS / "static"),
        "PAGE_CACHE_SECONDS": str(3600 if mode == "cached" else 0),
        "FRAGMENT_CACHE_SECONDS": str(0 if mode == "built" else 3600),
        "SEARCH_CACHE_SECONDS": str(0 if mode == "built" else 3600),
        "REMEMBERED_ROUTES": str(0 if mode == "built" else 2000),
        "LOG_LEVEL": "WARNING",
        # No worker recycling in the middle of a measurement (a fresh worker starts cold).
        "GUNICORN_MAX_REQUESTS": "0",
    }
    if port:
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    return env


def django(action, database, *args):
    """Run a bench/inprocess.py step; its last line is JSON."""
    out = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "inprocess.py"), action, *args],
        env=env_for(database),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(f"bench/inprocess.py {action} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def flush_cache():
    """Empty the benchmark's own Redis database (never a shared one)."""
    url = urllib.parse.urlparse(os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
    subprocess.run(
        [
            "redis-cli",
            "-h",
            url.hostname,
            "-p",
            str(url.port or 6379),
            "-n",
            url.path.strip("/") or "0",
            "FLUSHDB",
        ],
        check=True,
        capture_output=True,
    )


# Databases ----------------------------------------------------------------------------------------


def database_url(kind, size):
    if kind == "sqlite":
        return f"sqlite:///{RESULTS / f'bench-{size}.sqlite3'}"
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    prefix = os.environ.get("BENCH_DB_PREFIX", "wenming_bench")
    return f"{base}/{prefix}_{size}"


def psql(sql):
    base = urllib.parse.urlparse(os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    subprocess.run(
        ["psql", "-h", base.hostname, "-p", str(base.port or 5432), "-U", base.username or "postgres", "-d", "postgres",
         "-v", "ON_ERROR_STOP=1", "-qc", sql],
        check=True, capture_output=True,
    )  # fmt: skip


def postgres_exists(name):
    base = urllib.parse.urlparse(os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    out = subprocess.run(
        ["psql", "-h", base.hostname, "-p", str(base.port or 5432), "-U", base.username or "postgres", "-d", "postgres",
         "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return out.stdout.strip() == "1"


def prepare(kind, size, rebuild):
    """Build the site for (database, size) from the demo one, once; returns build timings."""
    url = database_url(kind, size)
    marker = RESULTS / f"built-{kind}-{size}.json"
    if marker.exists() and not rebuild:
        return json.loads(marker.read_text())
    demo_url = database_url(kind, 0)
    if size and (rebuild or not (RESULTS / f"built-{kind}-0.json").exists()):
        prepare(kind, 0, rebuild)
    if kind == "sqlite":
        target = Path(urllib.parse.urlparse(url).path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        if size:
            django("build", demo_url)  # checkpoint the demo database before copying it
            shutil.copy(Path(urllib.parse.urlparse(demo_url).path), target)
    else:
        name = url.rsplit("/", 1)[1]
        if postgres_exists(name):
            psql(f'DROP DATABASE "{name}"')
        if size:
            psql(f'CREATE DATABASE "{name}" TEMPLATE "{demo_url.rsplit("/", 1)[1]}"')
        else:
            psql(f'CREATE DATABASE "{name}"')
    result = django("build", url, "--exhibits", str(size))
    marker.write_text(json.dumps(result))
    return result


# HTTP ---------------------------------------------------------------------------------------------


class Server:
    """gunicorn with the repository's config, 2 sync workers, on a port of our own."""

    def __init__(self, database, mode, port, workers):
        self.port = port
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "cms.wsgi",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--workers",
                str(workers),
            ],
            env=env_for(database, mode, port),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(RESULTS / "gunicorn.log", "a"),  # noqa: SIM115 - closed with the process
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                status, _ = get(port, "/_bench/bare/home/")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("gunicorn did not start: see bench/results/gunicorn.log")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def get(port, path, connection=None):
    conn = connection or HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read()
    if connection is None:
        conn.close()
    return response.status, body


def wrk(port, path, duration):
    """req/s from `wrk -t1 -c8` (the issue's settings), after a short warm-up."""
    url = f"http://127.0.0.1:{port}{urllib.parse.quote(path, safe='/?=&*.')}"
    # Warm-up: every worker loads what a page needs once (jieba's dictionary for search, the
    # templates, the content generation's site data) before the measurement starts.
    subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{max(3, duration // 2)}s", "--timeout", "30s", url],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{duration}s", "--timeout", "30s", url],
        check=True,
        capture_output=True,
        text=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    if errors:
        raise RuntimeError(f"{path}: {errors.group(1)} error responses")
    return round(rate, 1)


def search_latency(port, rounds):
    """p50/p95 in ms over `rounds` passes of the query mix, one keep-alive connection."""
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    for _ in range(rounds):
        for query in SEARCH_MIX:
            path = "/search/?" + urllib.parse.urlencode({"q": query})
            start = time.perf_counter()
            status, _ = get(port, path, conn)
            timings.append((time.perf_counter() - start) * 1000)
            assert status == 200, (path, status)
    conn.close()
    timings.sort()
    return round(statistics.median(timings), 1), round(timings[int(len(timings) * 0.95) - 1], 1)


# Report -------------------------------------------------------------------------------------------


def ratio(value, reference):
    return f"{value / reference:.2f}" if value and reference else "–"


def report(results):
    lines = []
    for run in results["runs"]:
        kind, size = run["database"], run["size"]
        column = 0 if kind == "sqlite" else 1
        label = "demo" if size == 0 else f"{size:,}"
        lines += [
            f"### {kind}, {label} exhibits grown (update_index {run['build'].get('update_index_seconds')} s)",
            "",
            "| page | queries | bytes | CPU ms | bare req/s | built req/s | ÷ bare | uncached req/s | ÷ bare "
            "| ÷ previous | ÷ previous, normalised | cached req/s | ÷ bare |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, page in run["pages"].items():
            previous = PREVIOUS.get(name, (None, None))[column]
            uncached, bare = page.get("uncached"), page.get("bare_uncached", page.get("bare"))
            built = page.get("built")
            normalised = (
                f"{(uncached / bare) / (previous / PREVIOUS_CEILING):.1f}"
                if uncached and bare and previous
                else "–"
            )
            # Queries and CPU ms: with the parts kept / with every part built.
            queries = (
                f"{page['queries']} / {page['built_queries']}" if "built_queries" in page else page["queries"]
            )
            cpu = (
                f"{page['cpu_ms']} / {page['built_cpu_ms']}"
                if "built_cpu_ms" in page
                else page.get("cpu_ms", "–")
            )
            lines.append(
                f"| {name} | {queries} | {page['bytes']:,} | {cpu} | {bare or '–'} | "
                f"{built or '–'} | {ratio(built, page.get('bare_built'))} | {uncached or '–'} | "
                f"{ratio(uncached, bare)} | {ratio(uncached, previous)} | {normalised} | {page.get('cached', '–')} | "
                f"{ratio(page.get('cached'), page.get('bare_cached'))} |"
            )
        p50, p95 = run["search"]
        cpu50, cpu95 = run.get("search_cpu") or ("–", "–")
        built = run.get("search_built")
        lines += [
            "",
            f"search over {len(SEARCH_MIX)} queries × {results['search_rounds']}: p50 {p50} ms, p95 {p95} ms over "
            + (
                f"HTTP with rankings kept, p50 {built[0]} ms, p95 {built[1]} ms ranked afresh "
                if built
                else "HTTP "
            )
            + f"(CPU in Django, afresh: p50 {cpu50} ms, p95 {cpu95} ms); "
            f"publish one profile: {run['publish']['publish_ms']} ms, {run['publish']['publish_queries']} queries",
            "",
        ]
    return "\n".join(lines)


def rewrite_report(path):
    """The .md report of a finished run again, from its .json (after a change to `report`)."""
    results = json.loads(Path(path).read_text())
    Path(path).with_suffix(".md").write_text(report(results))
    print(report(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,1000,10000", help="grown exhibits, comma-separated (0: demo)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 18310)))
    parser.add_argument("--search-rounds", type=int, default=10)
    parser.add_argument("--pages", default="", help="only these pages (comma-separated names)")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--report", help="only rewrite the report of this run-<time>.json")
    args = parser.parse_args()
    if args.report:
        return rewrite_report(args.report)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    results = {"started": started, "search_rounds": args.search_rounds, "load": os.getloadavg(), "runs": []}
    for kind in args.databases.split(","):
        django("static", database_url(kind, 0))
        for size in [int(size) for size in args.sizes.split(",")]:
            print(f"== {kind}, {size} exhibits: building", flush=True)
            build = prepare(kind, size, args.rebuild)
            url = database_url(kind, size)
            # Publishing first: the bodies the bare view returns are then the ones the site serves.
            publish = django("publish", url)
            shutil.rmtree(RESULTS / "bodies", ignore_errors=True)
            pages = django("pages", url)
            search_cpu = pages.pop("_search_cpu")
            if args.pages:
                pages = {name: page for name, page in pages.items() if name in args.pages.split(",")}
            run = {
                "database": kind,
                "size": size,
                "build": build,
                "pages": pages,
                "publish": publish,
                "search_cpu": search_cpu,
            }
            for mode in MODES:
                flush_cache()
                server = Server(url, mode, args.port, args.workers)
                try:
                    for name, page in pages.items():
                        page[f"bare_{mode}"] = wrk(args.port, f"/_bench/bare/{name}/", args.duration)
                        page[mode] = wrk(args.port, page["url"], args.duration)
                        print(
                            f"   {name}: {mode} {page[mode]} req/s (bare {page[f'bare_{mode}']})", flush=True
                        )
                    if mode == "built":
                        run["search_built"] = search_latency(args.port, args.search_rounds)
                    if mode == "uncached":
                        run["search"] = search_latency(args.port, args.search_rounds)
                finally:
                    server.stop()
            run["load_after"] = os.getloadavg()
            results["runs"].append(run)
            (RESULTS / f"run-{started}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
            (RESULTS / f"run-{started}.md").write_text(report(results))
    print(report(results))


if __name__ == "__main__":
    main()
