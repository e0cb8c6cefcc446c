"""
Settings shared by every environment.

Everything that differs between machines is read from the environment (see
``.env.example`` and the README's table). Each block below is one concern.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cms import site_address

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


# --- Core Django -----------------------------------------------------------
# SECRET_KEY and ALLOWED_HOSTS have no defaults here: dev.py and test.py set
# harmless local values, production.py refuses to start without real ones.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DEBUG = False

INSTALLED_APPS = [
    # Our apps first, so their templates and static files win.
    "home",
    "cities",
    "search",
    # The public change log (cms/changes/): the sync query and the webhooks read it.
    "cms.changes",
    # Signed webhooks to partner sites on every public change (cms/webhooks/, Settings › Webhooks).
    "cms.webhooks",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Translation (wagtail-localize): the Translate action and its editor for pages and
    # snippets, sync from the English source; its locales app replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_filters",
    # The GraphQL API (cms/graphql/): grapple builds types from graphql_fields,
    # headless preview issues draft tokens, corsheaders answers browsers.
    "grapple",
    "graphene_django",
    "wagtail_headless_preview",
    "corsheaders",
    # Background work (search index, reference index, file clean-up, cache purges).
    "django_tasks",
    "django_tasks_db",
    # Sign-in protection: django-axes locks out repeated failed logins (by account and
    # address, counted in the database, so it holds when Redis is down); django-otp adds
    # two-factor sign-in for staff (authenticator app codes, and printed backup codes).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: answers anonymous page views from the response cache, and sees the final
    # response (cookies, CSRF) before keeping one (cms/middleware.py).
    "cms.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may set a cookie: the API sets none, and no response that sets
    # one is cacheable by shared caches (cms/middleware.py).
    "cms.middleware.CookiePolicyMiddleware",
    # Wagtail's locale look-ups read once per request (cms/locales.py).
    "cms.locales.LocaleMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, so that CORS preflight requests are answered first.
    "corsheaders.middleware.CorsMiddleware",
    # Django's, except that the API neither reads Accept-Language nor varies on it.
    "cms.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view or CSRF check reads a body: an anonymous request's body over
    # ANONYMOUS_MAX_BODY_BYTES is refused unread (cms/middleware.py).
    "cms.middleware.AnonymousBodyLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff who use two-factor sign-in (and superusers, where it is required) confirm a code
    # before they reach the admin (cms/two_factor.py).
    "cms.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------
# DATABASE_URL picks the database: a SQLite file by default (the embedded
# database `make run` uses), PostgreSQL for postgres:// or postgresql:// URLs.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes write to the file (the web server, `run_scheduler`): a transaction
    # takes the write lock when it begins and others wait for it (up to 20 s), rather than
    # failing with "database is locked" when a read turns into a write mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords and sign-in -----------------------------------------------------
# django-axes checks every login (Wagtail's /admin/login/, /django-admin/login/) before the
# password: after AXES_FAILURE_LIMIT wrong passwords for one account from one address, that
# pair is locked out for AXES_COOLOFF_TIME (a 429 with templates/axes/lockout.html), even
# with the right password. Attempts are rows in the database (AxesDatabaseHandler), not the
# cache, so the lock holds when Redis is down. Every failure is logged (logger "axes").
# Administrators unlock with `manage.py axes_reset_username NAME` (or `axes_reset`), or by
# deleting the attempt at /django-admin/axes/accessattempt/ (docs/deployment.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# The log names the account and the address (django-axes masks them by default); passwords
# are always masked.
AXES_SENSITIVE_PARAMETERS = []
# The visitor's address as the suggestion form reads it (NUM_PROXIES, below).
AXES_CLIENT_IP_CALLABLE = "cms.client.client_address"
# Two-factor sign-in (django-otp, cms/two_factor.py): any staff member may turn it on in their
# account; with REQUIRE_2FA_FOR_SUPERUSERS (on in production.py) a superuser must set it up
# before using the admin. The issuer is the name authenticator apps show for the codes.
REQUIRE_2FA_FOR_SUPERUSERS = env_bool("REQUIRE_2FA_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = "Sister Cities of Los Angeles"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
# English is the default content language, Spanish the second. Every page URL
# carries its language prefix (/en/..., /es/...), from the first migration on,
# so adding translations never needs a data migration.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Languages an editor may choose for the admin in their account settings.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

# --- Static files and media ------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static_src"] if (BASE_DIR / "static_src").is_dir() else []
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Complex page forms in Wagtail's editor can exceed Django's default of 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Media on S3-compatible storage ---------------------------------------------
# With AWS_STORAGE_BUCKET_NAME set, images, renditions and documents go to that
# bucket (AWS S3, MinIO, ...) instead of MEDIA_ROOT, so every app server sees
# the same files. The options are settings, not STORAGES "OPTIONS": Wagtail
# passes a storage's constructor arguments to background tasks, which the task
# database stores, and the keys must not end up there.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as BotocoreConfig

    # cms/storage.py: renditions public, originals and documents private.
    STORAGES["default"] = {"BACKEND": "cms.storage.MediaStorage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # empty for AWS itself
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    # Without keys, boto3 finds credentials itself (instance role, ~/.aws).
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    # The CDN (or the bucket's public host name) that serves images.
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")
    # The ACL for renditions, the only objects public pages show; empty on
    # buckets with ACLs disabled, which grant read on images/* by bucket policy.
    AWS_RENDITIONS_ACL = os.environ.get("AWS_RENDITIONS_ACL", "public-read")
    # A new upload never replaces another file of the same name.
    AWS_S3_FILE_OVERWRITE = False
    # Image URLs are plain (cacheable by the CDN); set true for signed, expiring URLs.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    # Stored names are never reused, so browsers and the CDN may keep files for a year.
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}
    # An S3 that is down or hung fails a request within about 25 s (two tries of at most
    # 2 + 10 s), inside gunicorn's 30 s timeout, rather than having the worker killed.
    AWS_S3_CLIENT_CONFIG = BotocoreConfig(
        connect_timeout=2, read_timeout=10, retries={"max_attempts": 2, "mode": "standard"}
    )
    # Documents are always streamed through Wagtail's view, which checks the
    # privacy of their collection, never handed out as a bucket URL.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Cache and sessions -------------------------------------------------------
# With REDIS_URL set, the cache (and Wagtail's renditions cache) is Redis,
# shared by every app server; without it, each process keeps its own in memory.
# django-redis rather than Django's RedisCache for IGNORE_EXCEPTIONS: when Redis
# goes away, pages are served uncached (slower) instead of failing. Sessions live
# in the database with the cache in front, so nobody is logged out when Redis
# restarts. A Redis that is down or hung must not slow pages down: every call
# has a tight timeout (REDIS_TIMEOUT), and after a failure the circuit breaker
# in cms/redis_breaker.py skips Redis for REDIS_COOLDOWN seconds, logging one
# warning when it goes and one when it is back (not a traceback per call).
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
REDIS_COOLDOWN = float(os.environ.get("REDIS_COOLDOWN", "5"))
if REDIS_URL:
    _REDIS_OPTIONS = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
        "SOCKET_TIMEOUT": REDIS_TIMEOUT,
        "CONNECTION_POOL_CLASS": "cms.redis_breaker.BreakerConnectionPool",
    }
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sistercities",
            "OPTIONS": _REDIS_OPTIONS,
        },
        "renditions": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sistercities-renditions",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": _REDIS_OPTIONS,
        },
    }
    # The breaker logs the outage once; a traceback per ignored call would flood the log.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# When the database cannot be reached, pages and the API answer 503 with this
# Retry-After (seconds) rather than 500 (cms/outage.py).
OUTAGE_RETRY_AFTER = int(os.environ.get("OUTAGE_RETRY_AFTER", "30"))

# --- Response cache -------------------------------------------------------------
# Pages for anonymous visitors and GraphQL responses are kept in the default cache and made
# again as soon as something they show changes (cms/response_cache.py, docs/deployment.md).
# Pages tell browsers and CDNs how long they may keep them: PAGE_MAX_AGE for browsers,
# PAGE_S_MAXAGE for shared caches (the CDN is told to drop a page when it is published).
# On by default with REDIS_URL only: the cache must be shared by every process (each web worker,
# the scheduler that publishes), or one process would not learn of another's change.
RESPONSE_CACHE = {
    "ENABLED": env_bool("RESPONSE_CACHE_ENABLED", default=bool(REDIS_URL)),
    # Seconds a stored response is kept at most: text that changes with the date alone
    # (a partnership's age) is at most this old.
    "TIMEOUT": 60 * 60,
    "PAGE_MAX_AGE": 60,
    "PAGE_S_MAXAGE": 600,
}

# --- The site's address ------------------------------------------------------
# SITE_URL: the scheme, host name and port visitors use, e.g. https://sistercities.lacity.org.
# Every absolute URL the site and the API produce (canonical links, sitemap, feeds, robots.txt,
# JSON-LD, image and document URLs, emails) is built from it, whatever Host a request came with
# (cms/site_address.py), and `manage.py configure_site` copies it into Wagtail's Site record in
# the release step. The default is what `make run` serves; production.py requires it.
try:
    SITE_URL = site_address.parse(os.environ.get("SITE_URL") or "http://127.0.0.1:8000").url
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
# Wagtail's and grapple's name for the same address (admin emails, media URLs): never set apart.
WAGTAILADMIN_BASE_URL = SITE_URL

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Sister Cities of Los Angeles"
# Editors must describe every image; our CustomImage makes alt text required.
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Page and snippet chooser: let editors search in the language they work in.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin calls no other host, so that it works whole in a building with no
# internet: no Gravatar avatars (users get Wagtail's default one, or upload
# their own), no check for new Wagtail releases (operators upgrade on schedule).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Machine translation ------------------------------------------------------
# Optional and off by default: wagtail-localize's translation editor offers a
# "Translate with machine" button only when a service is configured here. DeepL
# with DEEPL_API_KEY, or else a LibreTranslate server at LIBRETRANSLATE_URL (with
# LIBRETRANSLATE_API_KEY if the server asks for one). Without them, editors
# translate by hand and nothing calls out.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }
elif os.environ.get("LIBRETRANSLATE_URL"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
            "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
        },
    }

# --- Search ----------------------------------------------------------------
# Wagtail's database backend: SQLite FTS5 here, PostgreSQL full-text search in
# production (chosen by the database engine), no extra service to run.
# docs/deployment.md says when to move to OpenSearch. On PostgreSQL each page is
# indexed with its language's stemming (cms/search: "intercambios" finds
# "intercambio"); after changing LANGUAGE_CONFIGS, run `manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "cms.search",
        "LANGUAGE_CONFIGS": {"en": "english", "es": "spanish"},
    }
}
# A search ordered by relevance (the site's, the API's, the admin's) ranks at most this many
# matches, the most recently indexed ones, so that a word found in most pages costs what a rare
# one does; its count stops there too ("more than 1,000 results"). cms/search/bounded.py.
SEARCH_MAX_CANDIDATES = 1_000

# --- Background work ---------------------------------------------------------
# Wagtail queues search-index and reference-index updates, file clean-up and
# CDN purges as tasks (django-tasks). Here they run at once, inside the request;
# production.py stores them in the database for `manage.py db_worker` to run.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Webhooks to partner sites ------------------------------------------------
# cms/webhooks/: a signed POST (Standard Webhooks) to each partner endpoint for every public
# change, sent by the task worker. An attempt without a 2xx answer is retried after 30 s, 1 min,
# 2 min, ... (doubling, with jitter), at most MAX_ATTEMPTS times within RETRY_FOR seconds; an
# endpoint whose deliveries fail PAUSE_AFTER_FAILURES times in a row is paused. Webhooks only go
# to public internet addresses unless ALLOW_PRIVATE_ADDRESSES (tests: receivers on loopback).
WEBHOOKS = {
    "CONNECT_TIMEOUT": 3,  # seconds to open the connection
    "READ_TIMEOUT": 10,  # seconds to wait for each part of the answer
    "MAX_ATTEMPTS": 8,
    "RETRY_BASE_DELAY": 30,  # seconds before the first retry
    "RETRY_FOR": 60 * 60,  # no attempt later than this many seconds after the first
    "PAUSE_AFTER_FAILURES": 20,
    "ALLOW_PRIVATE_ADDRESSES": False,
}

# --- CDN cache invalidation -----------------------------------------------------
# When pages are published or unpublished, Wagtail tells the CDN in front of the
# site to drop its copies: CloudFront by distribution id, or any cache that
# accepts HTTP PURGE requests (Varnish, Fastly-style) at FRONTEND_CACHE_PURGE_URL.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if WAGTAILFRONTENDCACHE:
    # Only with a CDN to tell: otherwise every publish would queue a task that does nothing.
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# --- GraphQL API -----------------------------------------------------------
# The read-only API for external sites at /api/graphql/. Grapple turns each
# model's graphql_fields into types; cms/graphql/ hardens them (visibility,
# limits, batching) and builds the schema that schema.graphql records.
GRAPHQL_IMAGE_WIDTHS = [320, 640, 960, 1280, 1920]
_GRAPHQL_IMAGE_FILTERS = [
    *(f"width-{width}" for width in GRAPHQL_IMAGE_WIDTHS),
    "fill-400x400",
    "fill-640x360",
    "fill-1280x720",
]
GRAPPLE = {
    "APPS": ["home", "cities"],
    "AUTO_CAMELCASE": True,
    "EXPOSE_GRAPHIQL": False,
    "PAGE_INTERFACE": "cms.graphql.interfaces.PageInterface",
    "SNIPPET_INTERFACE": "cms.graphql.interfaces.SnippetInterface",
    # Renditions are made on demand: only these filters (each also as WebP),
    # so that no client can make the server resize images at will.
    "ALLOWED_IMAGE_FILTERS": [*_GRAPHQL_IMAGE_FILTERS, *(f"{spec}|format-webp" for spec in _GRAPHQL_IMAGE_FILTERS)],
    "PAGE_SIZE": 10,
    "MAX_PAGE_SIZE": 100,
}
GRAPHENE = {"SCHEMA": "cms.graphql.schema.schema"}
# The API's limits and switches, each with its default: the one place they are written
# (cms/graphql/conf.py reads them; a test may override a few keys, the others keep these values).
# Limits on every request are checked before any database work (cms/graphql/limits.py).
GRAPHQL_API = {
    "MAX_QUERY_LENGTH": 10_000,  # characters in the query document
    "MAX_TOKENS": 1_000,  # lexical tokens in the query document
    "MAX_DEPTH": 10,  # nesting of fields, fragments included
    "MAX_ALIASES": 15,  # aliased fields in one document
    "MAX_COST": 25_000,  # fields, multiplied by the sizes of the lists around them
    # Fields and fragment spreads written in one query document: graphql-core compares
    # same-named ones pairwise, so its validation time grows with the square of this.
    "MAX_SELECTIONS": 200,
    # Lists that take no size argument (a story's cities, a page's translations) count as
    # this many items in the cost.
    "ASSUMED_LIST_SIZE": 10,
    # Bytes in a POST body (larger ones get a 413): room for a query of MAX_QUERY_LENGTH
    # characters, escaped in JSON, and its variables.
    "MAX_BODY_BYTES": 100_000,
    # Bytes in a GET's query string (the URL after "?", percent-encoded as sent): longer ones get
    # a GraphQL error asking for POST. It fits gunicorn's limit_request_line (gunicorn.conf.py;
    # tests/deploy/test_request_limits.py checks both), so a GET is answered by the API, never
    # refused by gunicorn with a bare 414. About 2,700 to 8,000 characters of query, depending
    # on how many characters need percent-encoding; longer queries go by POST.
    "MAX_GET_QUERY_STRING_BYTES": 8_000,
    "FIELD_SUGGESTIONS": False,  # "Did you mean ...?" in errors: development only
    "GRAPHIQL": False,  # the in-browser IDE on GET /api/graphql/: development only
    "CACHE_MAX_AGE": 60,  # seconds that shared caches may keep a GET response
    "PREVIEW_TOKEN_MAX_AGE": 60 * 60,  # seconds a headless preview token stays valid
    # Automatic persisted queries (Apollo's protocol): seconds a document sent once is remembered by its hash.
    "PERSISTED_QUERY_TIMEOUT": 60 * 60 * 24 * 30,
    # Trusted documents: only the operations in this manifest run (a JSON file: Apollo's
    # persisted-query manifest, or GraphQL Codegen's {hash: document}); for deployments whose
    # partners register their queries in advance.
    "TRUSTED_DOCUMENTS_ONLY": env_bool("GRAPHQL_TRUSTED_DOCUMENTS_ONLY", default=False),
    "TRUSTED_DOCUMENTS": os.environ.get("GRAPHQL_TRUSTED_DOCUMENTS", ""),
}
# Browsers may call the API from these origins (comma-separated, with scheme),
# without cookies; nothing else on the site answers cross-origin requests.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "OPTIONS", "POST")
# "Preview" in the admin can open the external site, which fetches the draft
# with the token it is given (wagtail-headless-preview).
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("HEADLESS_PREVIEW_URL", "http://localhost:3000/preview")},
    "ENFORCE_TRAILING_SLASH": False,
}

# --- Email -----------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Sister Cities of Los Angeles <noreply@localhost>")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Public forms ------------------------------------------------------------
# The "suggest a resource" form (cities/suggestions.py): at most this many
# suggestions per visitor's address per hour, counted in the cache. Behind
# NUM_PROXIES trusted proxies (a load balancer, a CDN) the address is read from
# X-Forwarded-For, as the nearest proxy saw it; with 0, from the connection.
# Staff who hear about each suggestion are set in the admin's site settings.
RESOURCE_SUGGESTIONS_PER_HOUR = 5
# Bytes in the body of a request from someone not signed in (the suggestion form, the API's
# POSTs, the admin's login): a larger Content-Length is refused with a 413 before any of the
# body is read (cms/middleware.py). Staff, signed in, may upload up to the WAGTAIL*_MAX_UPLOAD_SIZE.
ANONYMOUS_MAX_BODY_BYTES = 256 * 1024

# --- Public site lists -----------------------------------------------------
# Results on one page of the site search (search/views.py).
SEARCH_RESULTS_PER_PAGE = 10
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))

# --- Logging ---------------------------------------------------------------
# One line per record, with its time in UTC (cms/log.py): TIME_ZONE sets the processes' local
# time to Los Angeles, and gunicorn's own lines are in UTC as well (gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "utc": {
            "()": "cms.log.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # django-axes: every failed login (with the account and address) and every lockout, at any LOG_LEVEL.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # `run_scheduler`: one line for each page or snippet it publishes or expires, at any LOG_LEVEL.
        "home.scheduler": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
