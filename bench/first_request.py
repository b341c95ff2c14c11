"""Benchmark: the first request after the server starts, against warm requests.

Not a test: it measures. For each page it starts gunicorn as production does (`--preload`, one
worker) on the bench's SQLite copy of the demo site, waits until the port listens (the warm-up
runs before that), times the first request, then the median of warm ones, and stops the server:

    .venv/bin/python bench/first_request.py              # with the warm-up (cms/warmup.py)
    .venv/bin/python bench/first_request.py --no-warm-up # as it was before: for comparison

Target: the first request within 2x of a warm one. Also prints how long start-up took (process
start to listening port). Results go to bench/results/first-request-<timestamp>.json.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE = RESULTS / "demo.sqlite3"
# Pages that were slow on a first request before the warm-up (issue 13), by slug where needed.
PAGES = {
    "home": "/",
    "search": "/search/?q=好人",
    "listing": "/daode-mofan/",
    "wall": None,  # found in the database: a good-people wall, a profile with a portrait
    "profile": None,
}


def build_database():
    """The same demo database bench/pages.py uses, built once."""
    if DATABASE.exists():
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = bench_env(warm_up=False)
    for command in (["migrate", "--noinput", "--verbosity=0"], ["load_demo", "--verbosity=0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def bench_env(warm_up=True):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DJANGO_DEBUG="0",
        DATABASE_URL=f"sqlite:///{DATABASE}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_WARM_UP="1" if warm_up else "0",
    )
    return env


def find_pages():
    code = (
        "import django; django.setup();"
        "from exhibits.models import GoodPeopleWallPage, ProfilePage;"
        # Not the first of their kind: the warm-up renders those.
        "print(GoodPeopleWallPage.objects.live().last().url);"
        "print(ProfilePage.objects.live().filter(portrait__isnull=False).last().url)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=bench_env(False),
        capture_output=True,
        text=True,
        check=True,
    )
    wall, profile = out.stdout.split()[-2:]
    return {**PAGES, "wall": wall, "profile": profile}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped during start-up")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not listen in time")


def fetch(url):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (a local server)
        response.read()
        status = response.status
    return (time.perf_counter() - start) * 1000, status


def measure(path, warm_up, rounds):
    """Start a server, time the first request to `path` and then warm ones, stop the server."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "cms.wsgi",
        "--preload",
        "--workers=1",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=bench_env(warm_up))
    try:
        wait_for_port(port, process)
        startup = (time.perf_counter() - started) * 1000
        url = f"http://127.0.0.1:{port}{urllib.request.quote(path, safe='/?=&')}"
        first, status = fetch(url)
        warm = [fetch(url)[0] for _ in range(rounds)] or [first]
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {
        "url": path,
        "status": status,
        "startup_ms": round(startup),
        "first_ms": round(first, 1),
        "warm_median_ms": round(statistics.median(warm), 1),
        "ratio": round(first / statistics.median(warm), 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="warm requests per page")
    parser.add_argument("--no-warm-up", action="store_true", help="start without cms/warmup.py")
    args = parser.parse_args()
    build_database()
    warm_up = not args.no_warm_up
    pages = find_pages()
    # Renditions are made once and kept: make them now, so no measured request pays for them.
    for path in pages.values():
        measure(path, warm_up=False, rounds=0)
    report = {}
    print(f"first request after start-up ({'with' if warm_up else 'without'} warm-up), gunicorn --preload")
    for name, path in pages.items():
        report[name] = result = measure(path, warm_up, args.rounds)
        print(
            f"{name:<10} start-up {result['startup_ms']:>6} ms  first {result['first_ms']:>7.1f} ms  "
            f"warm {result['warm_median_ms']:>6.1f} ms  first/warm {result['ratio']:>5.2f}x"
        )
    label = "warm-up" if warm_up else "no-warm-up"
    out = RESULTS / f"first-request-{label}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
