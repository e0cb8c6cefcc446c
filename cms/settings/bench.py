"""Production settings for benchmarks only (bench/pages.py): the site plus Wagtail's REST API v2.

``BENCH_CACHE=off`` replaces the cache with Django's dummy cache, to measure every request as a
cache miss. Never deploy with these settings.
"""

import os

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

ROOT_URLCONF = "cms.bench_urls"
INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "wagtail.api.v2"]
# The REST API's page listing needs the site to say where the pages live; its own default limit.
WAGTAILAPI_BASE_URL = os.environ.get("SITE_URL", "")
WAGTAILAPI_LIMIT_MAX = 100

if os.environ.get("BENCH_CACHE") == "off":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
