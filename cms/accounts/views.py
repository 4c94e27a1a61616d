"""The second factor: verify after Wagtail's login, enrol an authenticator, recovery codes."""

import base64
from io import BytesIO

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm

AUTHENTICATOR = "Authenticator app"
RECOVERY = "Recovery codes"


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def step_url(name, next):
    return f"{reverse(name)}?{urlencode({'next': next})}"


def new_recovery_codes(user):
    """Replace the user's recovery codes; the new codes are returned to be shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.CMS_2FA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def qr_code(url):
    """The otpauth URL as a PNG data URI, or None without the optional ``qrcode`` package."""
    try:
        import qrcode
    except ImportError:
        return None
    buffer = BytesIO()
    qrcode.make(url, box_size=6, border=2).save(buffer)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@never_cache
@login_required(login_url="wagtailadmin_login")
def verify(request):
    if not user_has_device(request.user):
        return redirect(step_url("accounts_enrol", next_url(request)))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, f"Recovery code used: {left} left.")
            return redirect(next_url(request))
        form.add_error("token", "That code is not valid. Check your device's clock, or try again.")
    return render(request, "accounts/verify.html", {"form": form, "next": next_url(request)})


@never_cache
@login_required(login_url="wagtailadmin_login")
def enrol(request):
    user = request.user
    if user_has_device(user) and not user.is_verified():
        return redirect(step_url("accounts_verify", next_url(request)))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            for old in devices_for_user(user):
                if isinstance(old, TOTPDevice):
                    old.delete()
            device.confirmed = True
            device.save()
            otp_login(request, device)
            context = {"codes": new_recovery_codes(user), "next": next_url(request)}
            return render(request, "accounts/recovery_codes.html", context)
        form.add_error("token", "That code is not valid. Check your device's clock, or try again.")
    context = {
        "form": form,
        "next": next_url(request),
        "secret": base64.b32encode(device.bin_key).decode(),
        "config_url": device.config_url,
        "qr_code": qr_code(device.config_url),
        "enrolled": user_has_device(user),
    }
    return render(request, "accounts/enrol.html", context)


@never_cache
@require_POST
@login_required(login_url="wagtailadmin_login")
def recovery_codes(request):
    if not request.user.is_verified():
        return redirect(step_url("accounts_verify", reverse("accounts_enrol")))
    context = {"codes": new_recovery_codes(request.user), "next": reverse("wagtailadmin_home")}
    return render(request, "accounts/recovery_codes.html", context)
