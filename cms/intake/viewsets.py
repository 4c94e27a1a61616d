"""Admin for intake forms (editors) and submissions (the "Intake managers" group only).

Reading health data is audited: opening a submission logs ``intake.view``, exporting logs
``intake.export`` for every exported row (``intake.export_failed`` when the export fails),
deleting logs ``wagtail.delete`` (Wagtail's own).

Rows stored before answers were checked may hold lone surrogates or control characters: they are
shown and exported as U+FFFD (:func:`~cms.intake.text.replace_unsafe`).
"""

import logging

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.coreutils import multigetattr
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import SnippetViewSet

from .export import answer_cells, answer_columns, neutralise_formula
from .models import IntakeForm, IntakeSubmission
from .text import replace_unsafe
from .workflow import advance_status, next_step

logger = logging.getLogger("cms.intake")


class SubmissionPermissionPolicy(ModelPermissionPolicy):
    """Submissions come only from patients: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


register_permission_policy(IntakeSubmission, SubmissionPermissionPolicy(IntakeSubmission))


class SubmissionIndexView(generic.IndexView):
    """The listing (no answers) and its CSV/XLSX export (one column per question).

    The export's columns are the metadata in ``list_export`` followed by the questions of every
    form version the exported rows answered (see :mod:`cms.intake.export`).
    """

    answer_headings = {}

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("form", "source_page")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        submissions = list(queryset)
        snapshots = {}
        form_rank = {}
        for submission in submissions:
            form_rank.setdefault(submission.form_id, len(form_rank))
            snapshots.setdefault((submission.form_id, submission.form_version), submission)
        newest_first = sorted(snapshots, key=lambda key: (form_rank[key[0]], -key[1]))
        self.answer_headings = answer_columns(snapshots[key].form_snapshot for key in newest_first)
        self.list_export = [*self.list_export, *self.answer_headings]
        data = {"format": spreadsheet_format}
        try:
            response = super().as_spreadsheet(submissions, spreadsheet_format)
            if isinstance(response, StreamingHttpResponse):
                # Render every row before the 200 goes out: a failure must not truncate the file.
                lines = list(response.streaming_content)
                response.streaming_content = lines
        except Exception:
            logger.exception("Export of %d intake submissions failed.", len(submissions))
            for submission in submissions:
                log(submission, "intake.export_failed", user=self.request.user, data=data)
            messages.error(
                self.request, "The export failed and nothing was exported. The error is logged."
            )
            return redirect(self.index_url_name)
        for submission in submissions:
            log(submission, "intake.export", user=self.request.user, data=data)
        return response

    def to_row_dict(self, item):
        cells = replace_unsafe(answer_cells(item))
        return {
            key: cells.get(key) if key in self.answer_headings else multigetattr(item, key)
            for key in self.list_export
        }

    def get_heading(self, queryset, field):
        if field in self.answer_headings:
            return neutralise_formula(self.answer_headings[field])
        return neutralise_formula(super().get_heading(queryset, field))

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # XLSX cells are typed: Wagtail already stores formula-like text as a string cell.
        if export_format == self.FORMAT_CSV:
            value = neutralise_formula(value)
        return value


class SubmissionInspectView(generic.InspectView):
    template_name = "intake/admin/submission_inspect.html"

    def get(self, request, *args, **kwargs):
        log(self.object, "intake.view", user=request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["answer_rows"] = replace_unsafe(self.object.answer_rows())
        context["red_flag_messages"] = self.object.red_flag_messages()
        context["next_step"] = next_step(self.object)
        context["can_change"] = self.permission_policy.user_has_permission(
            self.request.user, "change"
        )
        return context


class IntakeSubmissionViewSet(ModelViewSet):
    model = IntakeSubmission
    name = "intake_submissions"
    icon = "form"
    menu_label = "Submissions"
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    list_display = ["__str__", BooleanColumn("urgent"), "form", "status", "submitted_at"]
    list_filter = ["urgent", "status", "form"]
    # Metadata columns; SubmissionIndexView appends one column per question.
    list_export = [
        "id",
        "form",
        "form_version",
        "submitted_at",
        "get_status_display",
        "consent_version",
        "consent_given_at",
        "source_page",
    ]
    export_headings = {
        "id": "ID",
        "form": "Form",
        "form_version": "Form version",
        "submitted_at": "Submitted at",
        "get_status_display": "Status",
        "consent_version": "Consent version",
        "consent_given_at": "Consent given at",
        "source_page": "Source page",
    }
    export_filename = "intake-submissions"
    inspect_view_fields = [
        "form",
        "form_version",
        "submitted_at",
        "status",
        "urgent",
        "consent_version",
        "consent_given_at",
        "source_page",
    ]
    # Editing is limited to the follow-up status; answers are never editable.
    panels = [FieldPanel("status")]
    search_fields = None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status/<uuid:pk>/", advance_status, name="status"),
        ]


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
