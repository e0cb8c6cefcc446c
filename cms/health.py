"""
/healthz: what a load balancer asks each app server before sending it traffic.

It checks the three things a request may need: the database, the cache and the
media storage, and answers JSON with 200 when all work, 503 when one does not.
The answer is never cached and names no host, user or error message (those go
to the log): only which check failed and the kind of exception.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE_NAME = "healthz/probe-that-does-not-exist"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"backend": connection.vendor}


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    # A cache that swallows errors (django-redis's IGNORE_EXCEPTIONS) reads back
    # None when the server is gone: that is a failure here too.
    if cache.get(key) != value:
        raise ConnectionError("the cache did not return what was just stored in it")
    cache.delete(key)
    return {"backend": type(cache).__module__.split(".")[0]}


def check_storage():
    storage = storages["default"]
    location = getattr(storage, "location", None)
    if hasattr(storage, "bucket_name"):
        # S3: HEAD on the bucket, which needs the bucket, the endpoint and the credentials to work.
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        return {"backend": "s3"}
    if location is not None and not storage.exists(""):
        raise FileNotFoundError("the media folder does not exist")
    storage.exists(PROBE_NAME)
    return {"backend": "filesystem"}


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


@never_cache
@require_safe
def healthz(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"ok": True, **check()}
        except Exception as error:
            logger.warning("Health check %r failed", name, exc_info=True)
            result = {"ok": False, "error": type(error).__name__}
            healthy = False
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results}, status=200 if healthy else 503
    )
