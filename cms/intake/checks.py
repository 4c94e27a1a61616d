from django.core.checks import Error, register


@register()
def check_encryption_keys(app_configs, **kwargs):
    """Fail at start-up, not at the first patient's submission, when no key is configured."""
    from .encryption import get_fernet

    try:
        get_fernet()
    except Exception as exc:
        return [Error(str(exc), id="intake.E001", hint="Set INTAKE_ENCRYPTION_KEYS.")]
    return []
