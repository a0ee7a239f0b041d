"""gunicorn settings, read from the environment (`gunicorn -c python:filmbase.gunicorn`).

Defaults suit the 2-core machines filmbase runs on: two worker processes, each with
threads, of filmbase's own worker class, which reads request heads without a thread, so
that slow clients hold neither a worker nor a thread (filmbase/workers.py; the
measurements are in docs/deployment.md).
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "filmbase.workers.BufferedThreadWorker")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
# No access log by default: it costs throughput; set GUNICORN_ACCESS_LOG=- to see it.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
