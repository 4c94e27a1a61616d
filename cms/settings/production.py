"""Production settings: every required value comes from the environment, checked at import.

A missing, empty or unsafe SECRET_KEY, ALLOWED_HOSTS, INTAKE_ENCRYPTION_KEYS or PUBLIC_BASE_URL
raises ImproperlyConfigured naming the variable, so the WSGI application (cms/wsgi.py), the task
worker and every manage.py command refuse to start instead of answering 500s. docs/deploy.md lists
every variable.
"""

from cms.ops.configuration import (
    require_allowed_hosts,
    require_intake_keys,
    require_public_base_url,
    require_secret_key,
    validate_origin,
)

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, env

DEBUG = False
SECRET_KEY = require_secret_key(env)
ALLOWED_HOSTS = require_allowed_hosts(env)
INTAKE_ENCRYPTION_KEYS = require_intake_keys(env)
# The public origin (scheme, host, port) behind the TLS proxy. Absolute links in mail, webhooks and
# the API derive from it, and so does the default Site on `migrate` (cms/ops/signal_handlers.py).
PUBLIC_BASE_URL = require_public_base_url(env)
WAGTAILADMIN_BASE_URL = validate_origin(
    "WAGTAILADMIN_BASE_URL", env.str("WAGTAILADMIN_BASE_URL", default=PUBLIC_BASE_URL)
)
WAGTAILAPI_BASE_URL = validate_origin(
    "WAGTAILAPI_BASE_URL", env.str("WAGTAILAPI_BASE_URL", default=PUBLIC_BASE_URL)
)

# TLS ends at the proxy, which must set X-Forwarded-Proto (docs/deploy.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is a commitment that is slow to undo (hstspreload.org): the operator opts in. While it
# is off, Django's reminder (security.W021) is silenced so `check --deploy` stays clean.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
CMS_2FA_REQUIRED = env.bool("CMS_2FA_REQUIRED", default=True)

# Each worker keeps its database connection between requests: opening one is most of the cost of
# a short request that writes (docs/deploy.md). A kept connection is checked before each request
# reuses it, so one broken by a database restart or failover is replaced, not answered with a 503.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DATABASE_CONN_HEALTH_CHECKS", default=True)

# Mail and webhook deliveries leave the request: queued in the database, run by `make worker`
# (`manage.py db_worker`), retried there without holding up editors or patients.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# Structured logs: one JSON object per line on stdout, for the platform's log collector.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")

# Hashed, compressed static files (`make static` at release), served by whitenoise. Another
# backend (e.g. django.contrib.staticfiles.storage.StaticFilesStorage) serves unhashed files
# without a collectstatic manifest, for trying the production settings locally.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND", default="whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
