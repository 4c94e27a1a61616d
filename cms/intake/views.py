"""The public, server-rendered intake form: one step per request, CSRF protected."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from .definitions import submittable_form
from .models import IntakeForm
from .protection import (
    FormTokenError,
    check_rate_limit,
    looks_like_a_bot,
    seconds_since_issued,
)
from .rendering import next_visible_step, previous_visible_step, step_context
from .submissions import store_submission
from .text import UNSAFE_TEXT_CODE


def _source_page(request):
    page_id = request.GET.get("page", "")
    if page_id.isdigit():
        return Page.objects.live().filter(pk=int(page_id)).first()
    return None


def _render_step(request, intake_form, form, step, page, status=200, message="", token=None):
    context = step_context(intake_form, form, step, page=page, token=token)
    context.update({"page": page, "message": message})
    return render(request, "intake/form_page.html", context, status=status)


@never_cache  # each step carries this visitor's CSRF and form tokens
@sensitive_post_parameters()
@sensitive_variables()
@require_http_methods(["GET", "POST"])
def intake_form_view(request, slug):
    # The cached definition, as the API's POST uses it: the same form class, rules and snapshot.
    intake_form = submittable_form(slug)
    if intake_form is None:
        raise Http404
    page = _source_page(request)
    form_class = intake_form.get_form_class()
    if request.method == "GET":
        return _render_step(request, intake_form, form_class(), 0, page)

    try:
        step = min(max(int(request.POST.get("_step", 0)), 0), len(form_class.steps) - 1)
    except ValueError:
        step = 0
    token = request.POST.get("_token", "")
    if request.POST.get("_action") == "back":
        form = form_class(data=request.POST, up_to_step=max(step - 1, 0))
        form.is_valid()
        form._errors = {}  # going back is not submitting: show no errors
        return _render_step(
            request, intake_form, form, previous_visible_step(form, step), page, token=token
        )

    form = form_class(data=request.POST, up_to_step=step)
    if not form.is_valid():
        first_bad = min(form.step_of[name] for name in form.errors if name in form.step_of)
        unsafe = any(form.has_error(name, UNSAFE_TEXT_CODE) for name in form.errors)
        status = 422 if unsafe else 400
        return _render_step(request, intake_form, form, first_bad, page, status=status, token=token)
    following = next_visible_step(form, step)
    if following is not None:
        return _render_step(request, intake_form, form, following, page, token=token)

    try:
        age = seconds_since_issued(token, slug)
    except FormTokenError as exc:
        return _render_step(request, intake_form, form, step, page, 400, str(exc))
    if not check_rate_limit(request).allowed:
        message = "We received several forms from you just now. Please try again later."
        return _render_step(request, intake_form, form, step, page, 429, message, token)
    # Every step up to this last visible one is valid, so ``form`` holds the whole answer set.
    if not looks_like_a_bot(request.POST.get(settings.INTAKE_HONEYPOT_FIELD), age):
        store_submission(intake_form, form, page)
    urgent = list(dict.fromkeys(rule["message"] for rule in form.raised_red_flags()))
    if urgent:  # the advice must reach the patient in this very response, not after a redirect
        context = {"intake_form": intake_form, "urgent_messages": urgent}
        return render(request, "intake/thanks.html", context)
    return HttpResponseRedirect(reverse("intake:thanks", args=[slug]))


def thanks_view(request, slug):
    intake_form = get_object_or_404(IntakeForm, slug=slug)
    return render(request, "intake/thanks.html", {"intake_form": intake_form})
