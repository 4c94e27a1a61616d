"""The medical review rule, and what the public is told about a page's review.

The rule: a condition page's clinical content (:mod:`cms.pages.clinical`) is published only as a
medical reviewer last approved it. A change to anything else (hero, call to action, SEO fields)
keeps the existing approval. :func:`review_problems` is a ``condition_page_publish_checks`` hook,
so the rule holds on every way of publishing, for everybody; the one exception is a superuser's
explicit, audited choice in the admin (:func:`record_override`), which never makes the page
"reviewed".

What the public sees (the reviewer line, JSON-LD and the API's ``review`` object) comes from
:func:`review_of`, which reads only real approvals. Each approval falls due for review again after
an interval (:mod:`cms.pages.cadence`).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from wagtail.log_actions import log
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from .cadence import is_overdue, next_review_due
from .clinical import clinical_changes, clinical_fingerprint
from .review import MedicalApproval, MedicalReviewTask, ReviewOverride, reviewer_profile
from .roles import MEDICAL_REVIEWERS

WORKFLOW_NAME = "Medical review"
PUBLISHED_WITHOUT_REVIEW = "cms.publish_without_review"
MEDICAL_APPROVAL = "cms.medical_approval"

REVIEWED, OVERDUE, PENDING, NEVER = "reviewed", "overdue", "pending", "never"


@dataclass(frozen=True)
class Review:
    """A page's medical review as the public may be told it.

    ``status`` is ``reviewed`` when the page's clinical content is exactly what a reviewer last
    approved, and ``overdue`` when it is but that approval's ``next_review_due`` has passed;
    ``pending`` when it is not, but it was approved before or a review is in progress; ``never``
    otherwise. Reviewer, dates and ``is_reviewed`` are given only when ``reviewed`` or ``overdue``:
    an overdue page was still reviewed by that person on that date.
    """

    status: str
    reviewer_name: str = ""
    reviewer_credentials: str = ""
    last_reviewed: datetime.date | None = None
    next_review_due: datetime.date | None = None

    @property
    def is_reviewed(self) -> bool:
        return self.status in (REVIEWED, OVERDUE)


def latest_approval(page) -> MedicalApproval | None:
    if page.pk is None:
        return None
    return MedicalApproval.objects.filter(page_id=page.pk).order_by("-approved_at", "-pk").first()


def review_in_progress(page) -> bool:
    return page.pk is not None and page.workflow_in_progress


def review_of(page) -> Review:
    """The truth about ``page``'s review (a live page, a draft or a preview alike)."""
    return review_from(page, latest_approval(page), lambda: review_in_progress(page))


def stored_digest(page) -> str | None:
    """The clinical digest saved with ``page``'s row, for a page just loaded from the database
    (never one a form or a revision built); ``None`` when not loaded or not worked out yet."""
    return page.__dict__.get("clinical_digest") or None


def review_from(page, approval, in_progress, fingerprint=None) -> Review:
    """``page``'s review given its latest ``approval`` (or ``None``) and ``in_progress()``,
    whether a review is under way (asked only when the content is not the approved one).
    ``fingerprint``, when known, is ``page``'s :func:`clinical_fingerprint`."""
    if approval is not None and approval.fingerprint == (
        fingerprint or clinical_fingerprint(page)
    ):
        due = next_review_due(approval.approved_at)
        return Review(
            OVERDUE if is_overdue(due) else REVIEWED,
            approval.reviewer_name,
            approval.reviewer_credentials,
            approval.approved_at.date(),
            due,
        )
    if approval is not None or in_progress():
        return Review(PENDING)
    return Review(NEVER)


def latest_approvals(page_ids) -> dict[int, MedicalApproval]:
    """The latest approval of each page of ``page_ids`` that has one, in one query."""
    latest = {}
    for approval in MedicalApproval.objects.filter(page_id__in=page_ids).order_by(
        "page_id", "-approved_at", "-pk"
    ):
        latest.setdefault(approval.page_id, approval)
    return latest


def prefetch_reviews(pages) -> dict[int, MedicalApproval]:
    """Work out the review of every page in ``pages`` (condition pages just loaded from the
    database) in two queries, for listings; each page's ``review`` is then read without a
    query. Returns the latest approval of each page that has one."""
    pages = [page for page in pages if page.pk is not None]
    if not pages:
        return {}
    ids = [page.pk for page in pages]
    latest = latest_approvals(ids)
    # In progress as ``page.workflow_in_progress`` says it (a review sent back is not).
    in_review = set(
        WorkflowState.objects.filter(
            base_content_type=pages[0].get_base_content_type(),
            object_id__in=[str(pk) for pk in ids],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).values_list("object_id", flat=True)
    )
    for page in pages:
        page.__dict__["review"] = review_from(
            page,
            latest.get(page.pk),
            lambda page=page: str(page.pk) in in_review,
            stored_digest(page),
        )
    return latest


#: The latest approval's fields a page's review needs (:func:`with_review`).
APPROVAL_FIELDS = ("pk", "fingerprint", "approved_at", "reviewer_name", "reviewer_credentials")


def with_review(queryset):
    """``queryset`` (of pages) with what each condition page's medical review needs read in
    the same query: its latest approval (as :func:`review_of` finds it) and whether a review is
    in progress. :func:`review_from_query` then gives each page its ``review`` without a query."""
    return queryset.annotate(**_review_annotations())


@functools.cache
def _review_annotations() -> dict:
    # Built once: Django copies expressions as it resolves them into a query.
    latest = MedicalApproval.objects.filter(page_id=OuterRef("pk")).order_by("-approved_at", "-pk")
    in_progress = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return {
        **{f"_approval_{name}": Subquery(latest.values(name)[:1]) for name in APPROVAL_FIELDS},
        "_review_in_progress": Exists(in_progress),
    }


def review_from_query(page) -> None:
    """Set ``page.review`` from the values :func:`with_review` read (if it read them)."""
    if "_review_in_progress" not in page.__dict__ or not hasattr(type(page), "review"):
        return
    values = {name: page.__dict__[f"_approval_{name}"] for name in APPROVAL_FIELDS}
    approval = MedicalApproval(page_id=page.pk, **values) if values["pk"] is not None else None
    in_progress = page._review_in_progress and getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True)
    page.__dict__["review"] = review_from(
        page, approval, lambda: in_progress, stored_digest(page)
    )


def _approved_version(approval):
    return approval.revision.as_object() if approval.revision_id else None


def review_problems(page) -> list[str]:
    """Why ``page`` may not be published for want of a medical review (empty: it may)."""
    fingerprint = clinical_fingerprint(page)
    approval = latest_approval(page)
    if approval is not None and approval.fingerprint == fingerprint:
        return []
    overrides = ReviewOverride.objects.filter(page_id=page.pk, fingerprint=fingerprint)
    if approval is not None:
        overrides = overrides.filter(created_at__gte=approval.approved_at)
    if page.pk is not None and overrides.exists():
        return []
    how = (
        "Submit it for medical review: a medical reviewer's approval publishes it. A change to "
        "anything else (hero, call to action, SEO fields) needs no new review."
    )
    if approval is None:
        return [f"This page's clinical content has never been medically reviewed. {how}"]
    approved = _approved_version(approval)
    changes = clinical_changes(approved, page) if approved is not None else []
    what = ", ".join(changes) if changes else "its clinical content"
    return [
        f"Medical review needed: {what} changed since {approval.reviewer_name} approved it on "
        f"{approval.approved_at:%Y-%m-%d}. {how}"
    ]


def record_approval(revision, user, comment="") -> MedicalApproval:
    """Record ``user``'s approval of ``revision`` (the reviewer needs a profile)."""
    profile = reviewer_profile(user)
    if profile is None:
        raise ValueError("Only a reviewer with a reviewer profile may approve.")
    page = revision.as_object()
    approval = MedicalApproval.objects.create(
        page_id=page.pk,
        revision=revision,
        reviewer=user,
        reviewer_name=profile.display_name,
        reviewer_credentials=profile.credentials,
        fingerprint=clinical_fingerprint(page),
        comment=comment,
    )
    log(
        page,
        MEDICAL_APPROVAL,
        user=user,
        revision=revision,
        data={"reviewer": {"name": profile.display_name, "credentials": profile.credentials}},
    )
    return approval


def record_override(page, user) -> ReviewOverride:
    """A superuser's explicit choice to publish ``page``'s clinical content unreviewed; logged."""
    if not (user and user.is_superuser):
        raise PermissionError("Only an administrator may publish without medical review.")
    approval = latest_approval(page)
    approved = _approved_version(approval) if approval else None
    changes = clinical_changes(approved, page) if approved is not None else []
    summary = ", ".join(changes) if changes else "never reviewed"
    override = ReviewOverride.objects.create(
        page_id=page.pk, user=user, fingerprint=clinical_fingerprint(page), changes=summary
    )
    log(page, PUBLISHED_WITHOUT_REVIEW, user=user, data={"changes": summary})
    return override


# -- the workflow -------------------------------------------------------------------------------


def review_workflow() -> Workflow:
    """The "Medical review" workflow with its task for the Medical reviewers group (idempotent)."""
    with transaction.atomic():
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        task = MedicalReviewTask.objects.filter(name=WORKFLOW_NAME).first()
        if task is None:
            task = MedicalReviewTask.objects.create(name=WORKFLOW_NAME)
            group, _ = Group.objects.get_or_create(name=MEDICAL_REVIEWERS)
            task.groups.set([group])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_review_workflow(index_page) -> None:
    """Put the condition pages under ``index_page`` through medical review."""
    WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": review_workflow()})
