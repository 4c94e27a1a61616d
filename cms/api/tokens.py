"""A bearer token that is presented but not valid is refused with ``401`` on ``/api/v3/``.

Wagtail's ``BearerTokenAuth`` treats an unknown, revoked or inactive user's token as no token,
so public endpoints would quietly answer as if anonymous: a client with a mistyped or expired
token would never find out. This middleware checks the token first (revoked tokens and inactive
users included) and answers with problem details and ``WWW-Authenticate: Bearer
error="invalid_token"``.
"""

from wagtail.models import APIToken

from cms.edge.problems import problem_response

API_V3_PREFIX = "/api/v3/"


def presented_bearer_token(request) -> str | None:
    """The token of an ``Authorization: Bearer ...`` header (as django-ninja reads it)."""
    header = request.headers.get("Authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    return token if scheme.lower() == "bearer" else None


def token_is_valid(token: str) -> bool:
    api_token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True)
        .first()
    )
    return api_token is not None and bool(api_token.user.is_active)


def invalid_token_response():
    response = problem_response(
        status=401,
        detail="The bearer token is not valid: it is unknown, revoked or its user is inactive. "
        "Send a valid token, or none for public content.",
    )
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    response["Cache-Control"] = "private, no-store"
    return response


class InvalidBearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_V3_PREFIX):
            token = presented_bearer_token(request)
            if token is not None and not token_is_valid(token):
                return invalid_token_response()
        return self.get_response(request)
