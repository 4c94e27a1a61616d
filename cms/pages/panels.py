"""Admin panels of condition pages."""

from wagtail.admin.panels import Panel


class MedicalReviewPanel(Panel):
    """The page's medical review, read-only: recorded by the workflow, never typed."""

    @property
    def clean_name(self):
        return super().clean_name or "medical_review"

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/panels/medical_review.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["review"] = page.review
            context["approvals"] = (
                list(page.medical_approvals.all()[:5]) if page.pk is not None else []
            )
            return context
