from .base import *  # noqa: F403
from .base import env

DEBUG = False
# No fallback: a missing SECRET_KEY stops the process at start-up.
SECRET_KEY = env("SECRET_KEY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CMS_2FA_REQUIRED = env.bool("CMS_2FA_REQUIRED", default=True)

# Mail and webhook deliveries leave the request: queued in the database, run by `make worker`
# (`manage.py db_worker`), retried there without holding up editors or patients.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
