"""Medical review as data: who may approve, what they approved, and who published without it.

* :class:`ReviewerProfile`: the name and credentials a medical reviewer signs with. Approving
  needs one; administrators keep them (Settings → Reviewer profiles).
* :class:`MedicalReviewTask`: the workflow task "Medical review". Members of its groups who have a
  profile approve; approving records a :class:`MedicalApproval` of the revision's clinical content
  (see :mod:`cms.pages.clinical`).
* :class:`MedicalApproval`: one approval, with the reviewer's name and credentials as they were.
  Nobody types these: the task writes them.
* :class:`ReviewOverride`: a superuser's explicit choice to publish one version's clinical content
  without review. It lets that publish through and never makes the page "reviewed".

The rules that use them are in :mod:`cms.pages.reviewing`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask, TaskState


class ReviewerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    display_name = models.CharField(
        max_length=120, help_text="As the public sees it, e.g. 'Dr. Jordan Avery'."
    )
    credentials = models.CharField(
        max_length=120, blank=True, help_text="e.g. 'MD, board-certified spine surgeon'."
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name


def reviewer_profile(user) -> ReviewerProfile | None:
    if user is None or not user.is_authenticated:
        return None
    return ReviewerProfile.objects.filter(user=user).first()


class MedicalApproval(models.Model):
    page = models.ForeignKey(
        "pages.ConditionPage", on_delete=models.CASCADE, related_name="medical_approvals"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewer_name = models.CharField(max_length=120)
    reviewer_credentials = models.CharField(max_length=120, blank=True)
    approved_at = models.DateTimeField(default=timezone.now, db_index=True)
    #: :func:`cms.pages.clinical.clinical_fingerprint` of the approved revision.
    fingerprint = models.CharField(max_length=64)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        get_latest_by = ["approved_at", "pk"]

    def __str__(self):
        return f"{self.page_id} approved by {self.reviewer_name} on {self.approved_at:%Y-%m-%d}"


class ReviewOverride(models.Model):
    page = models.ForeignKey(
        "pages.ConditionPage", on_delete=models.CASCADE, related_name="review_overrides"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    fingerprint = models.CharField(max_length=64)
    #: The clinical changes published without review, in words.
    changes = models.TextField(blank=True)


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Approval by a medical reviewer, recorded as a :class:`MedicalApproval`.

    Only members of the task's groups who have a :class:`ReviewerProfile` may approve (superusers
    included: being an administrator is not a medical qualification). Anyone in the groups may
    request changes.
    """

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups with a reviewer profile approve the clinical content; "
            "each approval is recorded with their name and credentials."
        )

    def may_approve(self, user) -> bool:
        return self._user_in_groups(user) and reviewer_profile(user) is not None

    def user_can_access_editor(self, obj, user):
        return self._user_in_groups(user) or super().user_can_access_editor(obj, user)

    def get_actions(self, obj, user):
        if not self._user_in_groups(user):
            return []
        actions = [("reject", "Request changes", True)]
        if self.may_approve(user):
            actions += [("approve", "Approve", False), ("approve", "Approve with comment", True)]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from .reviewing import record_approval

            if not self.may_approve(user):
                raise PermissionDenied(
                    "Approving a medical review needs membership of the reviewing group and a "
                    "reviewer profile (Settings → Reviewer profiles)."
                )
            # What the workflow publishes next: the latest revision (the page is locked to
            # everyone outside the reviewing groups while it waits for review).
            revision = task_state.workflow_state.content_object.get_latest_revision()
            record_approval(revision, user, comment=kwargs.get("comment", ""))
        return super().on_action(task_state, user, action_name, **kwargs)
