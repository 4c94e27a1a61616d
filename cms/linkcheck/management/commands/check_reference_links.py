"""Check every link the live pages cite (daily, from cron: see docs/linkcheck.md)."""

from django.core.management.base import BaseCommand

from cms.linkcheck.models import ReferenceLink
from cms.linkcheck.tasks import check_reference_links


class Command(BaseCommand):
    help = (
        "Check the links the live pages cite and record each one's status for the Broken "
        "reference links report. Runs here unless --enqueue is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--page", type=int, help="Only the links this page cites (its id).")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the check for the task worker instead of running it in this process.",
        )

    def handle(self, *args, page, enqueue, **options):
        if enqueue:
            result = check_reference_links.enqueue(page_id=page)
            self.stdout.write(f"Queued the link check (task {result.id}).")
            return
        counts = check_reference_links.call(page_id=page)
        self.stdout.write(f"Checked {counts['checked']} link(s); {counts['broken']} broken.")
        broken = ReferenceLink.objects.broken()
        if page is not None:
            broken = broken.filter(pages=page)
        for link in broken:
            self.stdout.write(f"  {link.outcome}  {link.url}")
