from .base import *  # noqa: F403
from .base import LOGGING, env

DEBUG = False
# No fallback: a missing SECRET_KEY stops the process at start-up.
SECRET_KEY = env("SECRET_KEY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# Mail and webhook deliveries leave the request: queued in the database, run by `make worker`
# (`manage.py db_worker`), retried there without holding up editors or patients.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)

# Structured logs: one JSON object per line on stdout, for the platform's log collector.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")
