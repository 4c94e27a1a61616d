"""The intake POST taken apart: where its time goes, measured inside whole requests.

Used by ``make bench`` (the project worker) and ``bench/intake_post.py --steps``. Needs the
bench's intake form (``slug``) and the bare view's ``bench_row`` table.

Whole intake POSTs and whole bare-view POSTs alternate (rounds of ``batch`` requests each).
During them, the steps the submission view calls are timed where they run: each is wrapped for
the measurement, and each request's ``INSERT`` is timed with Django's ``execute_wrapper``.
Timing a step on its own, in a tight loop, says less: the ``INSERT`` of a request that has
just done a few milliseconds of other work costs more than one of a loop of ``INSERT``\\ s, for
both views. Medians per request, in ms.
"""

import importlib
import json
import statistics
import time
from contextlib import ExitStack, contextmanager

from django.db import connection

ANSWERS = {"name": "Bench", "i_agree": True}

# (label, module, attribute): steps the submission view calls, timed inside the request.
WRAPPED = (
    ("form token checked (signature, age)", "cms.intake.api", "seconds_since_issued"),
    ("rate limit counted (one cache call)", "cms.intake.api", "check_rate_limit"),
    ("prepared form looked up (one cache read)", "cms.intake.api", "submittable_form"),
    ("answers turned into form data", "cms.intake.api", "answers_to_form_data"),
    ("submission saved (ORM save, encryption, INSERT)", "cms.intake.api", "store_submission"),
)
INSERT = "its INSERT, executed and committed"


@contextmanager
def _timed(owner, attribute, spent):
    """``owner.attribute`` (a module's function or a class's method) timed into ``spent``."""
    original = getattr(owner, attribute)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    setattr(owner, attribute, wrapper)
    try:
        yield
    finally:
        setattr(owner, attribute, original)


def _query_timer(spent):
    def execute(run, sql, params, many, context):
        start = time.perf_counter()
        try:
            return run(sql, params, many, context)
        finally:
            spent.append(time.perf_counter() - start)

    return execute


def time_steps(client, slug, rounds=8, batch=25) -> dict[str, float]:
    from cms.intake.definitions import submittable_form
    from cms.intake.protection import issue_form_token

    submit = f"/api/v3/intake/forms/{slug}/submissions/"
    tokens = [issue_form_token(slug) for _ in range(rounds * batch + 1)]

    def post(url, body):
        response = client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code == 201, response.content[:300]

    post(submit, {"answers": ANSWERS, "form_token": tokens.pop()})  # warm: the prepared form
    form_class = submittable_form(slug).get_form_class()

    per_request = {"intake POST, whole": [], "bare insert view, whole": []}
    per_request |= {label: [] for label, _, _ in WRAPPED}
    per_request |= {"answers validated (form builder)": [], f"intake: {INSERT}": []}
    per_request[f"bare view: {INSERT}"] = []
    per_request["constant view, whole (the middleware and URL stack both share)"] = []

    for _ in range(rounds):
        for _ in range(batch):
            spent = {label: [] for label in per_request}
            with ExitStack() as stack:
                for label, module, attribute in WRAPPED:
                    owner = importlib.import_module(module)
                    stack.enter_context(_timed(owner, attribute, spent[label]))
                validation = spent["answers validated (form builder)"]
                stack.enter_context(_timed(form_class, "is_valid", validation))
                stack.enter_context(
                    connection.execute_wrapper(_query_timer(spent[f"intake: {INSERT}"]))
                )
                start = time.perf_counter()
                post(submit, {"answers": ANSWERS, "form_token": tokens.pop()})
                per_request["intake POST, whole"].append(time.perf_counter() - start)
            for label, values in spent.items():
                if values:
                    per_request[label].append(sum(values))
        for _ in range(batch):
            inserts = []
            with connection.execute_wrapper(_query_timer(inserts)):
                start = time.perf_counter()
                post("/bench/insert/", {"name": "Bench"})
                per_request["bare insert view, whole"].append(time.perf_counter() - start)
            per_request[f"bare view: {INSERT}"].append(sum(inserts))
        for _ in range(batch):
            start = time.perf_counter()
            client.get("/bench/constant/")
            per_request["constant view, whole (the middleware and URL stack both share)"].append(
                time.perf_counter() - start
            )
    return {
        label: statistics.median(values) * 1000 for label, values in per_request.items() if values
    }
