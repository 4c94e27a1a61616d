from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.modal_workflow import render_modal_workflow

from .publishing import PublishRefused


class RefusedPublishMiddleware:
    """Turns a publish refused deep inside an admin action into a message, undoing the action.

    Approving the last task of a workflow publishes the page from inside Wagtail's workflow code,
    where a refused publish (see :mod:`cms.pages.publishing`) would otherwise surface as a 500
    after the task had already been marked approved. Admin POSTs run in one transaction here, so
    the approval rolls back with the publish and the moderator is told why.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not request.path.startswith(reverse("wagtailadmin_home")):
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if getattr(request, "_publish_refused", False):
                transaction.set_rollback(True)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishRefused):
            return None
        request._publish_refused = True
        for message in exception.messages:
            messages.error(request, f"Not published. {message}")
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Workflow actions post from a modal that expects this JSON answer.
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": back}
            )
        return redirect(back)
