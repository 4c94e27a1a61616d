"""Mark medical reviews that fell overdue and tell the reviewers; meant for a daily cron job
(docs/review-cadence.md). Running it again the same day marks and sends nothing new."""

from django.core.management.base import BaseCommand

from cms.pages.overdue import mark_overdue_reviews, overdue_unmarked


class Command(BaseCommand):
    help = "Mark condition pages whose medical review fell overdue and email the reviewers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the pages; mark and send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            pages = [page for page, _approval in overdue_unmarked()]
        else:
            pages = mark_overdue_reviews()
        verb = "Would mark" if dry_run else "Marked"
        for page in pages:
            self.stdout.write(
                f"{verb} “{page.title}” (page {page.pk}): review due "
                f"{page.review.next_review_due:%Y-%m-%d}"
            )
        self.stdout.write(f"{verb} {len(pages)} overdue review(s).")
