"""The project's own reference view for ``make bench``: an intake row saved by the ORM alone.

It stores what an intake POST stores (the same model and columns: the form, its snapshot, the
answers encrypted) with ``objects.create`` from a plain view, and nothing else: no form token,
rate limit, validation or API router. Beside the bare one-row insert it splits the intake POST's
cost into what Django's ORM takes to save a submission and what the intake adds.
"""

import functools
import json

from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from cms.intake.models import IntakeForm, IntakeSubmission


@functools.cache
def _form(slug):
    form = IntakeForm.objects.get(slug=slug)
    return form, form.schema()


@csrf_exempt
def orm_insert(request, slug):
    form, snapshot = _form(slug)
    submission = IntakeSubmission.objects.create(
        form=form,
        form_version=form.version,
        form_snapshot=snapshot,
        answers=json.loads(request.body)["answers"],
        consent_given_at=timezone.now(),
        consent_version=form.consent_version,
    )
    return JsonResponse({"id": str(submission.pk)}, status=201)
