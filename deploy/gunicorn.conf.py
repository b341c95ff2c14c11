"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Behind nginx (deploy/nginx.conf), which buffers request bodies and responses, so slow clients
never hold a worker and plain synchronous workers are enough. Every value can be changed by
environment variable, or on the command line, which wins (e.g. `--bind 127.0.0.1:8001` for a
second instance).
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one request at a time each: two per core keep the cores busy while one waits for
# the database. Each holds one persistent database connection (DATABASE_CONN_MAX_AGE).
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1)))
worker_class = "sync"
# Load Django, the page models, jieba's dictionary and the templates once and warm them up
# (cms/warmup.py) before forking: workers start at once, share that memory, and no visitor's
# first request pays for it.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
# A large video upload is decoded once (PyAV) before it is saved: as long as nginx waits for the
# admin (proxy_read_timeout 300s). Public requests stop long before (search after 3 s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 300))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak lives for long.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
# Only nginx on this machine may say the request came over HTTPS.
forwarded_allow_ips = "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def pre_fork(server, worker):
    # A database connection opened while preloading must not be shared by the workers.
    from django.db import connections

    connections.close_all()


def when_ready(server):
    # What preloading built stays put: the garbage collector leaves it alone in every worker, so
    # the memory stays shared instead of being copied page by page.
    gc.collect()
    gc.freeze()
