"""The follow-up of a submission: new → contacted → closed, one audited step at a time."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from .models import IntakeSubmission

Status = IntakeSubmission.Status
#: The one status each status moves on to, and the button that does it.
NEXT_STATUS = {
    Status.NEW: (Status.CONTACTED, "Mark as contacted"),
    Status.CONTACTED: (Status.CLOSED, "Close"),
}


def next_step(submission):
    """``(status, button label)`` for the next step of ``submission``, or ``None`` when closed."""
    return NEXT_STATUS.get(submission.status)


@require_POST
def advance_status(request, pk):
    policy = policy_registry.get_by_type(IntakeSubmission)
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    submission = get_object_or_404(IntakeSubmission, pk=pk)
    step = next_step(submission)
    expected = request.POST.get("from")
    if step is None or expected != submission.status:
        # Someone else moved it on meanwhile (or it is closed): say so, change nothing.
        messages.warning(request, f"“{submission}” is already {submission.get_status_display()}.")
        return redirect(submission.get_admin_url())
    previous = submission.status
    submission.status = step[0]
    submission.save(update_fields=["status"])
    log(
        submission,
        "intake.status",
        user=request.user,
        data={"from": previous, "to": submission.status},
    )
    messages.success(request, f"“{submission}” is now {submission.get_status_display()}.")
    return redirect(submission.get_admin_url())
