"""Settings shared by every environment. Values come from the environment through django-environ."""

from pathlib import Path

import environ
from corsheaders.defaults import default_headers

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
# A local .env file is optional and never committed; the process environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Each environment sets SECRET_KEY: dev and test use fixed keys, production requires it.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cms.pages",
    "cms.intake",
    "cms.api",
    "cms.webhooks",
    "cms.cloning",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
# Section plugins are ordinary Django apps; list extra ones in the environment
# (e.g. SECTION_PLUGIN_APPS=examples.testimonials) instead of editing this file.
INSTALLED_APPS = env.list("SECTION_PLUGIN_APPS", default=[]) + INSTALLED_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.api.html_cache.HTMLCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.pages.middleware.RefusedPublishMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL=postgres://... selects PostgreSQL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (e.g. parallel intake submissions) wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis in production (REDIS_URL), local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # The cache is an optimisation: while Redis is down, reads miss and writes are
                # dropped (and logged) instead of failing requests.
                "IGNORE_EXCEPTIONS": True,
            },
            "KEY_PREFIX": "cms",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (mail, webhooks) goes through django-tasks, which Wagtail 8 already uses.
# Development runs tasks inline; production queues them in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
    }
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "cms": {"handlers": ["console"], "level": env("CMS_LOG_LEVEL", default="INFO")},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Spine Care Conditions")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100

# Decoupled front-ends allowed to call the API from a browser.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
WAGTAILAPI_RICH_TEXT_FORMAT = "html"  # rich text in the API with links resolved

# Webhooks
# Seconds to wait before each retry of a failed delivery (a delivery gets one attempt more than
# there are delays). A queue backend re-enqueues retries with run_after; the immediate backend
# retries inline, holding the publishing request, so keep these short there.
WEBHOOKS_RETRY_DELAYS = env.list("WEBHOOKS_RETRY_DELAYS", cast=int, default=[2, 10])
WEBHOOKS_TIMEOUT = env.float("WEBHOOKS_TIMEOUT", default=5.0)  # seconds, per attempt

# Intake
# Fernet keys for intake answers, comma-separated; the first encrypts, all decrypt (rotation:
# docs/intake.md). No default: dev and test set a fixed development key, production must set it.
INTAKE_ENCRYPTION_KEYS = env.list("INTAKE_ENCRYPTION_KEYS", default=[])
INTAKE_RETENTION_DAYS = env.int("INTAKE_RETENTION_DAYS", default=365)
# (requests, seconds) per client for submissions; the limit fails open if the cache is down.
INTAKE_RATE_LIMIT = (
    env.int("INTAKE_RATE_LIMIT_REQUESTS", default=10),
    env.int("INTAKE_RATE_LIMIT_WINDOW", default=3600),
)
INTAKE_CLIENT_IP_HEADER = env("INTAKE_CLIENT_IP_HEADER", default="")  # e.g. HTTP_X_REAL_IP
INTAKE_MAX_BODY_BYTES = env.int("INTAKE_MAX_BODY_BYTES", default=64 * 1024)
INTAKE_MIN_FILL_SECONDS = env.float("INTAKE_MIN_FILL_SECONDS", default=3.0)
INTAKE_FORM_TOKEN_MAX_AGE = env.int("INTAKE_FORM_TOKEN_MAX_AGE", default=2 * 24 * 3600)
INTAKE_HONEYPOT_FIELD = "website"
INTAKE_IDEMPOTENCY_DAYS = env.int("INTAKE_IDEMPOTENCY_DAYS", default=7)
# Front-ends send Idempotency-Key from the browser, so CORS must allow the header.
CORS_ALLOW_HEADERS = (*default_headers, "idempotency-key")

# API
# Page JSON responses: how long browsers (max-age) and CDNs (s-maxage) may keep them; published
# changes invalidate the server-side copy at once.
API_CACHE_MAX_AGE = env.int("API_CACHE_MAX_AGE", default=60)
API_CACHE_S_MAXAGE = env.int("API_CACHE_S_MAXAGE", default=300)
API_CACHE_STALE_WHILE_REVALIDATE = env.int("API_CACHE_STALE_WHILE_REVALIDATE", default=600)
API_CACHE_TIMEOUT = env.int("API_CACHE_TIMEOUT", default=24 * 60 * 60)
# Headless preview: the front-end page that renders a draft from ?token=... (empty: HTML preview).
WAGTAIL_HEADLESS_PREVIEW_URL = env("WAGTAIL_HEADLESS_PREVIEW_URL", default="")
API_PREVIEW_TOKEN_MAX_AGE = env.int("API_PREVIEW_TOKEN_MAX_AGE", default=10 * 60)
# Front-ends may revalidate explicitly and read the validators and a found page's canonical URL.
CORS_ALLOW_HEADERS = (*CORS_ALLOW_HEADERS, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Location"]
# Change (e.g. to the release's id) when a deploy changes page JSON without changing its schema.
API_CACHE_VERSION = env("API_CACHE_VERSION", default="1")

# Public HTML pages for anonymous readers (cms/api/html_cache.py): kept server-side until a
# publish makes them stale; browsers keep them HTML_CACHE_MAX_AGE, CDNs HTML_CACHE_S_MAXAGE.
HTML_CACHE_ENABLED = env.bool("HTML_CACHE_ENABLED", default=True)
HTML_CACHE_MAX_AGE = env.int("HTML_CACHE_MAX_AGE", default=0)
HTML_CACHE_S_MAXAGE = env.int("HTML_CACHE_S_MAXAGE", default=300)
HTML_CACHE_STALE_WHILE_REVALIDATE = env.int("HTML_CACHE_STALE_WHILE_REVALIDATE", default=600)
HTML_CACHE_TIMEOUT = env.int("HTML_CACHE_TIMEOUT", default=24 * 60 * 60)
# CDN purges on publish (wagtail.contrib.frontend_cache), e.g. FRONTEND_CACHE_BACKEND=
# wagtail.contrib.frontend_cache.backends.CloudflareBackend and FRONTEND_CACHE_OPTIONS=
# '{"BEARER_TOKEN": "...", "ZONEID": "..."}'. Unset: nothing is purged.
FRONTEND_CACHE_BACKEND = env("FRONTEND_CACHE_BACKEND", default="")
if FRONTEND_CACHE_BACKEND:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": FRONTEND_CACHE_BACKEND,
            **env.json("FRONTEND_CACHE_OPTIONS", default={}),
        }
    }
