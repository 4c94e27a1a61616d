"""Refuses hostile input before any view sees it (see :mod:`.inspection` for what that is).

Placed early in ``MIDDLEWARE``. Paths and query strings are refused with ``400``, JSON request
bodies with ``422``. Under ``/api/`` the answer is problem details naming each refused parameter
(``invalid_params``); elsewhere (the HTML site, its search, the intake form) a plain error page.
"""

from django.core.exceptions import RequestDataTooBig
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import HttpResponse
from django.http.request import RawPostDataException
from django.utils.html import escape

from .inspection import body_problems, path_problems, query_problems
from .problems import problem_response
from .scope import request_scope

API_PREFIX = "/api/"
BODY_METHODS = {"POST", "PUT", "PATCH"}
SAFE_METHODS = {"GET", "HEAD"}


def _is_json(request) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


def refuse(request, status, detail, problems):
    if request.path_info.startswith(API_PREFIX):
        params = [{"name": name, "reason": reason} for name, reason in problems]
        return problem_response(status=status, detail=detail, invalid_params=params)
    reasons = "".join(f"<li>{escape(name)}: {escape(reason)}</li>" for name, reason in problems)
    html = f"<!doctype html><title>Bad request</title><h1>Bad request</h1><p>{escape(detail)}</p>"
    return HttpResponse(f"{html}<ul>{reasons}</ul>", status=status, content_type="text/html")


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problems = path_problems(request.path_info)
        if problems:
            return refuse(request, 400, "The path cannot be processed.", problems)
        raw_query = get_bytes_from_wsgi(request.META, "QUERY_STRING", "")
        problems = query_problems(raw_query)
        if problems:
            return refuse(request, 400, "Some query parameters cannot be processed.", problems)
        if request.method in BODY_METHODS and _is_json(request):
            try:
                body = request.body
            except (RequestDataTooBig, RawPostDataException):
                body = b""  # the view reports size limits itself
            problems = body_problems(body)
            if problems:
                return refuse(request, 422, "The request body cannot be processed.", problems)
        return self.get_response(request)


class RequestScopeMiddleware:
    """Answers each read (``GET``, ``HEAD``) inside a request scope (:mod:`cms.edge.scope`), so
    values read once per request are kept for it. Writes get no scope: what they change must
    not be answered from what was read before the change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with request_scope():
            return self.get_response(request)
