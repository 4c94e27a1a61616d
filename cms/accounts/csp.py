"""The Content-Security-Policy of every response: one policy for the public site, one for the admin.

Public pages and the API get ``CONTENT_SECURITY_POLICY`` from settings: scripts and styles from
this origin only, no inline script, no framing, and no nonce, so a cached page is the same for
everyone. Wagtail's admin still emits inline scripts and styles (date pickers, ``InlinePanel``
templates), so paths under ``CSP_ADMIN_PATH_PREFIXES`` get ``CSP_ADMIN_POLICY`` instead: inline
allowed, still nothing from other origins except the headless preview front-end, which the editor
frames. A page rendered as an admin preview (Wagtail's simulated request) keeps the public policy
but may be framed by this origin: the preview panel shows it in a frame. A view can still choose
its own policy with django-csp's decorators.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def origin(url):
    """``https://host:port`` of an absolute URL, or None for a relative one."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def extra_origins(*urls):
    return [found for found in map(origin, urls) if found]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin or the public policy by path."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view decorated with django-csp's @csp chose its own policy
        media = extra_origins(settings.MEDIA_URL)
        if request.path_info.startswith(tuple(settings.CSP_ADMIN_PATH_PREFIXES)):
            parts.config = default_config(settings.CSP_ADMIN_POLICY["DIRECTIVES"])
            preview = extra_origins(settings.WAGTAIL_HEADLESS_PREVIEW_URL)
            parts.update = {"frame-src": preview, "img-src": media, "media-src": media}
        elif media:
            parts.update = {"img-src": media, "media-src": media}
        if getattr(request, "is_dummy", False):
            # Wagtail renders an admin preview as a simulated request to the page's own URL,
            # which the admin's preview panel then frames: only the admin (same origin) may.
            parts.replace = {"frame-ancestors": ["'self'"]}
        return parts
