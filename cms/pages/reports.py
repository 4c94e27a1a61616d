"""Reports → "Medical review status": every condition page's review, filterable and exportable.

Statuses are worked out from approvals and content (:mod:`cms.pages.reviewing`), not stored, so
the status filters read the reviews of the listed pages in Python (a constant number of queries
whatever the number of pages) and narrow the queryset to the matching ids.
"""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ConditionPage, MedicalApproval
from .reviewing import NEVER, OVERDUE, PENDING, REVIEWED, prefetch_reviews

STATUS_LABELS = {
    REVIEWED: "Reviewed",
    OVERDUE: "Overdue",
    PENDING: "Changed since review, or in review",
    NEVER: "Never reviewed",
}

#: Who sees the report: holders of the "See the medical review status" capability (roles.py).
review_status_policy = ModelPermissionPolicy(MedicalApproval)


def _with_reviews(queryset, keep) -> list[int]:
    pages = list(queryset)
    prefetch_reviews(pages)
    return [page.pk for page in pages if keep(page.review)]


class ReviewStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Review status", choices=list(STATUS_LABELS.items()), method="filter_status"
    )
    due_within_days = django_filters.NumberFilter(
        label="Next review due within (days)",
        method="filter_due_within",
        min_value=0,
        help_text="Overdue pages included.",
    )

    class Meta:
        model = ConditionPage
        fields = ["live"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(pk__in=_with_reviews(queryset, lambda r: r.status == value))

    def filter_due_within(self, queryset, name, value):
        limit = timezone.localdate() + datetime.timedelta(days=int(value))
        due = _with_reviews(
            queryset, lambda r: r.next_review_due is not None and r.next_review_due <= limit
        )
        return queryset.filter(pk__in=due)


def _date_of(field):
    def accessor(page) -> str:
        day = getattr(page.review, field)
        return day.isoformat() if day else ""

    return accessor


def _reviewer(page) -> str:
    review = page.review
    if not review.is_reviewed:
        return ""
    return ", ".join(filter(None, [review.reviewer_name, review.reviewer_credentials]))


class ReviewStatusReportView(ReportView):
    page_title = "Medical review status"
    header_icon = "tasks"
    index_url_name = "medical_review_status"
    index_results_url_name = "medical_review_status_results"
    filterset_class = ReviewStatusFilterSet
    permission_policy = review_status_policy
    permission_required = "view"
    export_filename = "medical-review-status"
    verbose_name_plural = "condition pages"
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit", sort_key="title"),
        Column("status", label="Status", accessor=lambda page: STATUS_LABELS[page.review.status]),
        Column("reviewer", label="Reviewer", accessor=_reviewer),
        Column("last_reviewed", label="Last reviewed", accessor=_date_of("last_reviewed")),
        Column("next_review_due", label="Next review due", accessor=_date_of("next_review_due")),
        Column("live", label="Live", accessor=lambda page: "yes" if page.live else "no"),
    ]
    list_export = [
        "title",
        "review.status",
        "review.reviewer_name",
        "review.reviewer_credentials",
        "review.last_reviewed",
        "review.next_review_due",
        "live",
    ]
    export_headings = {
        "title": "Page",
        "review.status": "Status",
        "review.reviewer_name": "Reviewer",
        "review.reviewer_credentials": "Credentials",
        "review.last_reviewed": "Last reviewed",
        "review.next_review_due": "Next review due",
        "live": "Live",
    }

    def get_base_queryset(self):
        # Oldest review first: those fall due first; never-reviewed pages before them all.
        latest = MedicalApproval.objects.filter(page_id=OuterRef("pk")).order_by("-approved_at")
        return ConditionPage.objects.annotate(
            last_approved_at=Subquery(latest.values("approved_at")[:1])
        ).order_by(F("last_approved_at").asc(nulls_first=True), "title")

    def decorate_paginated_queryset(self, object_list):
        prefetch_reviews(object_list)
        return object_list
