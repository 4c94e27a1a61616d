from django.urls import path, reverse
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [
        path("two-factor/", views.enrol, name="accounts_enrol"),
        path("two-factor/verify/", views.verify, name="accounts_verify"),
        path("two-factor/recovery-codes/", views.recovery_codes, name="accounts_recovery_codes"),
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    return {
        "url": reverse("accounts_enrol"),
        "label": "Two-factor sign-in",
        "help_text": "Set up your authenticator app and recovery codes.",
    }
