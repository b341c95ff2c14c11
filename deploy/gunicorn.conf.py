"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Behind nginx (deploy/nginx.conf), which buffers request bodies and responses, so slow clients
never hold a worker and plain synchronous workers are enough. Command-line options (e.g.
`--bind 127.0.0.1:8001` for the second instance) override these values, and so do
GUNICORN_BIND, GUNICORN_WORKERS and GUNICORN_TIMEOUT.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's rule of thumb; each worker holds one database connection (CONN_MAX_AGE).
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A large video upload is decoded once (PyAV) before it is saved: as long as nginx waits for the
# admin (proxy_read_timeout 300s).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 300))
graceful_timeout = 30
keepalive = 2
# Workers are replaced after about a thousand requests, so a slow leak never grows for long.
max_requests = 1000
max_requests_jitter = 100
# The application is loaded and warmed up (cms/warmup.py: jieba, templates, one page of each kind)
# once, before forking, so no visitor's first request pays for it. The warm-up closes its database
# connections, so each worker opens its own after the fork.
preload_app = True
# Only nginx on this machine may say the request came over HTTPS.
forwarded_allow_ips = "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
