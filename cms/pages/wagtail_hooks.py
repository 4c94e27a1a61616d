"""The sections that ship with the product, registered through the same hook as any plugin,
and the admin side of the publish checks and holds of ``cms.pages.publishing``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.actions.copy_page import CopyPageAction, CopyPagePermissionError
from wagtail.actions.move_page import MovePageAction, MovePagePermissionError
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
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
from .dashboard import ReviewWorklistPanel, is_medical_reviewer
from .models import ConditionPage, ReviewerProfile
from .overdue import REVIEW_OVERDUE
from .publishing import (
    PUBLISH_CHECKS_HOOK,
    check_publishable,
    may_move,
    publish_holds,
    publish_problems,
    unwritten_sections_check,
)
from .reports import ReviewStatusReportView, review_status_policy
from .reviewing import (
    MEDICAL_APPROVAL,
    PUBLISHED_WITHOUT_REVIEW,
    record_override,
    review_problems,
)
from .siteconfig import clinic_for_request

CONDITION_ONLY = ["pages.ConditionPage"]
REPORT = ReviewStatusReportView.index_url_name


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

    ``ConditionPage.publish`` runs the checks again for every other way of publishing. A
    superuser's "Publish without medical review" is recorded (and logged) here, before the
    publish, and only when nothing but the review stands in the way.
    """
    if not isinstance(page, ConditionPage):
        return None
    problems = publish_problems(page) + publish_holds(request.user, page)
    review = review_problems(page)
    if review and not problems and PublishWithoutReviewMenuItem.chosen(request):
        record_override(page, request.user)
        review = []
    if not problems and not review:
        return None
    for problem in review + problems:
        messages.error(request, f"Not published. {problem}")
    if review and request.user.is_superuser:
        messages.warning(request, PublishWithoutReviewMenuItem.advice)
    # The revision is saved already: the work is kept as a draft.
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def explain_a_held_publish_button(request, page):
    """Say why the Publish button is missing when a hold (not Wagtail's permissions) hides it,
    and when the draft's clinical changes need a medical review before they are published."""
    if request.method != "GET" or not isinstance(page, ConditionPage):
        return
    for reason in publish_holds(request.user, page):
        messages.warning(request, reason)
    if not page.has_unpublished_changes:
        return
    draft = page.get_latest_revision_as_object()
    if draft.permissions_for_user(request.user).can_publish():
        # After a refused publish the redirect lands here with the reason already said.
        said = pending_messages(request)
        for reason in draft_review_problems(request, draft):
            if not any(reason in message for message in said):
                messages.info(request, reason)


def draft_review_problems(request, draft) -> list[str]:
    """:func:`review_problems` of the draft being edited, worked out once per request (the
    edit view's hook and its action menu both ask)."""
    known = request.__dict__.setdefault("_draft_review_problems", {})
    key = (draft.pk, draft.latest_revision_id)
    if key not in known:
        known[key] = review_problems(draft)
    return known[key]


def pending_messages(request) -> list[str]:
    """The messages queued for ``request``, left queued."""
    storage = messages.get_messages(request)
    pending = [str(message) for message in storage]
    storage.used = False
    return pending


class PublishWithoutReviewMenuItem(ActionMenuItem):
    """A superuser's explicit choice to publish clinical content no reviewer approved.

    It posts as Wagtail's Publish does (so every other check still runs), with its own label as
    the value; the page then does not claim to be reviewed, and the log says who chose it.
    """

    label = "Publish without medical review"
    name = "action-publish"
    icon_name = "warning"
    advice = (
        "As an administrator you may choose “Publish without medical review” in the menu beside "
        "Save: it is logged, and the page will not claim to be medically reviewed."
    )

    @classmethod
    def chosen(cls, request) -> bool:
        return request.user.is_superuser and request.POST.get(cls.name) == cls.label

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, ConditionPage)
            and context["request"].user.is_superuser
            and not context["locked_for_user"]
            and bool(draft_review_problems(context["request"], page))
        )


@hooks.register("register_page_action_menu_item")
def register_publish_without_review():
    return PublishWithoutReviewMenuItem(order=60)


# -- medical review: the workflow's task, reviewer profiles and the log --------------------------


class ReviewerProfileViewSet(ModelViewSet):
    model = ReviewerProfile
    icon = "user"
    menu_label = "Reviewer profiles"
    add_to_settings_menu = True
    form_fields = ["user", "display_name", "credentials"]
    list_display = ["display_name", "credentials", "user"]
    search_fields = ["display_name", "credentials"]


@hooks.register("register_admin_viewset")
def register_reviewer_profiles():
    return ReviewerProfileViewSet("reviewer_profiles")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    @actions.register_action(MEDICAL_APPROVAL)
    class MedicalApprovalRecorded(LogFormatter):
        label = "Medical approval"

        def format_message(self, log_entry):
            reviewer = log_entry.data.get("reviewer", {})
            return f"Clinical content approved by {reviewer.get('name', 'a reviewer')}"

    @actions.register_action(PUBLISHED_WITHOUT_REVIEW)
    class PublishedWithoutReview(LogFormatter):
        label = "Publish without medical review"

        def format_message(self, log_entry):
            return f"Published without medical review ({log_entry.data.get('changes', '')})"

    @actions.register_action(REVIEW_OVERDUE)
    class ReviewOverdue(LogFormatter):
        label = "Medical review overdue"

        def format_message(self, log_entry):
            return f"Medical review overdue (due {log_entry.data.get('next_review_due', '')})"


# -- review cadence: the reviewers' dashboard panel and the status report ------------------------


@hooks.register("construct_homepage_panels")
def add_medical_review_panel(request, panels):
    if is_medical_reviewer(request.user):
        panels.append(ReviewWorklistPanel())


@hooks.register("register_admin_urls")
def register_review_status_report_urls():
    return [
        path("reports/medical-review/", ReviewStatusReportView.as_view(), name=REPORT),
        path(
            "reports/medical-review/results/",
            ReviewStatusReportView.as_view(results_only=True),
            name=f"{REPORT}_results",
        ),
    ]


class ReviewStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return review_status_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_review_status_report_menu_item():
    return ReviewStatusMenuItem(
        "Medical review status", reverse(REPORT), name=REPORT, icon_name="tasks", order=1050
    )


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


class CheckedPublishPageRevisionAction(PublishPageRevisionAction):
    """The API's publish action: it publishes a revision without ``ConditionPage.publish``, so
    the publish checks (medical review included) run here too."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        page = self.revision.as_object()
        if isinstance(page, ConditionPage):
            check_publishable(page)


@hooks.register("register_actions")
def register_role_aware_actions(registry):
    registry.register(Page, RoleAwareMovePageAction)
    registry.register(Page, ReviewAwareCopyPageAction)
    registry.register(Page, CheckedPublishPageRevisionAction)


# -- copies: a copy is a new page, with no medical approval of its own ----------------------------

LIVE_COPY_REFUSED = (
    "A copy of a condition page has no medical review of its own, so it cannot be published as "
    "it is copied: copy it as a draft (the admin's “Publish copies” unticked, or the API's "
    "keep_live false) and submit the copy for medical review."
)


def copies_condition_pages(page, recursive) -> bool:
    if isinstance(page.specific_deferred, ConditionPage):
        return True
    return recursive and ConditionPage.objects.descendant_of(page).exists()


class ReviewAwareCopyPageAction(CopyPageAction):
    """The API's copy: a live copy of a condition page would skip its medical review."""

    def check(self, skip_permission_checks=False):
        if self.keep_live and copies_condition_pages(self.page, self.recursive):
            raise CopyPagePermissionError(LIVE_COPY_REFUSED)
        super().check(skip_permission_checks=skip_permission_checks)


@hooks.register("before_copy_page")
def refuse_live_copies_of_condition_pages(request, page):
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    if not copies_condition_pages(page, bool(request.POST.get("copy_subpages"))):
        return None
    messages.error(request, f"Not copied. {LIVE_COPY_REFUSED}")
    return redirect("wagtailadmin_pages:copy", page.pk)


@hooks.register("before_serve_page")
def read_clinic_from_kept_copy(page, request, serve_args, serve_kwargs):
    # Every page shows its clinic (header, footer, JSON-LD): from the copy kept between requests
    # (templates' ``settings.pages.ClinicSettings`` then finds it on the request).
    clinic_for_request(request)
