"""Encryption of intake answers at rest with Fernet keys from ``INTAKE_ENCRYPTION_KEYS``.

The setting is a list of urlsafe base64 Fernet keys; the first one encrypts, every one decrypts
(``MultiFernet``), which is what makes key rotation possible: put the new key first, run
``manage.py rotate_intake_key``, then drop the old key. See ``docs/intake.md``.
"""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

__all__ = ["EncryptedJSONField", "InvalidToken", "get_fernet"]


def get_fernet() -> MultiFernet:
    """The keys' ``MultiFernet``, built once per list of keys (every row encrypts or decrypts)."""
    return _fernet(tuple(k for k in getattr(settings, "INTAKE_ENCRYPTION_KEYS", []) if k))


@lru_cache(maxsize=4)
def _fernet(keys: tuple) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "INTAKE_ENCRYPTION_KEYS is empty: intake answers cannot be stored without an "
            "encryption key. Generate one with `python -c 'from cryptography.fernet import "
            "Fernet; print(Fernet.generate_key().decode())'`."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "INTAKE_ENCRYPTION_KEYS holds a value that is not a Fernet key."
        ) from exc


class EncryptedJSONField(models.TextField):
    """A JSON value stored as a Fernet token: the column never holds plaintext.

    The value cannot be filtered or ordered on in the database, by design.
    """

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(get_fernet().decrypt(value.encode("ascii")))

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        plaintext = json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True).encode("utf-8")
        return get_fernet().encrypt(plaintext).decode("ascii")

    def value_to_string(self, obj):
        # Serialisers (dumpdata) get the token, never the plaintext.
        return self.get_prep_value(self.value_from_object(obj))
