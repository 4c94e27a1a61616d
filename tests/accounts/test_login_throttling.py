"""django-axes on the Wagtail admin login: one username from one address is locked out."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse


@pytest.fixture
def staff(db):
    User = get_user_model()
    for name in ("ana", "ben"):
        User.objects.create_superuser(name, f"{name}@example.com", "right-pass")


def login(client, username, password, address="10.0.0.1", **extra):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def fail_five_times(client, username="ana", address="10.0.0.1", **extra):
    statuses = [login(client, username, "wrong", address, **extra).status_code for _ in range(5)]
    # The form again with its error, then the fifth failure is answered with the lockout notice.
    assert statuses == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session


def test_sixth_attempt_is_refused_even_with_the_right_password(client, staff):
    fail_five_times(client)
    assert login(client, "ana", "wrong").status_code == 429
    assert login(client, "ana", "right-pass").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, staff):
    fail_five_times(client)
    assert login(client, "ana", "right-pass", address="10.0.0.2").status_code == 302
    client.logout()
    assert login(client, "ben", "right-pass").status_code == 302


def test_a_successful_login_resets_the_count(client, staff):
    for _ in range(4):
        assert login(client, "ana", "wrong").status_code == 200
    assert login(client, "ana", "right-pass").status_code == 302
    client.logout()
    fail_five_times(client)


def test_axes_reset_unlocks(client, staff):
    fail_five_times(client)
    assert login(client, "ana", "right-pass").status_code == 429
    call_command("axes_reset_username", "ana")
    assert login(client, "ana", "right-pass").status_code == 302


def test_the_proxy_is_counted(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.9"
    # Two clinics behind the same proxy: locking one leaves the other alone, and what a client
    # writes into X-Forwarded-For itself (the left part) changes nothing.
    locked = {"HTTP_X_FORWARDED_FOR": "198.51.100.5"}
    fail_five_times(client, address=proxy, **locked)
    forged = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.5"}
    assert login(client, "ana", "right-pass", proxy, **forged).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.5, 198.51.100.9"}
    assert login(client, "ana", "right-pass", proxy, **other).status_code == 302
