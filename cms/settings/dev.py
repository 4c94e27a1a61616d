from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

# The demo content and `load_demo` (what `make run` serves); production never installs it.
INSTALLED_APPS = ["cms.demo", *INSTALLED_APPS]

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Development only: a fixed key so `make run` works on a fresh machine with nothing configured.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
# Development only: a fixed intake key so `make run` works with nothing configured.
INTAKE_ENCRYPTION_KEYS = env.list(
    "INTAKE_ENCRYPTION_KEYS", default=["PRyJpWPe9OqxKzYjB5j5OT6DNfFInLHR7_Fi4467dyQ="]
)
# The dev server's own address (`make run` passes HOST and PORT): mail and API links point at it.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=PUBLIC_BASE_URL)
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=PUBLIC_BASE_URL)
# Every page JSON served is checked against its OpenAPI schema (cms/api/serialise.py).
API_CHECK_RESPONSES = True
# Development reaches no other site by itself: reference links are checked only when asked
# (`manage.py check_reference_links`), not after every publish as in production.
LINK_CHECK_ON_PUBLISH = env.bool("LINK_CHECK_ON_PUBLISH", default=False)
