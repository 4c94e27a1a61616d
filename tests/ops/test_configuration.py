"""Production settings refuse a bad environment in the WSGI application, naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "SECRET_KEY": "k3Jx9vQ2mZ7pL0sT4wY8bN1cR6dF5gH2jK7lM9nP3qS0uV4xZ8aB",
    "ALLOWED_HOSTS": "conditions.example.org",
    "INTAKE_ENCRYPTION_KEYS": "Xq8gT6Ex2f0bC3Vw2PZq3rJ0YcF7u1oW9s4Gm5aN8kE=",
    "PUBLIC_BASE_URL": "https://conditions.example.org",
}
OVERRIDDEN = {*GOOD_ENV, "DJANGO_SETTINGS_MODULE", "WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"}


def run(code_or_args, **overrides):
    env = {k: v for k, v in os.environ.items() if k not in OVERRIDDEN}
    env.update(GOOD_ENV, DJANGO_SETTINGS_MODULE="cms.settings.production")
    env.update(overrides)
    for name in [name for name, value in env.items() if value is None]:
        del env[name]
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def start_wsgi(**overrides):
    return run("import cms.wsgi", **overrides)


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "x1y2z3" * 10}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"INTAKE_ENCRYPTION_KEYS": None}, "INTAKE_ENCRYPTION_KEYS"),
        ({"INTAKE_ENCRYPTION_KEYS": ""}, "INTAKE_ENCRYPTION_KEYS"),
        ({"INTAKE_ENCRYPTION_KEYS": "not-a-fernet-key"}, "INTAKE_ENCRYPTION_KEYS"),
        (
            {"INTAKE_ENCRYPTION_KEYS": "PRyJpWPe9OqxKzYjB5j5OT6DNfFInLHR7_Fi4467dyQ="},
            "INTAKE_ENCRYPTION_KEYS",
        ),
        ({"PUBLIC_BASE_URL": None}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": ""}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "conditions.example.org"}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "http://conditions.example.org"}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "https://conditions.example.org/cms/"}, "PUBLIC_BASE_URL"),
        ({"WAGTAILADMIN_BASE_URL": "http://admin.example.org"}, "WAGTAILADMIN_BASE_URL"),
    ],
)
def test_wsgi_application_refuses_bad_environment(overrides, variable):
    result = start_wsgi(**overrides)

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert variable in last_line


def test_base_urls_derive_from_public_base_url_unless_set():
    code = (
        "from django.conf import settings as s; "
        "print(s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    derived = run(code, PUBLIC_BASE_URL="https://conditions.example.org/")
    own = run(code, WAGTAILAPI_BASE_URL="https://api.example.org", SECURE_HSTS_PRELOAD="true")

    assert derived.stdout.split() == [
        "https://conditions.example.org",
        "https://conditions.example.org",
        "31536000",
        "True",
        "False",
    ]
    assert own.stdout.split()[1] == "https://api.example.org"
    assert own.stdout.split()[-1] == "True"


def test_deploy_check_is_clean_with_a_good_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_is_clean_with_preload():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], SECURE_HSTS_PRELOAD="1"
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_static_files_are_hashed_and_served_by_whitenoise():
    code = (
        "from django.conf import settings as s; "
        "print(s.STORAGES['staticfiles']['BACKEND']); print(s.MIDDLEWARE[3])"
    )
    assert run(code).stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_gunicorn_config_reads_the_environment():
    code = "import runpy; c = runpy.run_path('gunicorn.conf.py'); print(c['bind'], c['workers'])"
    result = run(code, GUNICORN_BIND="127.0.0.1:9001", WEB_CONCURRENCY="3")
    assert result.stdout.split() == ["127.0.0.1:9001", "3"]


def test_media_bucket_and_cdn_purging_come_from_the_environment():
    code = (
        "from django.conf import settings as s; d = s.STORAGES['default']; "
        "print(d['BACKEND'], d['OPTIONS']['bucket_name'], d['OPTIONS']['addressing_style'], "
        "s.WAGTAILFRONTENDCACHE['http']['LOCATION'], "
        "s.INSTALLED_APPS.count('wagtail.contrib.frontend_cache'))"
    )
    result = run(
        code,
        AWS_STORAGE_BUCKET_NAME="cms-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_ADDRESSING_STYLE="path",
        FRONTEND_CACHE_PURGE_URL="http://10.0.0.5:6081",
    )
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage", "cms-media", "path", "http://10.0.0.5:6081", "1"
    ]


def test_database_connections_are_kept_and_checked_unless_configured_otherwise():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    unset = {"DATABASE_CONN_MAX_AGE": None, "DATABASE_CONN_HEALTH_CHECKS": None}
    assert run(code, **unset).stdout.split() == ["60", "True"]
    configured = run(code, DATABASE_CONN_MAX_AGE="0", DATABASE_CONN_HEALTH_CHECKS="false")
    assert configured.stdout.split() == ["0", "False"]
