"""Settings for the test suite: fast hashing, media in a temporary folder."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105 - never used outside tests
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="sistercities-test-media-")
# The site's address in every absolute URL: the test site's Site record (tests/support/site.py)
# says localhost too, while the test client's requests come in as "testserver".
SITE_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = SITE_URL
# Keep test output to what matters: warnings and errors.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The response cache on, as in production: the tests run in one process, so the in-memory
# cache is shared by everything a test does (tests/conftest.py empties it between tests).
# On for the suite (one process, one cache); a test that runs several processes without Redis
# turns it off (RESPONSE_CACHE_ENABLED=false), as production does without REDIS_URL.
RESPONSE_CACHE = {**RESPONSE_CACHE, "ENABLED": env_bool("RESPONSE_CACHE_ENABLED", default=True)}  # noqa: F405
