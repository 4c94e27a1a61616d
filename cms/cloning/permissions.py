"""Who may clone condition pages, and who may publish them before a medical review.

The rules (stated for people in ``docs/cloning.md``):

* Creating a condition from a template needs ``cloning.view_conditiontemplate`` (to read the
  template) and the right to add a page under the chosen condition index.
* A user holding ``cloning.publish_reviewed_only`` (the "Marketers" group does) may publish a
  condition page only when its medical review is complete: a reviewer, a last-reviewed date and
  ``needs_medical_review`` off. Superusers are never held back; neither is the command line,
  which publishes as the site operator (no user).

The publish rule is a ``condition_page_publish_holds`` hook (see ``cms.pages.publishing``),
registered in ``wagtail_hooks.py``; ``ConditionPage.permissions_for_user`` applies it, so it holds
wherever Wagtail asks whether a user may publish: the admin's publish button and bulk publish, the
v3 API's publish action and ``"action": "publish"`` writes, and workflow approvals. The
``before_publish_page`` hook repeats it for the admin edit form, which publishes the submitted
form (whose review fields may differ from the stored page) without asking the tester again.
"""

from __future__ import annotations

PUBLISH_REVIEWED_ONLY = "cloning.publish_reviewed_only"
VIEW_TEMPLATES = "cloning.view_conditiontemplate"


def missing_review_parts(page) -> list[str]:
    """What the medical review of ``page`` lacks, in words; empty when it is complete."""
    missing = []
    if not page.reviewer_name.strip():
        missing.append("the reviewer's name")
    if not page.last_reviewed:
        missing.append("the last-reviewed date")
    if page.needs_medical_review:
        missing.append("“needs medical review” to be unticked")
    return missing


def medical_review_missing(page) -> bool:
    return bool(missing_review_parts(page))


def publish_held_for_review(user, page) -> bool:
    """True when ``user`` may not publish ``page`` because its medical review is missing."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    return medical_review_missing(page) and user.has_perm(PUBLISH_REVIEWED_ONLY)


def review_required_message(page) -> str:
    """Why a user held to the review rule may not publish ``page``, naming what is missing."""
    missing = missing_review_parts(page)
    needs = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
    return (
        f"This condition page cannot be published until its medical review is complete: it "
        f"needs {needs} (tab “Medical review”). Save it as a draft and ask a medical reviewer or "
        f"an editor to publish it."
    )


def can_clone_into(user, parent) -> bool:
    return user.has_perm(VIEW_TEMPLATES) and parent.permissions_for_user(user).can_add_subpage()
