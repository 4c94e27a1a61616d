import logging

import psycopg
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from wagtail.api.v3.errors import problem_response

from .health import healthz, readyz

logger = logging.getLogger("cms.ops")

DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError, psycopg.OperationalError)

HEALTH_VIEWS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before anything else runs (see cms/ops/health.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = HEALTH_VIEWS.get(request.path_info.rstrip("/"))
        if view is not None and request.method in {"GET", "HEAD"}:
            return view(request)
        return self.get_response(request)


class DatabaseOutageMiddleware:
    """A lost database answers 503 with Retry-After, never a 500 that looks like a bug.

    The API gets ``application/problem+json``, the site a plain page (``templates/503.html``)
    rendered without touching the database. Nothing is kept between requests, so service resumes
    as soon as the database answers again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        if request.path_info.startswith("/api/"):
            response = problem_response(
                status=503,
                title="Service Unavailable",
                detail="The database is unavailable; retry after the number of seconds in "
                "Retry-After. Nothing acknowledged earlier has been lost.",
            )
        else:
            html = render_to_string("503.html", {"site_name": settings.WAGTAIL_SITE_NAME})
            response = HttpResponse(html, status=503)
        response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response


def is_database_outage(exception) -> bool:
    while exception is not None:
        if isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return True
        exception = exception.__cause__ or exception.__context__
    return False
