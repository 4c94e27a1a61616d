"""Start-up validation of the production environment.

``cms.settings.production`` calls these while the settings module is imported, so a bad value stops
the WSGI application (and every ``manage.py`` command) before it serves a request, with an
``ImproperlyConfigured`` that names the variable. Nothing here imports models.
"""

from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

# Values that ship in this repository for development and tests; never acceptable in production.
KNOWN_DEVELOPMENT_SECRETS = {
    "dev-only-insecure-key-do-not-use-in-production",
    "test-only-secret-key",
    "PRyJpWPe9OqxKzYjB5j5OT6DNfFInLHR7_Fi4467dyQ=",
}
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def require_secret_key(env) -> str:
    value = env.str("SECRET_KEY", default="").strip()
    if not value:
        raise ImproperlyConfigured("SECRET_KEY is missing or empty: set a long random value.")
    # The same rule as Django's security.W009 deploy check.
    if (
        value in KNOWN_DEVELOPMENT_SECRETS
        or value.startswith("django-insecure")
        or len(value) < 50
        or len(set(value)) < 5
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is unsafe: use at least 50 random characters, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    return value


def require_allowed_hosts(env) -> list[str]:
    hosts = [host.strip() for host in env.list("ALLOWED_HOSTS", default=[]) if host.strip()]
    if not hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is missing or empty: list the public host names, comma-separated."
        )
    if "*" in hosts:
        raise ImproperlyConfigured("ALLOWED_HOSTS is unsafe: '*' accepts any Host header.")
    return hosts


def require_intake_keys(env) -> list[str]:
    keys = [key.strip() for key in env.list("INTAKE_ENCRYPTION_KEYS", default=[]) if key.strip()]
    if not keys:
        raise ImproperlyConfigured(
            "INTAKE_ENCRYPTION_KEYS is missing or empty: generate a key with `python -c 'from "
            "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        )
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"INTAKE_ENCRYPTION_KEYS: key {position} is not a Fernet key "
                "(32 url-safe base64-encoded bytes)."
            ) from None
        if key in KNOWN_DEVELOPMENT_SECRETS:
            raise ImproperlyConfigured(
                f"INTAKE_ENCRYPTION_KEYS is unsafe: "
                f"key {position} is the published development key."
            )
    return keys


def require_public_base_url(env) -> str:
    value = env.str("PUBLIC_BASE_URL", default="").strip()
    if not value:
        raise ImproperlyConfigured(
            "PUBLIC_BASE_URL is missing or empty: set the site's public origin, "
            "e.g. https://conditions.example.org."
        )
    return validate_origin("PUBLIC_BASE_URL", value)


def validate_origin(name: str, value: str) -> str:
    """An origin: scheme and host (and port), no path. https unless the host is a loopback one."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ImproperlyConfigured(f"{name} is not a URL: {value!r}.") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(f"{name} must be an origin like https://example.org: {value!r}.")
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(f"{name} must be an origin with no path or query: {value!r}.")
    if parts.scheme != "https" and parts.hostname not in LOOPBACK_HOSTS:
        raise ImproperlyConfigured(
            f"{name} is unsafe: {value!r} is not https (plain http is accepted for localhost only)."
        )
    return f"{parts.scheme}://{parts.netloc}"
