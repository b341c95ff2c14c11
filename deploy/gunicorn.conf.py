"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Every value can be changed by environment variable (or on the command line, which wins).
"""

import gc
import os

# Where nginx (or Varnish) sends requests.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one per request at a time: two per core keeps the cores busy while one waits for
# the database. Each holds one persistent database connection (DATABASE_CONN_MAX_AGE).
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1)))
# Load Django, the page models, jieba's dictionary and the templates once, before forking: workers
# start at once and share that memory.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
# A request that takes longer than this is killed (search stops itself after 3 s); video uploads
# in the admin need longer (see README, nginx).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak lives for long.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def pre_fork(server, worker):
    # A database connection opened while preloading must not be shared by the workers.
    from django.db import connections

    connections.close_all()


def when_ready(server):
    # What preloading built stays put: the garbage collector leaves it alone in every worker, so
    # the memory stays shared instead of being copied page by page.
    gc.collect()
    gc.freeze()
