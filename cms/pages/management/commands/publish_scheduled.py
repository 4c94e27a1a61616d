"""Wagtail's ``publish_scheduled``, made to skip condition pages that a publish check (or the
medical review rule) refuses.

Wagtail publishes due revisions oldest first and stops at the first exception, so a refused
revision (see ``cms.pages.publishing``) would stop every later one, on every run, because it
stays due. Here each refused revision is reported, logged and unscheduled (Wagtail logs that as
"Unschedule publication" in the page's history) before Wagtail's command publishes the rest.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from cms.pages.models import ConditionPage
from cms.pages.publishing import publish_problems
from cms.pages.reviewing import review_problems

logger = logging.getLogger(__name__)


class Command(WagtailCommand):
    def handle(self, *args, **options):
        due = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(ConditionPage),
            approved_go_live_at__lt=timezone.now(),
        ).order_by("approved_go_live_at")
        for revision in due:
            page = revision.as_object()
            problems = review_problems(page) + publish_problems(page)
            if not problems:
                continue
            verb = "Would skip" if options["dryrun"] else "Skipped"
            report = f"{verb} “{page.title}” (page {page.pk}, revision {revision.pk}): " + " ".join(
                problems
            )
            self.stderr.write(report)
            if options["dryrun"]:
                continue
            logger.warning("publish_scheduled: %s", report)
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
        super().handle(*args, **options)
