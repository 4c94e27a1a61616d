"""Review cadence: every medical approval falls due for review again after an interval.

* :func:`next_review_due`: the approval's date plus ``MEDICAL_REVIEW_INTERVAL_MONTHS`` (12 by
  default). :func:`cms.pages.reviewing.review_of` gives it to every reviewed page, and calls a page
  whose approved content is live past that date ``overdue``.
* :class:`OverdueNotice`: that reviewers were told an approval fell overdue; one per approval, so
  ``manage.py review_overdue`` (:mod:`cms.pages.overdue`) tells them once.
* :data:`review_status_changed`: sent with ``pages`` when a page's review status changes without a
  publish (a review falling overdue), so that stored copies of those pages are refreshed. The API
  app connects it to its cache invalidation; anything else may listen too.

See docs/review-cadence.md.
"""

from __future__ import annotations

import calendar
import datetime

import django.dispatch
from django.conf import settings
from django.db import models
from django.utils import timezone

#: ``sender``: the page model; ``pages``: the condition pages whose review status changed.
review_status_changed = django.dispatch.Signal()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def review_interval_months() -> int:
    return settings.MEDICAL_REVIEW_INTERVAL_MONTHS


def next_review_due(approved_at: datetime.datetime) -> datetime.date:
    """When content approved at ``approved_at`` is due for its next medical review."""
    return add_months(approved_at.date(), review_interval_months())


def is_overdue(due: datetime.date, today: datetime.date | None = None) -> bool:
    """A review is overdue from the day after its due date."""
    return due < (today or timezone.localdate())


class OverdueNotice(models.Model):
    """Reviewers were told that ``approval``, the page's latest, fell due on ``next_review_due``."""

    page = models.ForeignKey(
        "pages.ConditionPage", on_delete=models.CASCADE, related_name="overdue_notices"
    )
    approval = models.OneToOneField(
        "pages.MedicalApproval", on_delete=models.CASCADE, related_name="overdue_notice"
    )
    next_review_due = models.DateField()
    notified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-notified_at"]

    def __str__(self):
        return f"{self.page_id}: review due {self.next_review_due:%Y-%m-%d}"
