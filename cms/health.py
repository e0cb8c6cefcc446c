"""
/healthz: what a load balancer asks each app server before sending it traffic.

It checks the three things a request may need: the database, the cache and the
media storage, and answers JSON with 200 when all work, 503 when one does not.
Each check says which backend is configured (so monitoring sees a server that
lost REDIS_URL: "locmem" instead of "redis"), how long it took and, for Redis,
this process's circuit breaker (cms/redis_breaker.py: open or closed, and how
many outages, failed and bypassed calls it has counted). The answer is never
cached and names no host, bucket, user or error message (those go to the log):
only which check failed and the kind of exception.
"""

import functools
import logging
import time
import uuid

from django.core.cache import cache, caches
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms import redis_breaker

logger = logging.getLogger(__name__)

PROBE_NAME = "healthz/probe-that-does-not-exist"
# A slow S3 must not make /healthz slow: its probe gives up after this many seconds, once.
STORAGE_PROBE_TIMEOUT = 2


def describe_database():
    return {"backend": connection.vendor}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def describe_cache():
    module = type(caches["default"]).__module__  # not `cache`: a proxy
    if module.startswith("django_redis"):
        states = redis_breaker.states()
        return {"backend": "redis", **(states[0] if states else {"circuit": "closed"})}
    return {"backend": module.rsplit(".", 1)[-1]}  # locmem, dummy, db, ...


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    # A cache that swallows errors (django-redis's IGNORE_EXCEPTIONS) reads back
    # None when the server is gone: that is a failure here too.
    if cache.get(key) != value:
        raise ConnectionError("the cache did not return what was just stored in it")
    cache.delete(key)


def describe_storage():
    return {"backend": "s3" if hasattr(storages["default"], "bucket_name") else "filesystem"}


def check_storage():
    storage = storages["default"]
    location = getattr(storage, "location", None)
    if hasattr(storage, "bucket_name"):
        # S3: HEAD on the bucket, which needs the bucket, the endpoint and the credentials to work.
        probe_client(storage).head_bucket(Bucket=storage.bucket_name)
        return
    if location is not None and not storage.exists(""):
        raise FileNotFoundError("the media folder does not exist")
    storage.exists(PROBE_NAME)


@functools.cache
def probe_client(storage):
    """An S3 client like the storage's, with short timeouts and no retries; one per process."""
    from botocore.config import Config

    quick = Config(
        connect_timeout=STORAGE_PROBE_TIMEOUT, read_timeout=STORAGE_PROBE_TIMEOUT, retries={"total_max_attempts": 1}
    )
    return storage._create_session().client(
        "s3",
        region_name=storage.region_name,
        use_ssl=storage.use_ssl,
        endpoint_url=storage.endpoint_url,
        config=storage.client_config.merge(quick),
        verify=storage.verify,
    )


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}
DESCRIPTIONS = {"database": describe_database, "cache": describe_cache, "storage": describe_storage}


@never_cache
@require_safe
def healthz(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
            result = {"ok": True}
        except Exception as error:
            # One line, no traceback: a load balancer asks every few seconds.
            logger.warning("Health check %r failed: %s: %s", name, type(error).__name__, error)
            result = {"ok": False, "error": type(error).__name__}
            healthy = False
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = {**result, **DESCRIPTIONS[name]()}
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results}, status=200 if healthy else 503
    )
