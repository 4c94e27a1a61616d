"""The "Broken reference links" report: links whose last check failed, and the pages citing them."""

import datetime

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, DateColumn, RelatedObjectsColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .models import ReferenceLink

#: Who sees the report: anyone who may write pages (editors, medical reviewers, marketers).
PAGE_ACTIONS = ["add", "change"]


def may_see_report(user) -> bool:
    return policy_registry.get_by_type(Page).user_has_any_permission(user, PAGE_ACTIONS)


class CitedByColumn(RelatedObjectsColumn):
    cell_template_name = "linkcheck/cited_by_cell.html"


class BrokenLinksReportView(ReportView):
    page_title = "Broken reference links"
    header_icon = "warning"
    index_url_name = "linkcheck_report"
    index_results_url_name = "linkcheck_report_results"
    any_permission_required = PAGE_ACTIONS
    columns = [
        TitleColumn(
            "url",
            label="Link",
            get_url=lambda link: link.url,
            link_attrs={"target": "_blank", "rel": "noopener noreferrer"},
        ),
        Column("outcome", label="Status or error"),
        DateColumn("checked_at", label="Last checked"),
        CitedByColumn("pages", label="Cited by"),
    ]
    list_export = ["url", "status_code", "error", "checked_at", "cited_by"]
    export_headings = {
        "url": "Link",
        "status_code": "HTTP status",
        "error": "Error",
        "checked_at": "Last checked",
        "cited_by": "Cited by",
    }

    @cached_property
    def permission_policy(self):
        # The report lists links, but it is for the people who write the pages citing them.
        return policy_registry.get_by_type(Page)

    @cached_property
    def no_results_message(self):
        return (
            "No broken reference links. Every link cited by a live page is checked daily and "
            "after the page is published."
        )

    def get_filename(self):
        return f"broken-reference-links-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = ReferenceLink.objects.broken().prefetch_related("pages")
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        links = list(object_list)
        for link in links:
            # "page 12: Title" never starts like a spreadsheet formula, whatever the title.
            link.cited_by = [f"page {page.pk}: {page.title}" for page in link.pages.all()]
        return links
