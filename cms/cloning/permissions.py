"""Who may clone condition pages.

Creating a condition from a template needs ``cloning.view_conditiontemplate`` (to read the
template) and the right to add a page under the chosen condition index. Publishing the new page
follows the page rules (cms.pages.publishing and cms.pages.reviewing): a clone's clinical content
was never approved, so it is published only after a medical review.
"""

from __future__ import annotations

VIEW_TEMPLATES = "cloning.view_conditiontemplate"


def can_clone_into(user, parent) -> bool:
    return user.has_perm(VIEW_TEMPLATES) and parent.permissions_for_user(user).can_add_subpage()
