"""The medical reviewers' panel on the admin dashboard: what needs their review."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from .models import ConditionPage
from .overdue import live_condition_pages
from .reviewing import NEVER, OVERDUE, PENDING, WORKFLOW_NAME
from .roles import MEDICAL_REVIEWERS


def waiting_for_review() -> list[ConditionPage]:
    """Condition pages in the "Medical review" workflow now, longest waiting first."""
    states = (
        WorkflowState.objects.active()
        .filter(
            workflow__name=WORKFLOW_NAME,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .order_by("created_at")
    )
    order = [int(pk) for pk in states.values_list("object_id", flat=True)]
    pages = ConditionPage.objects.filter(pk__in=order).only("id", "title", "draft_title")
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in order if pk in by_id]


def review_worklist() -> dict[str, list[ConditionPage]]:
    """``waiting``: in review now; ``overdue``: live past their next review date, most overdue
    first; ``unreviewed``: live, their live content approved by nobody, and not in review.
    Five queries, however many pages."""
    waiting = waiting_for_review()
    waiting_ids = {page.pk for page in waiting}
    live, _approvals = live_condition_pages()
    overdue = sorted(
        (page for page in live if page.review.status == OVERDUE),
        key=lambda page: page.review.next_review_due,
    )
    unreviewed = [
        page
        for page in live
        if page.review.status in (NEVER, PENDING) and page.pk not in waiting_ids
    ]
    return {"waiting": waiting, "overdue": overdue, "unreviewed": unreviewed}


def is_medical_reviewer(user) -> bool:
    return user.is_superuser or user.groups.filter(name=MEDICAL_REVIEWERS).exists()


class ReviewWorklistPanel(Component):
    """Shown to Medical reviewers and superusers (see ``wagtail_hooks``)."""

    name = "medical_review"
    template_name = "pages/home/medical_review_panel.html"
    order = 90  # above Wagtail's own panels: this is the reviewers' work
    #: Pages listed per group; the report lists them all.
    limit = 10

    def get_context_data(self, parent_context=None):
        groups = review_worklist()
        return {
            "groups": [
                (key, title, groups[key][: self.limit], max(0, len(groups[key]) - self.limit))
                for key, title in (
                    ("waiting", "Waiting for review"),
                    ("overdue", "Overdue for review"),
                    ("unreviewed", "Live without a review of their content"),
                )
            ],
        }
