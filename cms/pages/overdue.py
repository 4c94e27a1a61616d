"""Reviews that fell overdue, marked once: what ``manage.py review_overdue`` does each day.

A live condition page whose approved content has passed its ``next_review_due``
(:mod:`cms.pages.cadence`) is overdue from that day on, wherever its review is read. Marking it
records an :class:`~cms.pages.cadence.OverdueNotice` for its approval, writes "Medical review
overdue" in the page's history, sends :data:`~cms.pages.cadence.review_status_changed` (the API
app refreshes its stored copies of the page) and mails the Medical reviewers the page titles and
admin links. A page is marked once per approval: running again marks nothing new, and a new
approval starts a new interval.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import log

from .cadence import OverdueNotice, review_status_changed
from .models import ConditionPage, MedicalApproval
from .reviewing import OVERDUE, prefetch_reviews
from .tasks import mail_overdue_reviews

REVIEW_OVERDUE = "cms.review_overdue"


def live_condition_pages() -> tuple[list[ConditionPage], dict[int, MedicalApproval]]:
    """Every live condition page with its review worked out, and the latest approval of each
    (three queries)."""
    pages = list(ConditionPage.objects.live().order_by("title"))
    return pages, prefetch_reviews(pages)


def overdue_unmarked() -> list[tuple[ConditionPage, MedicalApproval]]:
    """Live pages whose review is overdue and not marked yet, with the approval that fell due."""
    pages, approvals = live_condition_pages()
    overdue = [page for page in pages if page.review.status == OVERDUE]
    if not overdue:
        return []
    marked = set(
        OverdueNotice.objects.filter(page__in=overdue).values_list("approval_id", flat=True)
    )
    return [
        (page, approvals[page.pk])
        for page in overdue
        if page.pk in approvals and approvals[page.pk].pk not in marked
    ]


def mark_overdue_reviews() -> list[ConditionPage]:
    """Mark every review that fell overdue since the last run; the pages marked now."""
    marked = []
    with transaction.atomic():
        for page, approval in overdue_unmarked():
            due = page.review.next_review_due
            _notice, created = OverdueNotice.objects.get_or_create(
                approval=approval, defaults={"page": page, "next_review_due": due}
            )
            if not created:  # another run marked it meanwhile
                continue
            log(
                page,
                REVIEW_OVERDUE,
                data={
                    "next_review_due": due.isoformat(),
                    "last_reviewed": page.review.last_reviewed.isoformat(),
                    "reviewer": page.review.reviewer_name,
                },
            )
            marked.append(page)
    if marked:
        review_status_changed.send(sender=ConditionPage, pages=marked)
        mail_overdue_reviews.enqueue([page.pk for page in marked])
    return marked
