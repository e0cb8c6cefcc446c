"""
The settings, read from the environment: `check --deploy` is clean with a realistic
production environment, production refuses to start without a real key, host names
and base URL, and the database follows DATABASE_URL (SQLite without it).

Each case runs in a fresh interpreter, as a deployment would, since the settings
are read once at start-up.
"""

import json

import pytest

from tests.support.processes import manage, run_python

REAL_KEY = "v8Kp2mQ9xL4tR7wZ1cN6bF3hJ0sD5gY8aE2uI9oP4kM7nB1vC6xZ3lQ8wT5rY0e"  # as secrets.token_urlsafe(48) gives
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": REAL_KEY,
    "ALLOWED_HOSTS": "sistercities.example.org,www.sistercities.example.org",
    "SITE_URL": "https://sistercities.example.org",
    "DATABASE_URL": "postgresql://sistercities:db-password@db.internal:5432/sistercities",
}
SERVICES = {
    "REDIS_URL": "redis://cache.internal:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "sistercities-media",
    "AWS_S3_REGION_NAME": "us-west-2",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example-secret-access-key",
    "AWS_S3_CUSTOM_DOMAIN": "media.sistercities.example.org",
    "CLOUDFRONT_DISTRIBUTION_ID": "E2EXAMPLE",
}


@pytest.mark.parametrize("services", [{}, SERVICES], ids=["database-only", "redis-s3-cdn"])
def test_check_deploy_reports_nothing(services):
    result = manage({**PRODUCTION, **services}, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "dev-only-" + REAL_KEY}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must list"),
        ({"ALLOWED_HOSTS": "*"}, "must not contain '*'"),
        ({"SITE_URL": ""}, "SITE_URL must be the site's address in production"),
        ({"SITE_URL": "sistercities.example.org"}, "it needs http:// or https:// and a host name"),
        ({"SITE_URL": "https://sistercities.example.org/cms/"}, "no path"),
    ],
)
def test_production_refuses_to_start_without_real_values(change, message):
    result = manage({**PRODUCTION, **change}, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_check_deploy_flags_a_long_but_simple_key():
    # production.py refuses missing, short and development keys; Django's own check catches the rest.
    result = manage({**PRODUCTION, "SECRET_KEY": "k" * 64}, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "tasks": s.TASKS["default"]["BACKEND"],
    "installed": s.INSTALLED_APPS,
    "middleware": s.MIDDLEWARE,
    "staticfiles": s.STORAGES["staticfiles"]["BACKEND"],
    "media": s.STORAGES["default"]["BACKEND"],
    "media_options": s.STORAGES["default"].get("OPTIONS", {}),
    "docs_serve": getattr(s, "WAGTAILDOCS_SERVE_METHOD", None),
    "overwrite": getattr(s, "AWS_S3_FILE_OVERWRITE", None),
    "caches": {alias: c["BACKEND"] for alias, c in s.CACHES.items()},
    "ignore_exceptions": s.CACHES["default"].get("OPTIONS", {}).get("IGNORE_EXCEPTIONS"),
    "sessions": s.SESSION_ENGINE,
    "conn_max_age": s.DATABASES["default"]["CONN_MAX_AGE"],
    "conn_health_checks": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "engine": s.DATABASES["default"]["ENGINE"],
    "csp": s.CONTENT_SECURITY_POLICY,
    "frontend_cache": list(s.WAGTAILFRONTENDCACHE),
}, default=repr))
"""


def production_settings(services):
    result = run_python(READ_SETTINGS, {**PRODUCTION, **services})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_with_database_only():
    values = production_settings({})
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["conn_max_age"] == 60
    assert values["conn_health_checks"] is True
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in values["installed"]
    assert values["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    middleware = values["middleware"]
    # Right after the response cache (cms/middleware.py) and SecurityMiddleware.
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == 2
    assert "csp.middleware.CSPMiddleware" in middleware
    assert values["media"] == "django.core.files.storage.FileSystemStorage"
    assert values["caches"] == {"default": "django.core.cache.backends.locmem.LocMemCache"}
    assert values["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert values["frontend_cache"] == []
    assert "wagtail.contrib.frontend_cache" not in values["installed"]
    assert values["csp"]["EXCLUDE_URL_PREFIXES"] == ["/admin/", "/django-admin/"]


def test_production_with_redis_s3_and_a_cdn():
    values = production_settings(SERVICES)
    assert values["media"] == "cms.storage.MediaStorage"
    # Credentials are plain settings, never storage OPTIONS (which task arguments would carry).
    assert values["media_options"] == {}
    assert values["overwrite"] is False
    assert values["docs_serve"] == "serve_view"
    redis = "django_redis.cache.RedisCache"
    assert values["caches"] == {"default": redis, "renditions": redis}
    assert values["ignore_exceptions"] is True
    assert values["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert "https://media.sistercities.example.org" in values["csp"]["DIRECTIVES"]["img-src"]
    assert values["frontend_cache"] == ["cloudfront"]
    assert "wagtail.contrib.frontend_cache" in values["installed"]


# --- The database, from DATABASE_URL -------------------------------------------------------


def database_engine(**env):
    result = run_python("import cms.settings.dev as s; print(s.DATABASES['default']['ENGINE'])", env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_both_postgres_url_schemes_pick_postgresql(scheme):
    url = f"{scheme}://u:p@db.example.org:5432/sistercities"
    assert database_engine(DATABASE_URL=url) == "django.db.backends.postgresql"


def test_sqlite_is_the_default():
    assert database_engine() == "django.db.backends.sqlite3"
