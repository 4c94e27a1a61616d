"""Two-factor sign-in: superusers and readers of intake data verify a second factor after the
password; a recovery code works once."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp import user_has_device
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import add_authenticator, add_recovery_codes, current_code

pytestmark = pytest.mark.usefixtures("two_factor")


def sign_in(client, user):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.get_username(), "password": "password"}
    )
    assert response.status_code == 302
    return client.get(response.url)


def test_superuser_without_a_device_is_sent_to_enrol(admin_client, site):
    response = admin_client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts_enrol')}?next=%2Fadmin%2Fpages%2F"


def test_enrolment_turns_on_the_authenticator_and_shows_recovery_codes_once(
    admin_client, superuser, site
):
    page = admin_client.get(reverse("accounts_enrol"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    assert device.config_url in page.content.decode() or b"data:image/png" in page.content

    response = admin_client.post(
        reverse("accounts_enrol"), {"token": current_code(device), "next": "/admin/"}
    )
    assert response.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert admin_client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_wrong_enrolment_code_is_refused(admin_client, superuser, site):
    admin_client.get(reverse("accounts_enrol"))
    response = admin_client.post(reverse("accounts_enrol"), {"token": "000000"})
    assert b"That code is not valid" in response.content
    assert not user_has_device(superuser)


def test_password_then_code_opens_the_admin(client, superuser, site):
    superuser.set_password("password")
    superuser.save()
    device = add_authenticator(superuser)
    response = sign_in(client, superuser)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_verify"))
    assert client.get("/admin/").status_code == 302

    good = client.post(response.url, {"token": current_code(device), "next": "/admin/"})
    assert good.status_code == 302
    assert good.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_intake_manager_is_enforced_and_editor_is_not(client, intake_manager, editor, site):
    add_authenticator(intake_manager)
    client.force_login(intake_manager)
    assert client.get("/admin/").url.startswith(reverse("accounts_verify"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_exactly_once(client, intake_manager, site):
    add_authenticator(intake_manager)
    add_recovery_codes(intake_manager, "alpha1234", "bravo5678")
    for attempt in ("first", "second"):
        client.force_login(intake_manager)
        response = client.post(reverse("accounts_verify"), {"token": "ALPHA 1234"})
        if attempt == "first":
            assert response.status_code == 302
            assert client.get("/admin/").status_code == 200
            client.logout()
        else:
            assert b"That code is not valid" in response.content
            assert client.get("/admin/").status_code == 302


def test_enrolment_is_not_open_to_an_unverified_user_with_a_device(client, superuser, site):
    add_authenticator(superuser)
    client.force_login(superuser)
    response = client.get(reverse("accounts_enrol"))
    assert response.url.startswith(reverse("accounts_verify"))


def test_unverified_session_reads_the_api_as_anonymous(client, superuser, site):
    add_authenticator(superuser)
    client.force_login(superuser)
    assert client.get("/api/v3/whoami/").status_code in (401, 403)


def test_creating_an_api_token_needs_a_verified_session(editor_client, editor, site):
    response = editor_client.get(reverse("wagtailusers_api_tokens:add"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_enrol"))
    device = add_authenticator(editor)
    editor_client.post(reverse("accounts_verify"), {"token": current_code(device)})
    response = editor_client.get(reverse("wagtailusers_api_tokens:add"))
    assert not (response.status_code == 302 and "two-factor" in response.url)


def test_off_by_default_outside_production(admin_client, site, settings):
    settings.CMS_2FA_REQUIRED = False
    assert admin_client.get("/admin/").status_code == 200


def test_reset_second_factor_removes_every_device(superuser):
    add_authenticator(superuser)
    add_recovery_codes(superuser, "charlie9")
    call_command("reset_second_factor", "root")
    assert not user_has_device(superuser, confirmed=None)


def test_codes_are_totp(superuser):
    device = add_authenticator(superuser)
    assert device.verify_token(f"{totp(device.bin_key):06d}")
