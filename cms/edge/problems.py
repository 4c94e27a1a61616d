"""RFC 9457 problem details (``application/problem+json``), shared by every layer above this one.

The body has ``type``, ``title``, ``status`` and ``detail``; ``invalid_params`` names each request
parameter that was refused and why (``[{"name": "search", "reason": "..."}]``).
"""

import json
from http import HTTPStatus

from django.http import HttpResponse

PROBLEM_JSON = "application/problem+json"


def problem_body(*, status: int, detail: str = "", invalid_params=None, **extensions) -> dict:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if invalid_params:
        body["invalid_params"] = [dict(param) for param in invalid_params]
    body.update(extensions)
    return body


def problem_response(*, status: int, detail: str = "", invalid_params=None, **extensions):
    """An ``application/problem+json`` response; extra keywords become extension members."""
    body = problem_body(status=status, detail=detail, invalid_params=invalid_params, **extensions)
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_JSON)
