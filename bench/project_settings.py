"""The project as production runs it, plus the bench's reference views and relaxed intake limits."""

from cms.settings.base import *  # noqa: F403
from cms.settings.base import CACHES, DATABASES, REDIS_URL

SECRET_KEY = "bench-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.project_urls"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
INTAKE_ENCRYPTION_KEYS = ["PRyJpWPe9OqxKzYjB5j5OT6DNfFInLHR7_Fi4467dyQ="]
INTAKE_MIN_FILL_SECONDS = 0.0
INTAKE_RATE_LIMIT = (10**9, 3600)
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = "i15"
# As cms.settings.production: a kept connection is checked before a request reuses it (the bench
# sets DATABASE_CONN_MAX_AGE for its gunicorn servers; the test client keeps its own connection).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
