"""Faults under load: the production stack keeps serving while PostgreSQL and Redis restart.

Not a test, and not part of `make test`: it builds a throwaway production stack, loads it, breaks
it and reports. Run it on a machine with the PostgreSQL server binaries and redis-server (nginx is
installed from Debian when missing):

    .venv/bin/python bench/faults.py                 # 60 s of load, the defaults below
    .venv/bin/python bench/faults.py --duration 120 --down 5

What it starts, all its own, on ports 18150-18161 and in a temporary folder (removed at the end):
a PostgreSQL cluster (initdb), redis-server, two gunicorn instances with cms.settings.production
(deploy/gunicorn.conf.py) and nginx with deploy/nginx.conf in front of them (TLS with a throwaway
certificate). It never touches the machine's own PostgreSQL, Redis or nginx.

What it shows:
- across the two instances: a login (session) made through one is honoured by the other; a rate
  limit counts every post whichever instance takes it; a receipt page reads the session written
  by the other instance; photos uploaded to one are read back through the other (admin view);
- under a bounded load of public pages and nomination posts, PostgreSQL is stopped and started
  again, later Redis: requests, errors by status, each error window against the outage, and that
  every nomination that got a receipt is in the database with its photos afterwards.
- PostgreSQL restarted once more with no load, then 8 visitors at once: with CONN_HEALTH_CHECKS
  every worker reconnects; `--no-conn-health-checks` shows what happens without it.
The demo site is built once (load_demo) and kept as a backup_site archive in
bench/results/faults-demo/; later runs restore it with restore_site (`--fresh` rebuilds it).
Results are printed and written to bench/results/faults-<time>.json (with every request and probe).
"""

import argparse
import glob
import io
import json
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEMO_ARCHIVES = RESULTS / "faults-demo"
VENV_BIN = Path(sys.executable).parent
PORTS = {"https": 18150, "app_a": 18151, "app_b": 18152, "http": 18153, "postgres": 18160, "redis": 18161}
HOST = "localhost"
BASE = f"https://{HOST}:{PORTS['https']}"
STORY = (
    "王阿姨退休后每天早上在小区门口义务指挥交通，十年来风雨无阻。"
    "去年冬天她还发现独居老人李大爷摔倒在家中，及时叫来救护车，挽救了老人的生命。"
)
# Lookups allowed per address in the cross-instance rate-limit check (NOMINATION_LOOKUP_RATE).
LOOKUP_LIMIT = 10


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command, **kwargs):
    kwargs.setdefault("check", True)
    return subprocess.run(command, **kwargs)


def wait_for(predicate, timeout, what):
    deadline, last_error = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception as exc:  # not up yet
            last_error = exc
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {timeout} s (last error: {last_error!r})")


def port_answers(port):
    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True


# The services ------------------------------------------------------------------------------------


def as_postgres_user(command):
    """initdb and postgres refuse to run as root: run them as the `postgres` system user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Postgres:
    def __init__(self, folder):
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        if not versions:
            sys.exit(
                "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)."
            )
        self.bin = Path(versions[-1]).parent
        self.data, self.sockets, self.logfile = folder / "pg", folder / "pg-sockets", folder / "pg.log"
        for path in (self.data, self.sockets):
            path.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
            shutil.chown(self.sockets, "postgres", "postgres")
            self.logfile.touch()
            shutil.chown(self.logfile, "postgres", "postgres")

    def pg_ctl(self, *args):
        return as_postgres_user([str(self.bin / "pg_ctl"), "-D", str(self.data), *args])

    def init(self):
        run(
            as_postgres_user(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                ]
            ),
            stdout=subprocess.DEVNULL,
        )
        # In the cluster's own configuration, so every later start uses this port and never the
        # machine's 5432.
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport = {PORTS['postgres']}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.sockets}'\n"
            )
        self.start()
        run(
            [
                str(self.bin / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(PORTS["postgres"]),
                "-U",
                "postgres",
                "-qc",
                "CREATE DATABASE wenming",
            ],
        )

    def stop(self, mode="fast"):
        run(self.pg_ctl("-m", mode, "-w", "stop"), stdout=subprocess.DEVNULL)

    def start(self):
        # -w: returns once the server accepts connections.
        run(self.pg_ctl("-l", str(self.logfile), "-w", "start"), stdout=subprocess.DEVNULL)

    def shutdown(self):
        run(
            self.pg_ctl("-m", "immediate", "stop"),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


class Redis:
    def __init__(self, folder):
        self.executable = shutil.which("redis-server") or sys.exit(
            "redis-server not found (apt-get install redis-server)."
        )
        self.folder = folder / "redis"
        self.folder.mkdir()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                self.executable,
                "--port", str(PORTS["redis"]),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.folder),
                "--logfile", str(self.folder / "redis.log"),
            ]
        )  # fmt: skip
        wait_for(self.ping, 10, "redis-server")

    @staticmethod
    def ping():
        with socket.create_connection(("127.0.0.1", PORTS["redis"]), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def ensure_nginx():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    log("nginx is not installed: installing Debian's package (its service is kept from starting)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    policy = Path("/usr/sbin/policy-rc.d")
    blocked = False
    if os.geteuid() == 0 and not policy.exists():
        # Debian's convention for "do not start services on install": the machine's port 80 stays free.
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        blocked = True
    try:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run([*sudo, "apt-get", "update", "-qq"], env=env)
        run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"], env=env)
    finally:
        if blocked:
            policy.unlink()
    return shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_site_config(folder, certificate, key):
    """deploy/nginx.conf with this run's ports, host name and paths. Every substitution must apply:
    if the deployment example changes shape, this fails instead of testing something else."""
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    substitutions = [
        ("server 127.0.0.1:8000 ", f"server 127.0.0.1:{PORTS['app_a']} "),
        ("server 127.0.0.1:8001 ", f"server 127.0.0.1:{PORTS['app_b']} "),
        ("    listen 80;\n", f"    listen 127.0.0.1:{PORTS['http']};\n"),
        ("    listen [::]:80;\n", ""),
        ("    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{PORTS['https']} ssl http2;\n"),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("server_name wenming.example.org;", f"server_name {HOST};"),
        ("/etc/ssl/wenming/fullchain.pem", str(certificate)),
        ("/etc/ssl/wenming/privkey.pem", str(key)),
        ("alias /srv/wenming/media/;", f"alias {folder / 'media'}/;"),
        # Only here: which instance answered, so the report can show requests crossing instances.
        (
            "    server_tokens off;\n",
            "    server_tokens off;\n    add_header X-Upstream $upstream_addr always;\n",
        ),
    ]
    for old, new in substitutions:
        if old not in config:
            raise RuntimeError(
                f"deploy/nginx.conf no longer contains {old.strip()!r}: update bench/faults.py"
            )
        config = config.replace(old, new)
    return config


class Nginx:
    def __init__(self, folder):
        self.executable = ensure_nginx()
        self.prefix = folder / "nginx"
        for sub in ("", "temp/body", "temp/proxy", "temp/fastcgi", "temp/uwsgi", "temp/scgi", "logs"):
            (self.prefix / sub).mkdir(parents=True, exist_ok=True)
        certificate, key = self.prefix / "cert.pem", self.prefix / "key.pem"
        run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", str(key), "-out", str(certificate), "-subj", f"/CN={HOST}",
                "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.certificate = certificate
        (self.prefix / "wenming.conf").write_text(nginx_site_config(folder, certificate, key))
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the run's private temp folder
        (self.prefix / "nginx.conf").write_text(
            f"{user}worker_processes 2;\npid {self.prefix}/nginx.pid;\nerror_log {self.prefix}/logs/error.log;\n"
            "events { worker_connections 512; }\n"
            "http {\n  include /etc/nginx/mime.types;\n"
            f"  access_log {self.prefix}/logs/access.log;\n"
            + "".join(
                f"  {kind}_temp_path {self.prefix}/temp/{name};\n"
                for kind, name in [
                    ("client_body", "body"),
                    ("proxy", "proxy"),
                    ("fastcgi", "fastcgi"),
                    ("uwsgi", "uwsgi"),
                    ("scgi", "scgi"),
                ]
            )
            + f"  include {self.prefix}/wenming.conf;\n}}\n"
        )
        self.process = None

    def start(self):
        args = [self.executable, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")]
        run([*args, "-t", "-q"])
        self.process = subprocess.Popen([*args, "-g", "daemon off;"])
        wait_for(lambda: self.process.poll() is None and port_answers(PORTS["https"]), 10, "nginx")
        time.sleep(0.5)
        if self.process.poll() is not None:
            raise RuntimeError("nginx exited at start (is another server on its ports?)")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class Site:
    """The Django side: settings by environment, set-up commands, two gunicorn instances."""

    def __init__(self, folder, args):
        self.folder = folder
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": BASE,
            "WAGTAILADMIN_BASE_URL": BASE,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PORTS['postgres']}/wenming",
            "REDIS_URL": f"redis://127.0.0.1:{PORTS['redis']}/0",
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "STATIC_ROOT": str(folder / "static"),
            "BACKUP_ROOT": str(folder / "backups"),
            "TRUSTED_PROXY_COUNT": "1",
            # The load posts far more nominations from one address than a person would.
            "NOMINATION_RATE": "100000/h",
            "NOMINATION_ATTEMPT_RATE": "100000/h",
            "NOMINATION_MIN_FILL_SECONDS": "2",
            "NOMINATION_LOOKUP_RATE": f"{LOOKUP_LIMIT}/h",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_ACCESS_LOG": str(folder / "gunicorn-access.log"),
        }
        if args.conn_max_age is not None:
            self.env["DATABASE_CONN_MAX_AGE"] = str(args.conn_max_age)
        if args.no_conn_health_checks:
            self.env["DATABASE_CONN_HEALTH_CHECKS"] = "0"
        self.instances = []

    def manage(self, *args):
        run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)

    def shell(self, code):
        result = run(
            [str(VENV_BIN / "python"), "manage.py", "shell", "-c", code],
            cwd=ROOT, env=self.env, capture_output=True, text=True,
        )  # fmt: skip
        return json.loads(result.stdout.strip().splitlines()[-1])

    def prepare(self, fresh):
        """The demo site, built once with load_demo (minutes on a busy machine) and kept as a
        backup_site archive in bench/results/; later runs restore that archive instead."""
        saved = sorted(DEMO_ARCHIVES.glob("wenming-*.tar")) if DEMO_ARCHIVES.is_dir() else []
        if saved and not fresh:
            log(f"restoring the demo site from {saved[-1].relative_to(ROOT)} (--fresh builds it anew)")
            self.manage("restore_site", str(saved[-1]))
            self.manage("migrate", "--noinput")
        else:
            log("migrate and load_demo (minutes on a busy machine), then keep a backup of it")
            self.manage("migrate", "--noinput")
            self.manage("load_demo", "--force")
            self.manage("backup_site", "--output-dir", str(DEMO_ARCHIVES), "--keep", "1")
        self.manage("collectstatic", "--noinput")

    def start(self):
        for name in ("app_a", "app_b"):
            logfile = open(self.folder / f"gunicorn-{name}.log", "wb")  # noqa: SIM115 - closed with the process
            process = subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "cms.wsgi", "--bind", f"127.0.0.1:{PORTS[name]}"],
                cwd=ROOT, env=self.env, stdout=logfile, stderr=subprocess.STDOUT,
            )  # fmt: skip
            self.instances.append((process, logfile))
        for name in ("app_a", "app_b"):
            wait_for(lambda name=name: port_answers(PORTS[name]), 60, f"gunicorn {name}")

    def stop(self):
        for process, logfile in self.instances:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
            logfile.close()


# The load ----------------------------------------------------------------------------------------


@dataclass
class Request:
    kind: str
    start: float
    end: float
    status: int | str
    upstream: str = ""
    ok: bool = True


@dataclass
class Fault:
    service: str
    stop_at: float
    down_at: float = 0.0
    up_at: float = 0.0


@dataclass
class Run:
    t0: float = field(default_factory=time.monotonic)
    requests: list = field(default_factory=list)
    receipts: list = field(default_factory=list)  # (code, photos, post upstream, receipt upstream)
    faults: list = field(default_factory=list)
    fault_error: str = ""
    probes: list = field(default_factory=list)  # (time answered, status, failing checks)
    certificate: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self):
        return time.monotonic() - self.t0

    def record(self, request):
        with self.lock:
            self.requests.append(request)


def new_session(certificate):
    session = requests.Session()
    # Not the environment's CA bundle or proxy (REQUESTS_CA_BUNDLE would override `verify`).
    session.trust_env = False
    session.verify = str(certificate)
    session.headers["User-Agent"] = "wenming-faults-bench"
    return session


def upstream_of(response):
    return response.headers.get("X-Upstream", "").rsplit(":", 1)[-1]


def timed(run_state, session, kind, method, url, expected, **kwargs):
    start = run_state.now()
    try:
        response = session.request(method, BASE + url, timeout=30, allow_redirects=False, **kwargs)
    except requests.RequestException as exc:
        run_state.record(Request(kind, start, run_state.now(), type(exc).__name__, ok=False))
        return None
    ok = response.status_code in expected
    run_state.record(Request(kind, start, run_state.now(), response.status_code, upstream_of(response), ok))
    return response if ok else None


def hidden(html, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match[1] if match else ""


def photo():
    buffer = io.BytesIO()
    colour = tuple(random.randrange(256) for _ in range(3))
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def nominate(run_state, session, stop, form_url):
    while not stop.is_set():
        form = timed(run_state, session, "nomination form", "GET", form_url, {200})
        if form is None:
            time.sleep(0.5)
            continue
        html = form.text
        communities = re.findall(r'<option value="(\d+)"', html)
        time.sleep(2.2 + random.random())  # NOMINATION_MIN_FILL_SECONDS is 2
        photos = random.choice((0, 1, 2))
        data = {
            "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
            "started": hidden(html, "started"),
            "notice_version": hidden(html, "notice_version"),
            "website": "",
            "nominee_name": "王秀英",
            "community": random.choice(communities),
            "category": "helping",
            "story": STORY,
            "nominator_name": "陈明",
            "nominator_phone": f"138{random.randrange(10**8):08d}",
            "consent_processing": "on",
            "consent_nominee_informed": "on",
        }
        files = [("photos", (f"p{i}.jpg", photo(), "image/jpeg")) for i in range(photos)]
        posted = timed(
            run_state, session, "nomination post", "POST", form_url, {303},
            data=data, files=files or None, headers={"Referer": BASE + form_url},
        )  # fmt: skip
        if posted is None:
            continue
        # A visitor whose receipt page fails reloads it (the 503 page says so).
        for _attempt in range(20):
            thanks = timed(run_state, session, "receipt page", "GET", posted.headers["Location"], {200})
            if thanks is not None:
                break
            time.sleep(1)
        else:
            continue
        code = re.search(r'class="receipt__number">([A-Z0-9-]+)<', thanks.text)
        if code:
            with run_state.lock:
                run_state.receipts.append(
                    (code[1].replace("-", ""), photos, upstream_of(posted), upstream_of(thanks))
                )


def browse(run_state, session, stop, urls, think):
    while not stop.is_set():
        kind, url = random.choice(urls)
        timed(run_state, session, kind, "GET", url, {200})
        time.sleep(think)


def probe_health(run_state, stop):
    """What a load balancer would see: /healthz/ every half second."""
    session = new_session(run_state.certificate)
    while not stop.is_set():
        try:
            response = session.get(BASE + "/healthz/", timeout=10)
            failing = [name for name, state in response.json()["checks"].items() if state != "ok"]
            run_state.probes.append((run_state.now(), response.status_code, failing))
        except (requests.RequestException, ValueError, KeyError):
            run_state.probes.append((run_state.now(), "no answer", []))
        stop.wait(0.5)


def inject_faults(run_state, stop, postgres, redis, args):
    def outage(service, at, stop_service, start_service):
        while run_state.now() < at:
            if stop.wait(0.05):
                return
        fault = Fault(service, run_state.now())
        log(f"stopping {service}")
        stop_service()
        fault.down_at = run_state.now()
        time.sleep(args.down)
        start_service()
        fault.up_at = run_state.now()
        log(f"{service} is back after {fault.up_at - fault.stop_at:.2f} s")
        run_state.faults.append(fault)

    try:
        outage("PostgreSQL", args.duration * 0.25, lambda: postgres.stop(args.pg_stop_mode), postgres.start)
        outage("Redis", args.duration * 0.6, redis.stop, redis.start)
    except Exception as exc:
        run_state.fault_error = repr(exc)
        log(f"fault injection failed: {exc!r}")
        stop.set()


# Checks across instances ---------------------------------------------------------------------------


def login(session, username, password):
    page = session.get(BASE + "/admin/login/", timeout=30)
    response = session.post(
        BASE + "/admin/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": hidden(page.text, "csrfmiddlewaretoken"),
        },
        headers={"Referer": BASE + "/admin/login/"},
        allow_redirects=False,
        timeout=30,
    )
    return response.status_code == 302, upstream_of(response)


def check_sessions(certificate):
    session = new_session(certificate)
    logged_in, login_upstream = login(session, "admin", "wenming-admin-2026")
    answers = []
    for _ in range(8):
        response = session.get(BASE + "/admin/", allow_redirects=False, timeout=30)
        answers.append((response.status_code, upstream_of(response)))
    return {
        "login accepted": logged_in,
        "logged in on": login_upstream,
        "admin pages": len(answers),
        "answered 200 (still logged in)": sum(1 for status, _ in answers if status == 200),
        "instances that honoured the session": sorted({up for status, up in answers if status == 200}),
    }


def check_rate_limit(certificate):
    """Every status look-up counts once, whichever instance takes it: the limit holds in total."""
    session = new_session(certificate)
    page = session.get(BASE + "/nominations/status/", timeout=30)
    answers = []
    for _ in range(LOOKUP_LIMIT + 5):
        response = session.post(
            BASE + "/nominations/status/",
            data={
                "code": "ABCDEFGHJK",
                "last4": "0000",
                "csrfmiddlewaretoken": hidden(page.text, "csrfmiddlewaretoken"),
            },
            headers={"Referer": BASE + "/nominations/status/"},
            timeout=30,
        )
        answers.append((response.status_code, upstream_of(response)))
    return {
        "limit": f"{LOOKUP_LIMIT} an hour per address",
        "look-ups posted": len(answers),
        "answered": sum(1 for status, _ in answers if status == 200),
        "refused with 429": sum(1 for status, _ in answers if status == 429),
        "instances that answered": sorted({up for _, up in answers}),
    }


def quiet_restart(postgres, certificate, url):
    """PostgreSQL restarts while nobody is asking (a night-time upgrade), then 8 visitors come at
    once, enough to reach every worker: each worker's kept connection is dead by then."""
    time.sleep(2)
    postgres.stop()
    postgres.start()
    time.sleep(1)
    statuses = Counter()

    def visit():
        try:
            statuses[new_session(certificate).get(BASE + url, timeout=60).status_code] += 1
        except requests.RequestException as exc:
            statuses[type(exc).__name__] += 1

    visitors = [threading.Thread(target=visit) for _ in range(8)]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()
    return {"first requests after it": 8, "answers": {str(k): v for k, v in statuses.items()}}


def check_nominations(site, run_state, certificate):
    stored = site.shell(
        "import json; from nominations.models import Nomination; "
        "print(json.dumps({n.receipt_code: [[p.pk, p.file.name, p.file.storage.exists(p.file.name)] "
        "for p in n.photos.all()] for n in Nomination.objects.prefetch_related('photos')}))"
    )
    lost = [code for code, _photos, _post, _thanks in run_state.receipts if code not in stored]
    photos_missing = [
        code
        for code, photos, _post, _thanks in run_state.receipts
        if code in stored
        and (len(stored[code]) != photos or not all(exists for _pk, _name, exists in stored[code]))
    ]
    receipted = {code for code, *_rest in run_state.receipts}
    # Photos read back through nginx, so each instance serves files the other one wrote.
    session = new_session(certificate)
    login(session, "admin", "wenming-admin-2026")
    read_back, upstreams = 0, Counter()
    photo_ids = [pk for code in receipted if code in stored for pk, _name, _exists in stored[code]]
    for pk in photo_ids:
        response = session.get(f"{BASE}/admin/nominations/photo/{pk}/", timeout=30)
        if response.status_code == 200 and response.headers.get("Content-Type", "").startswith("image/"):
            read_back += 1
            upstreams[upstream_of(response)] += 1
    return {
        "receipts given": len(run_state.receipts),
        "in the database afterwards": len(run_state.receipts) - len(lost),
        "lost": len(lost),
        "lost receipts": lost,
        "with missing photos": len(photos_missing),
        "stored but no receipt reached the visitor": len(set(stored) - receipted),
        "receipt page served by the other instance than the post": sum(
            1 for _code, _photos, post, thanks in run_state.receipts if post != thanks
        ),
        "photos uploaded": len(photo_ids),
        "photos read back through the admin": read_back,
        "photos read back per instance": dict(upstreams),
    }


# The report --------------------------------------------------------------------------------------


def error_windows(requests_made, gap=1.0):
    """Spans during which failures were answered: successive failures less than `gap` s apart
    (by the time each answer came back) belong to one window."""
    failures = sorted((r for r in requests_made if not r.ok), key=lambda r: r.end)
    windows = []
    for failure in failures:
        if windows and failure.end - windows[-1]["end"] < gap:
            windows[-1]["end"] = failure.end
            windows[-1]["errors"][str(failure.status)] += 1
        else:
            windows.append(
                {"start": failure.end, "end": failure.end, "errors": Counter({str(failure.status): 1})}
            )
    return windows


def health_seen(probes, fault):
    """When the /healthz/ probe first said 503 after the service stopped, and 200 again after."""
    down = next((t for t, status, _checks in probes if t >= fault.stop_at and status != 200), None)
    up = next((t for t, status, _checks in probes if down is not None and t > down and status == 200), None)
    failing = sorted(
        {
            check
            for t, status, checks in probes
            if down is not None and down <= t < (up or 1e9)
            for check in checks
        }
    )
    return {
        "503 from s": round(down, 2) if down is not None else None,
        "200 again from s": round(up, 2) if up is not None else None,
        "failing checks": failing,
    }


def summarise(run_state, args, sessions, rate_limit, nominations):
    made = run_state.requests
    windows = error_windows(made)
    faults = run_state.faults
    # A failure belongs to an outage if the request was under way at some point of it (or of
    # the `grace` after it, for answers already on their way).
    outside = [
        r
        for r in made
        if not r.ok and not any(f.stop_at <= r.end and r.start <= f.up_at + args.grace for f in faults)
    ]
    by_kind = {}
    for request in made:
        entry = by_kind.setdefault(request.kind, Counter())
        entry[str(request.status)] += 1
    report = {
        "duration s": args.duration,
        "clients": {"page clients": args.clients, "nominators": args.nominators, "think time s": args.think},
        "gunicorn": f"2 instances x {args.workers} sync workers",
        "database connections": {
            "CONN_MAX_AGE s": args.conn_max_age
            if args.conn_max_age is not None
            else "60 (production default)",
            "CONN_HEALTH_CHECKS": not args.no_conn_health_checks,
        },
        "requests": len(made),
        "requests per second": round(len(made) / args.duration, 1),
        "answered as expected": sum(1 for r in made if r.ok),
        "errors": sum(1 for r in made if not r.ok),
        "errors by status": dict(Counter(str(r.status) for r in made if not r.ok)),
        "by kind and status": {kind: dict(counts) for kind, counts in sorted(by_kind.items())},
        "answers per instance": dict(Counter(r.upstream for r in made if r.upstream)),
        "faults": [
            {
                "service": f.service,
                "stopped at s": round(f.stop_at, 2),
                "accepting connections again at s": round(f.up_at, 2),
                "outage s": round(f.up_at - f.stop_at, 2),
                "failed requests that started after it was back": sum(
                    1 for r in made if not r.ok and f.up_at <= r.start <= f.up_at + 10
                ),
                "health check": health_seen(run_state.probes, f),
            }
            for f in faults
        ],
        "error windows (failures answered)": [
            {
                "from s": round(w["start"], 2),
                "to s": round(w["end"], 2),
                "length s": round(w["end"] - w["start"], 2),
                "errors": dict(w["errors"]),
            }
            for w in windows
        ],
        "longest error window s": round(max((w["end"] - w["start"] for w in windows), default=0.0), 2),
        f"errors outside the outages (+{args.grace} s)": len(outside),
        "health check probes (every 0.5 s)": len(run_state.probes),
        "health check changes": [
            {"at s": round(t, 2), "status": status, "failing": checks}
            for index, (t, status, checks) in enumerate(run_state.probes)
            if index == 0 or (status, checks) != run_state.probes[index - 1][1:]
        ],
        "sessions across instances": sessions,
        "rate limit across instances": rate_limit,
        "nominations": nominations,
    }
    return report, outside


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument(
        "--down", type=float, default=2.0, help="seconds each service stays stopped (default 2)"
    )
    parser.add_argument("--clients", type=int, default=6, help="concurrent page clients (default 6)")
    parser.add_argument("--nominators", type=int, default=3, help="concurrent nominators (default 3)")
    parser.add_argument(
        "--think", type=float, default=0.1, help="pause between a client's page requests (default 0.1 s)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance (default 2)")
    parser.add_argument(
        "--conn-max-age", type=int, default=None, help="DATABASE_CONN_MAX_AGE (default: production's)"
    )
    parser.add_argument(
        "--no-conn-health-checks",
        action="store_true",
        help="DATABASE_CONN_HEALTH_CHECKS=0, to see what the setting is for",
    )
    parser.add_argument(
        "--pg-stop-mode", choices=("fast", "immediate"), default="fast", help="pg_ctl stop mode"
    )
    parser.add_argument(
        "--grace", type=float, default=1.0, help="seconds after a service is back still counted as its outage"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs) afterwards")
    parser.add_argument(
        "--fresh", action="store_true", help="build the demo site anew instead of restoring the saved one"
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="wenming-faults-"))
    folder.chmod(0o755)  # the postgres user must reach its data folder inside
    log(f"working in {folder}")
    postgres, redis = Postgres(folder), Redis(folder)
    nginx = Nginx(folder)
    site = Site(folder, args)
    try:
        postgres.init()
        redis.start()
        site.prepare(args.fresh)
        site.start()
        nginx.start()
        session = new_session(nginx.certificate)
        # Each worker imports the site on its first request: slow on a busy machine.
        wait_for(
            lambda: session.get(BASE + "/healthz/", timeout=60).status_code == 200,
            600,
            "the site through nginx",
        )
        for _ in range(4 * args.workers):
            session.get(BASE + "/", timeout=120)

        home = session.get(BASE + "/", timeout=30).text
        listing = session.get(BASE + "/daode-mofan/", timeout=30).text
        profiles = sorted(set(re.findall(r'href="(/zhongxin/[^"?#]+/)"', listing)))[:5]
        images = sorted(set(re.findall(r'src="(/media/images/[^"]+)"', home)))[:3]
        urls = [
            ("home", "/"),
            ("listing", "/daode-mofan/"),
            ("listing", "/haoren-qiang/"),
            ("listing", "/shipin/"),
        ]
        urls += [
            ("listing filtered", "/daode-mofan/?level=district"),
            ("search", "/search/?q=%E5%A5%BD%E4%BA%BA"),
        ]
        urls += [("statistics", "/stats/")]
        urls += [("exhibit", url) for url in profiles] + [("image (nginx)", url) for url in images]
        log(f"{len(urls)} public URLs in the mix; checks across the two instances")
        for _kind, url in urls:
            response = session.get(BASE + url, timeout=60)  # warm every page once
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code} before any fault")
        sessions = check_sessions(nginx.certificate)
        rate_limit = check_rate_limit(nginx.certificate)

        log(
            f"load for {args.duration} s: PostgreSQL stops at {args.duration * 0.25:.0f} s, Redis at {args.duration * 0.6:.0f} s"
        )
        run_state, stop = Run(certificate=str(nginx.certificate)), threading.Event()
        threads = [
            threading.Thread(
                target=browse, args=(run_state, new_session(nginx.certificate), stop, urls, args.think)
            )
            for _ in range(args.clients)
        ]
        threads += [
            threading.Thread(
                target=nominate, args=(run_state, new_session(nginx.certificate), stop, "/nominate/")
            )
            for _ in range(args.nominators)
        ]
        threads.append(threading.Thread(target=probe_health, args=(run_state, stop)))
        threads.append(threading.Thread(target=inject_faults, args=(run_state, stop, postgres, redis, args)))
        for thread in threads:
            thread.start()
        stop.wait(args.duration)
        stop.set()
        for thread in threads:
            thread.join()

        if run_state.fault_error:
            raise RuntimeError(f"fault injection failed: {run_state.fault_error}")
        log("checking the nominations in the database")
        nominations = check_nominations(site, run_state, nginx.certificate)
        log("PostgreSQL restarted once more with no load, then 8 visitors at once")
        quiet = quiet_restart(postgres, nginx.certificate, urls[1][1])
        report, outside = summarise(run_state, args, sessions, rate_limit, nominations)
        report["quiet restart"] = quiet
    finally:
        nginx.stop()
        site.stop()
        redis.stop()
        postgres.shutdown()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print(json.dumps(report, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    result_file = RESULTS / f"faults-{time.strftime('%Y%m%d-%H%M%S')}.json"
    details = {"probes": run_state.probes, "requests": [vars(r) for r in run_state.requests]}
    result_file.write_text(json.dumps({**report, "details": details}, ensure_ascii=False, indent=2))
    log(f"written to {result_file.relative_to(ROOT)}")
    problems = []
    if nominations["lost"]:
        problems.append(f"{nominations['lost']} nomination(s) with a receipt are not in the database")
    if outside:
        problems.append(f"{len(outside)} error(s) outside the outages")
    if set(report["quiet restart"]["answers"]) != {"200"}:
        problems.append("requests failed after the quiet restart")
    if not run_state.faults or len(run_state.faults) < 2:
        problems.append("the faults did not all happen (load too short?)")
    for problem in problems:
        log(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
