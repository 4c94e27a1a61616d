"""Staff who read intake data get short idle sessions; others keep Django's default."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone


def test_intake_readers_get_a_thirty_minute_idle_session(client, intake_manager, site):
    response = client.post(
        "/admin/login/", {"username": "manager", "password": "password"}, follow=True
    )
    assert response.status_code == 200
    assert client.session.get_expiry_age() == 30 * 60
    assert client.cookies["sessionid"]["max-age"] == 30 * 60


def test_superusers_too_and_the_timeout_is_configurable(client, superuser, site, settings):
    settings.CMS_SENSITIVE_SESSION_IDLE_MINUTES = 10
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expiry_age() == 10 * 60


def test_editors_keep_the_default_session(editor_client, settings):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert editor_client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_an_idle_session_ends(client, intake_manager, site):
    client.force_login(intake_manager)
    client.get("/admin/")
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
