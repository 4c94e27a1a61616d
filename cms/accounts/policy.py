"""Who must sign in with a second factor and who gets short sessions.

Superusers, and everyone holding one of ``CMS_SENSITIVE_PERMISSIONS`` (by default the intake
submission view permission, so every group that can read intake data), directly or through a
group. Permissions are looked up by codename, so this app needs nothing from the apps that own them.
"""

from django.conf import settings


def reads_sensitive_data(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(map(user.has_perm, settings.CMS_SENSITIVE_PERMISSIONS))


def second_factor_required(user):
    return settings.CMS_2FA_REQUIRED and reads_sensitive_data(user)
