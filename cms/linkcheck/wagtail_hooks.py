"""The Broken reference links report in the admin's Reports menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import BrokenLinksReportView, may_see_report


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/broken-reference-links/",
            BrokenLinksReportView.as_view(),
            name="linkcheck_report",
        ),
        path(
            "reports/broken-reference-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="linkcheck_report_results",
        ),
    ]


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return BrokenLinksMenuItem(
        "Broken reference links", reverse("linkcheck_report"), icon_name="warning", order=750
    )
