"""Admin for intake forms (editors) and submissions (the "Intake managers" group only).

Reading health data is audited: opening a submission logs ``intake.view``, exporting logs
``intake.export`` for every exported row, deleting logs ``wagtail.delete`` (Wagtail's own).
"""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import IntakeForm, IntakeSubmission


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submissions come only from patients: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


register_permission_policy(IntakeSubmission, SubmissionPermissionPolicy(IntakeSubmission))


class SubmissionIndexView(generic.IndexView):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        format = spreadsheet_format
        for submission in queryset:
            log(submission, "intake.export", user=self.request.user, data={"format": format})
        return super().as_spreadsheet(queryset, spreadsheet_format)


class SubmissionInspectView(generic.InspectView):
    template_name = "intake/admin/submission_inspect.html"

    def get(self, request, *args, **kwargs):
        log(self.object, "intake.view", user=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["answer_rows"] = self.object.answer_rows()
        return context


class IntakeSubmissionViewSet(ModelViewSet):
    model = IntakeSubmission
    name = "intake_submissions"
    icon = "form"
    menu_label = "Submissions"
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    list_display = ["__str__", "form", "status", "submitted_at"]
    list_filter = ["form", "status"]
    list_export = [
        "id",
        "form",
        "form_version",
        "submitted_at",
        "status",
        "consent_version",
        "consent_given_at",
        "source_page",
        "answers_text",
    ]
    export_headings = {"answers_text": "Answers"}
    export_filename = "intake-submissions"
    inspect_view_fields = [
        "form",
        "form_version",
        "submitted_at",
        "status",
        "consent_version",
        "consent_given_at",
        "source_page",
    ]
    # Editing is limited to the follow-up status; answers are never editable.
    panels = [FieldPanel("status")]
    search_fields = None


class IntakeFormDeleteView(SnippetDeleteView):
    """A form with submissions stays: deleting it would orphan patients' answers."""

    def post(self, request, *args, **kwargs):
        if self.object.submissions.exists():
            messages.error(
                request,
                f"“{self.object}” has submissions and cannot be deleted. Purge or delete its "
                "submissions first.",
            )
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)


class IntakeFormViewSet(SnippetViewSet):
    model = IntakeForm
    delete_view_class = IntakeFormDeleteView
    icon = "form"
    menu_label = "Forms"
    list_display = ["title", "slug", "version", "updated_at"]


class IntakeViewSetGroup(ViewSetGroup):
    items = (IntakeFormViewSet, IntakeSubmissionViewSet)
    menu_label = "Intake"
    menu_icon = "form"
    menu_order = 250
