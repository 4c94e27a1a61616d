from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.pages.roles import roles_markdown

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "roles.md"


class Command(BaseCommand):
    help = "Write docs/roles.md from the role table in cms/pages/roles.py."

    def handle(self, *args, **options):
        DOCUMENT.write_text(roles_markdown())
        self.stdout.write(f"Wrote {DOCUMENT}")
