"""
Production: every secret and host name comes from the environment.

The site refuses to start when SECRET_KEY, ALLOWED_HOSTS or SITE_URL
is missing or unsafe, rather than running with a made-up key or accepting any
Host header. docs/deployment.md describes every variable.
"""

import os
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    AWS_STORAGE_BUCKET_NAME,
    DATABASES,
    INSTALLED_APPS,
    MIDDLEWARE,
    SECRET_KEY,
    STORAGES,
    env_bool,
    env_list,
)

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-only", "test-only", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names in production, for example "
        "ALLOWED_HOSTS=sistercities.lacity.org,www.sistercities.lacity.org"
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must not contain '*' in production: list the real host names.")

SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")  # old keys, while rotating

# base.py has checked its form; here it must be given, not base.py's local default.
if not os.environ.get("SITE_URL"):
    raise ImproperlyConfigured(
        "SITE_URL must be the site's address in production, for example SITE_URL=https://sistercities.lacity.org "
        "(every absolute URL uses it; it replaces WAGTAILADMIN_BASE_URL, which is now set from it)."
    )

# --- Database ------------------------------------------------------------------
# Persistent connections, checked before reuse: each gunicorn worker keeps one
# connection open (60 s by default) instead of connecting for every request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Static files ----------------------------------------------------------------
# whitenoise serves `collectstatic`'s output from each app server: hashed names
# cached for a year, gzip copies made at collectstatic time.
MIDDLEWARE = MIDDLEWARE.copy()
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# --- HTTPS and security headers ------------------------------------------------------
# TLS ends at the load balancer, which sets X-Forwarded-Proto. Only trust that
# header when the app servers are reachable through the load balancer alone.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# One framing policy, said twice: no other page may frame the site (X-Frame-Options for old
# browsers, CSP frame-ancestors 'none' for new ones). Wagtail's preview views, under /admin/
# (outside the CSP), opt in to same-origin frames for the editor's preview panel.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def _media_origins():
    """Where public pages load images from, when media is not on this host."""
    if not AWS_STORAGE_BUCKET_NAME:
        return []
    from .base import AWS_S3_CUSTOM_DOMAIN, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME

    if AWS_S3_CUSTOM_DOMAIN:
        return [f"https://{AWS_S3_CUSTOM_DOMAIN.split('/')[0]}"]
    if AWS_S3_ENDPOINT_URL:
        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        return [f"{endpoint.scheme}://{endpoint.netloc}"]
    region = f".{AWS_S3_REGION_NAME}" if AWS_S3_REGION_NAME else ""
    # Virtual-hosted and path-style bucket URLs.
    return [f"https://{AWS_STORAGE_BUCKET_NAME}.s3{region}.amazonaws.com", f"https://s3{region}.amazonaws.com"]


# Content security policy for the public site (django-csp). Scripts and styles
# come from this site, inline ones only with the per-request nonce
# ({{ request.csp_nonce }}); images also from the media bucket or CDN; frames
# only from the video hosts that embeds use. Wagtail's admin runs its own inline
# scripts and is left out.
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # 'unsafe-inline' only for pages that use no nonce, such as 500.html's inline
        # <style> (rendered without a request); browsers ignore it once a nonce is present.
        "style-src": [SELF, UNSAFE_INLINE, NONCE],
        "img-src": [SELF, "data:", *_media_origins()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *_media_origins()],
        "frame-src": [
            SELF,
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- Sign-in ----------------------------------------------------------------------------
# Superusers must use two-factor sign-in (cms/two_factor.py); other staff may.
REQUIRE_2FA_FOR_SUPERUSERS = env_bool("REQUIRE_2FA_FOR_SUPERUSERS", True)

# --- Background work ----------------------------------------------------------------
# Tasks are stored in the database and run by `manage.py db_worker` (one or more
# worker processes next to the app servers), off the request path.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Email ------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
