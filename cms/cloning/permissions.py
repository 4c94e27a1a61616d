"""Who may clone condition pages, and who may publish them before a medical review.

The rules (stated for people in ``docs/cloning.md``):

* Creating a condition from a template needs ``cloning.view_conditiontemplate`` (to read the
  template) and the right to add a page under the chosen condition index.
* A user holding ``cloning.publish_reviewed_only`` (the "Marketers" group does) may publish a
  condition page only when its medical review is complete: a reviewer, a last-reviewed date and
  ``needs_medical_review`` off. Superusers are never held back; neither is the command line,
  which publishes as the site operator (no user).

The publish rule lives in :class:`ConditionPagePermissionTester`, which
``ConditionPage.permissions_for_user`` returns, so it holds wherever Wagtail asks whether a user
may publish: the admin's publish button and bulk publish, the v3 API's publish action and
``"action": "publish"`` writes, and workflow approvals. The ``before_publish_page`` hook in
``wagtail_hooks.py`` repeats it for the admin edit form, which publishes the submitted form
(whose review fields may differ from the stored page) without asking the tester again.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

PUBLISH_REVIEWED_ONLY = "cloning.publish_reviewed_only"
VIEW_TEMPLATES = "cloning.view_conditiontemplate"


def medical_review_missing(page) -> bool:
    return bool(
        page.needs_medical_review or not page.reviewer_name.strip() or not page.last_reviewed
    )


def publish_held_for_review(user, page) -> bool:
    """True when ``user`` may not publish ``page`` because its medical review is missing."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    return medical_review_missing(page) and user.has_perm(PUBLISH_REVIEWED_ONLY)


REVIEW_REQUIRED_MESSAGE = (
    "This condition page needs a complete medical review (reviewer, last-reviewed date, and "
    "“needs medical review” unticked) before you can publish it. Save it as a draft and ask a "
    "medical reviewer or an editor to publish it."
)


class ConditionPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, plus the medical-review rule for publishing."""

    def can_publish(self):
        return super().can_publish() and not publish_held_for_review(self.user, self.page)


def can_clone_into(user, parent) -> bool:
    return user.has_perm(VIEW_TEMPLATES) and parent.permissions_for_user(user).can_add_subpage()
