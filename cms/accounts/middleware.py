"""Second-factor enforcement and shorter sessions for staff who read sensitive data."""

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django_otp import user_has_device

from .policy import reads_sensitive_data, second_factor_required
from .views import step_url

# Admin views an unverified user may still reach: signing in and out, the second factor itself,
# and the assets those pages load.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "accounts_verify",
    "accounts_enrol",
}
# Views that need a verified session from anyone while two-factor sign-in is on: an API token
# is a long-lived credential.
VERIFIED_URL_NAMES = {"wagtailusers_api_tokens:add"}


def url_name(request):
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def is_admin_path(request):
    return request.path_info.startswith(tuple(settings.CSP_ADMIN_PATH_PREFIXES))


class SecondFactorMiddleware:
    """Sends a signed-in user who needs a second factor to verify (or enrol) before the admin.

    Goes after django-otp's ``OTPMiddleware``. Outside the admin (API, public pages) such a user
    is treated as anonymous until verified, so a password alone reads nothing there either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not settings.CMS_2FA_REQUIRED or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        name = url_name(request)
        if name in OPEN_URL_NAMES:
            return self.get_response(request)
        if second_factor_required(user) or name in VERIFIED_URL_NAMES:
            if not is_admin_path(request):
                request.user = AnonymousUser()
                return self.get_response(request)
            step = "accounts_verify" if user_has_device(user) else "accounts_enrol"
            return redirect(step_url(step, request.get_full_path()))
        return self.get_response(request)


class SensitiveSessionMiddleware:
    """Staff who read sensitive data are signed out after ``CMS_SENSITIVE_SESSION_IDLE_MINUTES``.

    The expiry counts from the last request; it is pushed forward (a session write) at most once a
    minute, so an idle session ends within a minute of the limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if reads_sensitive_data(request.user):
            shorten_session(request.session)
        return self.get_response(request)


REFRESHED_KEY = "accounts_expiry_refreshed"


def shorten_session(session, force=False):
    now, idle = int(time.time()), settings.CMS_SENSITIVE_SESSION_IDLE_MINUTES * 60
    # Also when a view changed the expiry (Wagtail's login without "remember me" sets 0).
    if force or now - session.get(REFRESHED_KEY, 0) >= 60 or session.get_expiry_age() != idle:
        session[REFRESHED_KEY] = now
        session.set_expiry(idle)


def shorten_session_on_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: the short session starts at sign-in."""
    if request is not None and hasattr(request, "session") and reads_sensitive_data(user):
        shorten_session(request.session, force=True)
