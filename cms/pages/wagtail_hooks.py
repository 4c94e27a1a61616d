"""The sections that ship with the product, registered through the same hook as any plugin,
and the admin side of the publish checks and holds of ``cms.pages.publishing``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.actions.move_page import MovePageAction, MovePagePermissionError
from wagtail.models import Page

from cms.blocks import (
    CallToActionBlock,
    CauseListBlock,
    ConditionBasicsBlock,
    FAQBlock,
    HeroBlock,
    ReferencesBlock,
    RichTextSectionBlock,
    SymptomListBlock,
    TreatmentTiersBlock,
)

from .bulk_actions import PublishBulkActionWithChecks
from .models import ConditionPage
from .publishing import (
    PUBLISH_CHECKS_HOOK,
    may_move,
    publish_holds,
    publish_problems,
    unwritten_sections_check,
)

CONDITION_ONLY = ["pages.ConditionPage"]


@hooks.register("register_page_sections", order=-100)
def register_core_sections(registry):
    registry.register("hero", HeroBlock())
    registry.register("condition_basics", ConditionBasicsBlock(), page_types=CONDITION_ONLY)
    registry.register("symptom_list", SymptomListBlock(), page_types=CONDITION_ONLY)
    registry.register("cause_list", CauseListBlock(), page_types=CONDITION_ONLY)
    registry.register("treatment_tiers", TreatmentTiersBlock(), page_types=CONDITION_ONLY)
    registry.register("call_to_action", CallToActionBlock())
    registry.register("rich_text", RichTextSectionBlock())
    registry.register("faq", FAQBlock())
    registry.register("references", ReferencesBlock(), page_types=CONDITION_ONLY)


# -- publish checks and holds (cms.pages.publishing) in the admin --------------------------------


hooks.register(PUBLISH_CHECKS_HOOK, unwritten_sections_check)

# Registered after Wagtail's own publish action (order 0), which it replaces.
hooks.register("register_bulk_action", PublishBulkActionWithChecks, order=1)


@hooks.register("before_publish_page")
def refuse_publishing_with_reasons(request, page):
    """The edit form publishes the submitted data: check that, and keep it as a draft if refused.

    ``ConditionPage.publish`` runs the checks again for every other way of publishing.
    """
    if not isinstance(page, ConditionPage):
        return None
    problems = publish_problems(page) + publish_holds(request.user, page)
    if not problems:
        return None
    for problem in problems:
        messages.error(request, f"Not published. {problem}")
    # The revision is saved already: the work is kept as a draft.
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def explain_a_held_publish_button(request, page):
    """Say why the Publish button is missing when a hold (not Wagtail's permissions) hides it."""
    if request.method != "GET" or not isinstance(page, ConditionPage):
        return
    for reason in publish_holds(request.user, page):
        messages.warning(request, reason)


# -- the role rules of cms.pages.roles for views that work on plain ``Page`` objects ------------


@hooks.register("before_move_page")
def refuse_moves_by_people_who_may_not_publish(request, page, destination):
    if not may_move(request.user, page):
        raise PermissionDenied("Moving pages needs the right to publish them.")


class RoleAwareMovePageAction(MovePageAction):
    """The API's move: Wagtail's checks on the plain page, then the page type's own rules."""

    def check(self, parent_after, skip_permission_checks=False):
        if self.user and not skip_permission_checks and not may_move(self.user, self.page):
            raise MovePagePermissionError("Moving pages needs the right to publish them.")
        super().check(parent_after, skip_permission_checks=skip_permission_checks)


@hooks.register("register_actions")
def register_role_aware_actions(registry):
    registry.register(Page, RoleAwareMovePageAction)
