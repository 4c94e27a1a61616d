"""The public intake API, mounted under ``/api/v3/intake/`` from ``wagtail_hooks.py``.

``GET  /forms/<slug>/``              the form schema (the same one ``intake_form`` sections embed).
``GET  /forms/<slug>/token``         a fresh ``form_token``, fetched just before showing the form.
``POST /forms/<slug>/submissions/``  ``{"answers": {...}, "form_token": "...", "page": 12}``.

The schema carries no per-visitor value, so pages embedding it can be cached and shared; the
token, which starts the minimum-fill-time clock, comes from the uncached ``token`` endpoint.

The POST is anonymous and exempt from CSRF (django-ninja only enforces CSRF for cookie auth,
and this router uses none): JSON clients on other origins cannot carry a CSRF token, and a
submission grants no privilege. It is protected instead by the CORS allowlist, the body size
limit, the per-client rate limit, the form token's minimum fill time and the honeypot.
Answers never appear in a response, a log line or an error report
(``sensitive_variables``); the API never returns a stored submission.
"""

import json
import logging
import uuid
from typing import Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.shortcuts import get_object_or_404
from django.views.decorators.debug import sensitive_variables
from ninja import Field, Router, Schema
from wagtail.api.v3.errors import ProblemDetail, problem_response
from wagtail.models import Page

from .definitions import submittable_form
from .forms import answers_to_form_data
from .models import IntakeForm
from .protection import (
    FormTokenError,
    check_rate_limit,
    issue_form_token,
    looks_like_a_bot,
    seconds_since_issued,
)
from .submissions import (
    IdempotencyConflict,
    replay,
    request_fingerprint,
    store_idempotent,
    store_submission,
)
from .text import unsafe_text_errors

logger = logging.getLogger("cms.intake")
router = Router(tags=["intake"], auth=None)

BODY_KEYS = {"answers", "form_token", "page"}


class SubmissionCreated(Schema):
    id: uuid.UUID
    message: str


class VisibilityRule(Schema):
    field: str
    operator: Literal["equals", "contains", "at_least"]
    value: str


class RedFlagRule(Schema):
    """An answer that may mean an emergency: show ``message`` at once when it matches."""

    field: str
    operator: Literal["equals", "contains", "at_least"]
    value: str
    message: str


class FieldChoice(Schema):
    value: str
    label: str


class IntakeField(Schema):
    name: str
    label: str
    type: str
    json_type: Literal["string", "number", "integer", "boolean", "array"]
    required: bool
    help_text: str
    placeholder: str
    visible_if: VisibilityRule | None
    choices: list[FieldChoice] | None
    multiple: bool
    min: float | None
    max: float | None
    max_length: int | None
    default: str | None
    date_limit: Literal["not_future", "not_past"] | None = Field(
        description="Dates only: today is the latest (not_future) or earliest (not_past) answer."
    )


class IntakeStep(Schema):
    title: str
    visible_if: VisibilityRule | None
    fields: list[IntakeField]


class IntakeConsent(Schema):
    text: str
    version: str


class IntakeFormSchema(Schema):
    """An intake form as a front-end renders it (also embedded in ``intake_form`` sections)."""

    slug: str
    title: str
    intro: str
    version: int
    consent: IntakeConsent
    success_message: str
    steps: list[IntakeStep]
    red_flags: list[RedFlagRule] = Field(
        description="Show each matching rule's message at once; the submission is marked urgent."
    )
    honeypot_field: str = Field(description="Render hidden; a bot that fills it is ignored.")
    token_url: str = Field(description="GET a form_token here just before showing the form.")
    submit_url: str


class IntakeFormToken(Schema):
    form_token: str = Field(description="Send back with the submission; valid for a while.")
    max_age: int = Field(description="Seconds the token stays valid.")


def form_schema(intake_form) -> dict:
    """The schema plus where to fetch a token and submit; no per-visitor value (it is cached)."""
    return {
        **intake_form.schema(),
        "honeypot_field": settings.INTAKE_HONEYPOT_FIELD,
        "token_url": f"/api/v3/intake/forms/{intake_form.slug}/token",
        "submit_url": f"/api/v3/intake/forms/{intake_form.slug}/submissions/",
    }


@router.get(
    "/forms/{slug}/", response={200: IntakeFormSchema, 404: ProblemDetail}, summary="Intake form"
)
def get_form(request, slug: str):
    """The form's schema: steps, fields, types, choices, limits, visibility rules, consent."""
    return form_schema(get_object_or_404(IntakeForm, slug=slug))


@router.get(
    "/forms/{slug}/token",
    response={200: IntakeFormToken, 404: ProblemDetail},
    summary="Intake form token",
)
def get_form_token(request, slug: str):
    """A fresh ``form_token`` for one visitor: fetch it when showing the form, never cache it.

    The minimum fill time counts from here, so a front-end asks just before the patient starts.
    """
    intake_form = get_object_or_404(IntakeForm, slug=slug)
    body = {
        "form_token": issue_form_token(intake_form.slug),
        "max_age": settings.INTAKE_FORM_TOKEN_MAX_AGE,
    }
    response = JsonResponse(body)
    response["Cache-Control"] = "no-store"
    return response


def invalid(detail, errors=None):
    """``422`` problem details with ``errors`` (list) and ``field_errors`` (by answer name)."""
    errors = errors or []
    body = {
        "type": "about:blank",
        "title": "Unprocessable Entity",
        "status": 422,
        "detail": detail,
        "errors": errors,
        "field_errors": {
            error["loc"][1]: error["msg"]
            for error in errors
            if len(error["loc"]) == 2 and error["loc"][0] == "answers"
        },
    }
    return HttpResponse(json.dumps(body), status=422, content_type="application/problem+json")


def created(body, replayed=False):
    response = JsonResponse(body, status=201)
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


@router.post(
    "/forms/{slug}/submissions/",
    response={
        201: SubmissionCreated,
        400: ProblemDetail,
        404: ProblemDetail,
        413: ProblemDetail,
        415: ProblemDetail,
        422: ProblemDetail,
        429: ProblemDetail,
    },
    summary="Submit answers to an intake form",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
@sensitive_variables()
def create_submission(request, slug: str):
    """Store one patient's answers. Send ``Idempotency-Key`` to make retries safe."""
    request.sensitive_post_parameters = "__ALL__"  # keep the body out of error reports
    limit = settings.INTAKE_MAX_BODY_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        return problem_response(status=413, detail=f"The body is over {limit} bytes.")
    try:
        raw = request.body
    except (RequestDataTooBig, RawPostDataException):
        raw = b"x" * (limit + 1)
    if len(raw) > limit:
        return problem_response(status=413, detail=f"The body is over {limit} bytes.")
    content_type = request.content_type or ""
    if content_type != "application/json" and not content_type.endswith("+json"):
        return problem_response(status=415, detail="Send the answers as application/json.")

    rate = check_rate_limit(request)
    if not rate.allowed:
        response = problem_response(status=429, detail="Too many submissions; try again later.")
        response["Retry-After"] = str(rate.retry_after)
        return response

    intake_form = submittable_form(slug)
    if intake_form is None:
        raise Http404
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return problem_response(status=400, detail="The body is not valid JSON.")
    if not isinstance(body, dict):
        return invalid("The body must be a JSON object.")
    unsafe = unsafe_text_errors(body)
    if unsafe:
        return invalid("Some text cannot be stored.", unsafe)

    key = request.headers.get("Idempotency-Key")
    if key is not None:
        if not key or len(key) > 255 or not key.isprintable():
            return invalid("Idempotency-Key must be 1 to 255 printable characters.")
        fingerprint = request_fingerprint(slug, body)  # only a retry is compared with it
        try:
            earlier = replay(key, fingerprint)
        except IdempotencyConflict:
            return invalid("This Idempotency-Key was already used with a different body.")
        if earlier is not None:
            return created(earlier[1], replayed=True)

    honeypot = body.pop(settings.INTAKE_HONEYPOT_FIELD, None)
    errors = [
        {"type": "unknown_key", "loc": [name], "msg": "Unknown key."}
        for name in sorted(set(body) - BODY_KEYS)
    ]
    answers, token, page_id = body.get("answers"), body.get("form_token"), body.get("page")
    if not isinstance(answers, dict):
        errors.append({"type": "object_type", "loc": ["answers"], "msg": "Send an object."})
    if not isinstance(token, str):
        message = "Send a form_token fetched from the form's token_url."
        errors.append({"type": "missing", "loc": ["form_token"], "msg": message})
    if page_id is not None and (type(page_id) is not int or page_id < 1):
        errors.append({"type": "int_type", "loc": ["page"], "msg": "Send a page id."})
    if errors:
        return invalid("The request is malformed.", errors)
    try:
        age = seconds_since_issued(token, slug)
    except FormTokenError as exc:
        return invalid(str(exc), [{"type": "form_token", "loc": ["form_token"], "msg": str(exc)}])

    if looks_like_a_bot(honeypot, age):
        # Looks like success so the bot learns nothing; nothing is stored.
        logger.info("Dropped an intake submission to %s as automated.", slug)
        return created({"id": str(uuid.uuid4()), "message": intake_form.success_message})

    page = None
    if page_id is not None:
        page = Page.objects.live().filter(pk=page_id).first()
        if page is None:
            error = {"type": "page", "loc": ["page"], "msg": "No such page."}
            return invalid("Unknown page.", [error])

    form_class = intake_form.get_form_class()
    data, type_errors = answers_to_form_data(form_class, answers)
    form = form_class(data=data)
    form.is_valid()
    errors = [
        {"type": "type_error", "loc": ["answers", name], "msg": msg}
        for name, msg in type_errors.items()
    ]
    errors += [
        {"type": error.code or "invalid", "loc": ["answers", name], "msg": " ".join(error.messages)}
        for name, field_errors in form.errors.as_data().items()
        if name not in type_errors
        for error in field_errors
    ]
    if errors:
        return invalid("Some answers need attention.", errors)

    def respond(submission):
        return 201, {"id": str(submission.pk), "message": intake_form.success_message}

    if key is None:
        return created(respond(store_submission(intake_form, form, page))[1])
    try:
        _, response_body, was_created = store_idempotent(
            key, fingerprint, intake_form, form, page, respond
        )
    except IdempotencyConflict:
        return invalid("This Idempotency-Key was already used with a different body.")
    return created(response_body, replayed=not was_created)
