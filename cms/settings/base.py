"""Settings shared by every environment. Values come from the environment through django-environ."""

from pathlib import Path

import environ
from corsheaders.defaults import default_headers
from csp.constants import NONE, SELF, UNSAFE_INLINE

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
    "cms.edge",
    "cms.pages",
    "cms.intake",
    "cms.api",
    "cms.webhooks",
    "cms.cloning",
    "cms.ops",
    "cms.accounts",
    "cms.linkcheck",
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # serves Swagger UI from the installed package, not a CDN
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
    "cms.ops.middleware.HealthCheckMiddleware",
    "cms.ops.middleware.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app servers, with far-future caching of hashed names.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.accounts.csp.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Refuses control characters, oversized integers, broken UTF-8 and deep JSON (after CORS).
    "cms.edge.middleware.HostileInputMiddleware",
    "cms.edge.middleware.RequestScopeMiddleware",  # reads work some values out once (scope.py)
    # Counts refused bearer tokens (the 401s below) per address; 429 past the limit.
    "cms.accounts.throttle.BearerTokenThrottleMiddleware",
    "cms.api.tokens.InvalidBearerTokenMiddleware",  # 401, not anonymous, for a bad token
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous readers' pages: a hit skips the rest of the stack (cms/api/html_cache.py).
    "cms.api.html_cache.HTMLCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.accounts.middleware.SecondFactorMiddleware",
    "cms.accounts.middleware.SensitiveSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.pages.middleware.RefusedPublishMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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

# Seconds a client is told to wait (Retry-After) when the database is unreachable: 503, not 500.
OUTAGE_RETRY_AFTER = env.int("OUTAGE_RETRY_AFTER", default=30)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis in production (REDIS_URL), local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # Small timeouts plus a circuit breaker: a hung Redis costs one short wait per
                # BREAKER_SECONDS, not one per cache call (cms/ops/cache.py).
                "CLIENT_CLASS": "cms.ops.cache.CircuitBreakerClient",
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "SOCKET_TIMEOUT": env.float("REDIS_SOCKET_TIMEOUT", default=0.25),
                "BREAKER_SECONDS": env.float("REDIS_BREAKER_SECONDS", default=5),
                # The cache is an optimisation: while Redis is down, reads miss and writes are
                # dropped (and logged) instead of failing requests.
                "IGNORE_EXCEPTIONS": True,
            },
            # Several sites (or test workers) may share one Redis database.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="cms"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The circuit breaker (cms/ops/cache.py) logs one warning per failure window instead of a
# traceback per cache call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

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

# Media on S3-compatible storage (django-storages) when a bucket is named; the local MEDIA_ROOT
# otherwise. Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # e.g. https://s3.eu-central-1.example.net for MinIO, Ceph, R2...; unset: AWS.
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            # "path" (https://host/bucket/key) for most S3-compatible servers, or "virtual".
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
            # A CDN or public host name for media URLs, e.g. media.example.org.
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
            # Public media (images of published pages): plain URLs, no expiring signatures.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (mail, webhooks) goes through django-tasks, which Wagtail 8 already uses.
# Development runs tasks inline; production queues them in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        # Inline, but on a thread of its own: a request never waits for mail (cms/ops/backends.py).
        "BACKEND": env("TASKS_BACKEND", default="cms.ops.backends.BackgroundThreadBackend"),
    }
}
# On the database queue a failed task runs again after each of these delays (seconds), and a task
# left RUNNING for longer than the lease (a killed worker) runs again (cms/ops/task_queue.py).
TASKS_RETRY_DELAYS = env.list("TASKS_RETRY_DELAYS", cast=float, default=[10, 60, 300, 1800])
TASKS_LEASE_SECONDS = env.int("TASKS_LEASE_SECONDS", default=300)

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 (django-environ's email_url);
# unset: EMAIL_BACKEND, the console by default.
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Seconds an SMTP connection or reply may take before the task fails (and is retried).
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@localhost")

# Everything goes to stdout through one handler on the root logger: Django's request errors
# (every 5xx, with its traceback), security warnings and the project's own loggers. The handler
# never writes request bodies, headers or cookies (cms.edge.logs.RedactRequestFilter).
# LOG_FORMAT=json writes one JSON object per line (production's default).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_request": {"()": "cms.edge.logs.RedactRequestFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
                   "json": {"()": "cms.edge.logs.JSONFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler", "stream": "ext://sys.stdout",
            "formatter": env("LOG_FORMAT", default="plain"), "filters": ["redact_request"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Replaces Django's own handlers (console only under DEBUG, mail to ADMINS).
        "django": {"handlers": [], "level": "WARNING"},
        "django.request": {"level": "ERROR"},  # 5xx; 4xx answers are not errors here
        "cms": {"level": env("CMS_LOG_LEVEL", default="INFO")},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Spine Care Conditions")
# The public origin (e.g. https://conditions.example.org). Absolute links in mail and the API derive
# from it; unset outside production and development, where the request's Site is used instead.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PUBLIC_BASE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# An approved workflow publishes even when its last approver may not publish (medical reviewers).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.pages.workflow_actions.publish_approved"
# Months from a medical approval to the page's next review (docs/review-cadence.md).
MEDICAL_REVIEW_INTERVAL_MONTHS = env.int("MEDICAL_REVIEW_INTERVAL_MONTHS", default=12)
# None: API image and page URLs use the requesting Site's root URL.
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=PUBLIC_BASE_URL or None)
WAGTAILAPI_LIMIT_MAX = 100

# CDN purging on publish (wagtail.contrib.frontend_cache purges a page's URLs when it is published,
# unpublished or moved). Set the variables of the CDN in front of the site; see docs/deploy.md.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):  # Varnish, Squid, nginx: an HTTP PURGE endpoint
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONEID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONEID"),
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }

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
LINK_CHECK_TIMEOUT = env.float("LINK_CHECK_TIMEOUT", default=10.0)  # seconds per cited link

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
# Page JSON: how long browsers (max-age) and CDNs (s-maxage) keep it; a publish makes it stale.
API_CACHE_MAX_AGE = env.int("API_CACHE_MAX_AGE", default=60)
API_CACHE_S_MAXAGE = env.int("API_CACHE_S_MAXAGE", default=300)
API_CACHE_STALE_WHILE_REVALIDATE = env.int("API_CACHE_STALE_WHILE_REVALIDATE", default=600)
API_CACHE_TIMEOUT = env.int("API_CACHE_TIMEOUT", default=24 * 60 * 60)
API_CACHE_LOCAL_BYTES = env.int("API_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)  # per process
# Headless preview: the front-end page that renders a draft from ?token=... (empty: HTML preview).
WAGTAIL_HEADLESS_PREVIEW_URL = env("WAGTAIL_HEADLESS_PREVIEW_URL", default="")
API_PREVIEW_TOKEN_MAX_AGE = env.int("API_PREVIEW_TOKEN_MAX_AGE", default=10 * 60)
# Front-ends may revalidate explicitly and read the validators and a found page's canonical URL.
CORS_ALLOW_HEADERS = (*CORS_ALLOW_HEADERS, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Location"]
# Change (e.g. to the release's id) when a deploy changes page JSON without changing its schema.
API_CACHE_VERSION = env("API_CACHE_VERSION", default="1")

# Staff sign-in (docs/security.md). Failed logins lock one username from one address, so a shared
# clinic address is not locked out by one attacker; the sixth failure in a row is refused.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_RESET_ON_SUCCESS = True
# Proxies in front of Django, each appending to X-Forwarded-For (0: the socket's address is the
# client's). Login throttling and the API token limit count the client, not the proxy.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "cms.accounts.addresses.client_address"

# Content-Security-Policy (cms/accounts/csp.py). Public pages and the API: nothing inline, no
# nonce (cached pages stay shareable), no framing. The admin needs inline scripts and styles.
_CSP_OWN = {"default-src": [SELF], "img-src": [SELF, "data:"], "font-src": [SELF, "data:"]}
_CSP_CLOSED = {"object-src": [NONE], "base-uri": [SELF], "form-action": [SELF]}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_OWN, **_CSP_CLOSED, "script-src": [SELF], "style-src": [SELF],
                   "frame-src": [NONE], "frame-ancestors": [NONE]}
}
CSP_ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
CSP_ADMIN_POLICY = {
    "DIRECTIVES": {**_CSP_OWN, **_CSP_CLOSED, "script-src": [SELF, UNSAFE_INLINE],
                   "style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:", "blob:"],
                   "frame-src": [SELF], "frame-ancestors": [SELF]}
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # the admin loads nothing from other origins:
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no avatars, no release check

# Two-factor sign-in (django-otp) for superusers and holders of these permissions (directly or by
# group); they also get short idle sessions. Off here so `make run` is one command; production on.
CMS_2FA_REQUIRED = env.bool("CMS_2FA_REQUIRED", default=False)
CMS_SENSITIVE_PERMISSIONS = ["intake.view_intakesubmission"]
CMS_SENSITIVE_SESSION_IDLE_MINUTES = env.int("CMS_SENSITIVE_SESSION_IDLE_MINUTES", default=30)
CMS_2FA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Refused API bearer tokens per client address: (failures, seconds) before answering 429.
API_BEARER_FAILURE_LIMIT = (
    env.int("API_BEARER_FAILURE_LIMIT", default=10),
    env.int("API_BEARER_FAILURE_WINDOW", default=600),
)
API_BEARER_PATH_PREFIX = "/api/"
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
