"""Rate limit on failed API bearer tokens, per client address.

Each request to the API whose ``Authorization: Bearer`` token is refused (a 401, or a token that
matches no active :class:`~wagtail.models.APIToken` on an endpoint that falls back to anonymous
reading) counts against the client's address in the cache. After ``API_BEARER_FAILURE_LIMIT``
failures within the window, every bearer request from that address is answered 429 with
``Retry-After`` until the window ends. Requests without a token are never limited here. The
client address is found as for login throttling (``TRUSTED_PROXY_COUNT``). The limit
fails open if the cache is down.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from wagtail.models import APIToken

from cms.edge.problems import problem_response

from .addresses import client_address

logger = logging.getLogger(__name__)


def bearer_token(request):
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def token_is_valid(request, token):
    if isinstance(getattr(request, "auth", None), APIToken):
        return True  # the view authenticated it
    api_token = (
        APIToken.objects.filter(
            key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    return bool(api_token and api_token.user.is_active)


class BearerTokenThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = bearer_token(request)
        if token is None or not request.path_info.startswith(settings.API_BEARER_PATH_PREFIX):
            return self.get_response(request)
        limit, window = settings.API_BEARER_FAILURE_LIMIT
        key = f"api-bearer-failures:{client_address(request)}"
        try:
            failures = cache.get(key, 0)
        except Exception:
            logger.warning("Bearer token limit unavailable; not limiting", exc_info=True)
            return self.get_response(request)
        if failures >= limit:
            response = problem_response(
                status=429, detail=f"Too many invalid API tokens; retry in {window} seconds."
            )
            response["Retry-After"] = str(window)
            return response
        response = self.get_response(request)
        if response.status_code == 401 or not token_is_valid(request, token):
            try:
                cache.add(key, 0, timeout=window)
                cache.incr(key)
            except Exception:
                logger.warning("Bearer token limit unavailable; not counting", exc_info=True)
        return response
