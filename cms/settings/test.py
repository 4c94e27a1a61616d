import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Local memory, or Redis when REDIS_URL is set (as in base), each pytest-xdist worker under its own
# key prefix so that workers never see, or clear, each other's keys.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/cms-test-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The origin the pinned demo API snapshot (tests/demo/snapshots/demo_api.json) was taken with.
WAGTAILAPI_BASE_URL = "http://127.0.0.1:8000"

# The example section plugin runs with the suite, installed the way an operator would install it.
# Wagtail imports the wagtail_hooks of INSTALLED_APPS once per process, so a plugin's hook cannot be
# switched on later with override_settings; it has to be installed from the start.
if "examples.testimonials" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "examples.testimonials"]
# The demo content, for the tests in tests/demo (the only ones that may use it).
INSTALLED_APPS = ["cms.demo", *INSTALLED_APPS]
# A fixed development key; real keys only ever come from the environment.
INTAKE_ENCRYPTION_KEYS = ["PRyJpWPe9OqxKzYjB5j5OT6DNfFInLHR7_Fi4467dyQ="]
INTAKE_MIN_FILL_SECONDS = 0.0
# Off so admin tests need no second factor; tests/accounts switches it on.
CMS_2FA_REQUIRED = False
# Publishing a page would check its links on the network; tests/linkcheck switches it on.
LINK_CHECK_ON_PUBLISH = False
# Every page JSON served is checked against its OpenAPI schema (cms/api/serialise.py).
API_CHECK_RESPONSES = True
