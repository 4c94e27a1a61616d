import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def two_factor(settings):
    settings.CMS_2FA_REQUIRED = True


@pytest.fixture
def intake_manager(db):
    """Reads intake data through a group holding the submission view permission."""
    user = get_user_model().objects.create_user("manager", "manager@example.com", "password")
    group = Group.objects.create(name="Readers of intake data")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_intakesubmission"),
    )
    user.groups.add(group)
    return user


def add_authenticator(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def add_recovery_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    for code in codes:
        device.token_set.create(token=code)
    return device


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
