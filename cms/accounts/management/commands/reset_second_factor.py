from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator and recovery codes (lost device). On their next sign-in "
        "they set up a new authenticator."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f'No user "{username}".') from error
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(f"Removed {len(devices)} second-factor device(s) of {username}.")
