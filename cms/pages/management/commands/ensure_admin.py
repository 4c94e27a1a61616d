import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an admin user exists. The password comes from DJANGO_SUPERUSER_PASSWORD; "
        "without it one is generated once, printed and kept in var/admin-password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        )

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin user '{username}' exists.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if generated:
            path = Path(settings.BASE_DIR) / "var" / "admin-password"
            path.parent.mkdir(exist_ok=True)
            path.write_text(password + "\n")
            path.chmod(0o600)
            self.stdout.write(
                self.style.WARNING(
                    f"Created admin user '{username}' with password: {password}\n"
                    f"(also saved in {path}; set DJANGO_SUPERUSER_PASSWORD to choose your own)"
                )
            )
        else:
            self.stdout.write(f"Created admin user '{username}'.")
