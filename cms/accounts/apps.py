from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import shorten_session_on_login

        user_logged_in.connect(shorten_session_on_login, dispatch_uid="accounts_short_session")
