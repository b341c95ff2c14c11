"""Check deploy/varnish.vcl against the real thing: Varnish in front of gunicorn, purged on publish.

    .venv/bin/python bench/varnish_check.py        # needs varnishd (apt-get install varnish)

It starts gunicorn (production settings, bench/results/bench-0.sqlite3 from bench/run.py) and
Varnish on ports of its own, then checks: a page is kept (X-Cache: hit), elder and normal mode are
kept apart, a logged-in editor passes through, and publishing a change purges the page, its place,
its listing and the home page, so the next request shows it. Stops both servers at the end.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import RESULTS, database_url, env_for  # noqa: E402

VARNISH_PORT = int(os.environ.get("VARNISH_PORT", 18320))
BACKEND_PORT = int(os.environ.get("BACKEND_PORT", 18321))


def get(path, cookie=None):
    conn = HTTPConnection("127.0.0.1", VARNISH_PORT, timeout=30)
    # The Wagtail Site's hostname: purges name URLs on it (WAGTAILFRONTENDCACHE needs the real host).
    headers = {"Host": "localhost"}
    if cookie:
        headers["Cookie"] = cookie
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, response.getheader("X-Cache"), body


def wait_for(port):
    for _ in range(120):
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/robots.txt", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"nothing answers on {port}")


def publish_change(env, dry=False):
    """Change a person's intro and publish, in a separate process as an editor would."""
    script = f"""
import django, json, time
django.setup()
from exhibits.models import ProfilePage
page = ProfilePage.objects.live().order_by("path").first()
if not {dry}:
    page.intro = "清漆复查" + str(time.time_ns())
    page.save_revision().publish()
print(json.dumps({{"page": page.url, "intro": page.intro}}))
"""
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    if not shutil.which("varnishd"):
        sys.exit("varnishd not found: apt-get install varnish")
    database = database_url("sqlite", 0)
    if not Path(database.removeprefix("sqlite:///")).exists():
        sys.exit("Run bench/run.py once first (it builds bench/results/bench-0.sqlite3).")
    env = env_for(database, page_cache=True, port=BACKEND_PORT)
    env["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{VARNISH_PORT}"
    work = Path(tempfile.mkdtemp(prefix="varnish-check-"))
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text().replace('.port = "8000"', f'.port = "{BACKEND_PORT}"')
    (work / "site.vcl").write_text(vcl)
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "--workers", "1", "cms.wsgi"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(RESULTS / "gunicorn.log", "a"),  # noqa: SIM115
    )  # fmt: skip
    varnish = subprocess.Popen(
        ["varnishd", "-F", "-j", "none", "-n", str(work / "state"), "-a", f"127.0.0.1:{VARNISH_PORT}", "-f", str(work / "site.vcl"),
         "-s", "malloc,64m"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    failures = []

    def check(condition, what):
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            failures.append(what)

    try:
        wait_for(BACKEND_PORT)
        wait_for(VARNISH_PORT)
        listing = "/daode-mofan/"
        for path in ("/", listing):
            get(path)
            check(get(path)[1] == "hit", f"{path} is kept by Varnish")
        normal = get("/")[2]
        get("/", cookie="elder=1; other=x")
        _status, cache, elder = get("/", cookie="elder=1; other=y")
        check(
            cache == "hit" and "elder-mode" in elder and "elder-mode" not in normal, "elder mode kept apart"
        )
        check(get("/", cookie="sessionid=abc")[1] == "miss", "a session (editor) passes through")
        before = publish_change(env, dry=True)
        get(before["page"])
        check(get(before["page"])[1] == "hit", "the profile is kept before the change")
        change = publish_change(env)
        _status, cache, body = get(change["page"])
        check(
            cache == "miss" and change["intro"] in body,
            "the published change shows on the page's next request",
        )
        get("/nominate/")
        check(get("/nominate/")[1] == "miss", "the nomination form (CSRF) passes through")
    finally:
        varnish.terminate()
        gunicorn.terminate()
        varnish.wait(timeout=30)
        gunicorn.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
