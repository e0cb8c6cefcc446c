"""
gunicorn's configuration, read from the environment (docs/deployment.md has the table).

    gunicorn -c gunicorn.conf.py cms.wsgi

Sync workers, one request at a time each: the site's work is database and
template rendering, which threads would not speed up under the GIL. Size
WEB_CONCURRENCY to the cores and the database's connection budget (each worker
keeps one persistent connection).
"""

import multiprocessing
import os

# Where to listen. Behind a load balancer: 0.0.0.0:PORT; on one machine behind nginx: 127.0.0.1:8000.
bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request still running after this many seconds is killed (and its worker restarted).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Restart each worker after this many requests, which bounds slow memory growth. Workers share
# the load evenly, so with a small jitter they all reach the limit within seconds of each other
# (docs/deployment.md, "Measured"): a jitter of half the limit spreads their restarts over the
# whole cycle.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER") or max(1, max_requests // 2))
# Load Django once in the master and fork workers from it: a worker (re)starts in milliseconds
# instead of spending a second and a half of CPU importing the site, which the other workers'
# requests would wait for. Code changes then need a full restart (or USR2), not HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# The longest request line (method, URL, protocol) gunicorn reads: its maximum, 8190 bytes
# (its default, 4094, refused the API's long GETs with a bare 414). The API's own limit on a
# GET's query string, GRAPHQL_API["MAX_GET_QUERY_STRING_BYTES"], fits inside it, so a GET
# that is too long gets a GraphQL error saying to POST (tests/deploy/test_request_limits.py).
limit_request_line = 8190
# Logs to stdout/stderr, for the process manager to collect, timestamps in UTC (cms/log.py).
logger_class = "cms.log.GunicornUTCLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# X-Forwarded-* headers are trusted from these addresses (the load balancer). gunicorn reads
# FORWARDED_ALLOW_IPS itself; this keeps its default of loopback only when it is unset.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "sistercities"


def post_fork(server, worker):
    """A worker must not share the master's connections (there should be none: this makes sure)."""
    from django.db import connections

    connections.close_all()
