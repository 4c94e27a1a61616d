"""The demo's medical reviewer, and publishing demo pages the way a clinic must: through the
"Medical review" workflow, approved by a reviewer with a profile."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.pages.review import ReviewerProfile
from cms.pages.reviewing import review_problems
from cms.pages.roles import MEDICAL_REVIEWERS

REVIEWER = {
    "username": "demo-reviewer",
    "display_name": "Dr. Jordan Avery",
    "credentials": "MD, spine surgery",
}


def demo_reviewer():
    """A member of Medical reviewers with a profile. It has no password: an administrator sets
    one (Settings → Users) to review as this person."""
    user, created = get_user_model().objects.get_or_create(
        username=REVIEWER["username"], defaults={"first_name": "Jordan", "last_name": "Avery"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
    ReviewerProfile.objects.update_or_create(
        user=user,
        defaults={"display_name": REVIEWER["display_name"], "credentials": REVIEWER["credentials"]},
    )
    return user


def publish_reviewed(page, reviewer):
    """Publish ``page``'s latest content: directly when nothing clinical changed since its last
    approval, else by submitting it to its workflow and approving it as ``reviewer``."""
    revision = page.save_revision()
    if not review_problems(revision.as_object()):
        revision.publish()
        return
    if page.workflow_in_progress:
        page.current_workflow_state.cancel()
    state = page.get_workflow().start(page, user=None)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
