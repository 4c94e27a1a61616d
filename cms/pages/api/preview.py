"""Headless preview: the admin's Preview opens the draft in the decoupled front-end.

When ``WAGTAIL_HEADLESS_PREVIEW_URL`` is set, a page model using :class:`HeadlessPreviewMixin`
gets a "Front-end" preview mode (the default). Previewing stores the edited, unsaved content in
the cache for ``API_PREVIEW_TOKEN_MAX_AGE`` seconds and redirects the preview pane to the
front-end with a signed token (page id, revision id and the stored content's key). The front-end
calls ``GET /api/v3/preview/?token=...``, which answers with the draft for a valid token only.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpResponseRedirect
from wagtail.models import Page, Revision

SALT = "cms.api.preview"


class PreviewTokenError(Exception):
    status = 403


class PreviewTokenExpired(PreviewTokenError):
    status = 401


def _signer():
    return signing.TimestampSigner(salt=SALT)


def _draft_key(key: str) -> str:
    return f"cms_api:preview:{key}"


def make_preview_token(page) -> str:
    """Store ``page``'s current (possibly unsaved) content and sign a token pointing at it."""
    key = secrets.token_urlsafe(16)
    cache.set(_draft_key(key), page.serializable_data(), settings.API_PREVIEW_TOKEN_MAX_AGE)
    return _signer().sign_object(
        {"page": page.pk, "revision": page.latest_revision_id, "draft": key}, compress=True
    )


def page_for_token(token: str):
    """The draft page ``token`` grants; raises :class:`PreviewTokenError` otherwise."""
    try:
        data = _signer().unsign_object(token, max_age=settings.API_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise PreviewTokenExpired(
            "This preview link has expired; open the preview again from the admin."
        ) from exc
    except signing.BadSignature as exc:
        raise PreviewTokenError("This preview token is not valid.") from exc
    page = Page.objects.filter(pk=data.get("page")).first()
    if page is None:
        raise PreviewTokenError("The previewed page no longer exists.")
    page = page.specific
    content = cache.get(_draft_key(data.get("draft") or ""))
    if content is not None:
        return page.with_content_json(content)
    revision = Revision.page_revisions.filter(pk=data.get("revision"), object_id=str(page.pk))
    revision = revision.first()
    if revision is None:
        raise PreviewTokenExpired("This preview is no longer available; preview again.")
    return revision.as_object()


def headless_preview_url(token: str) -> str:
    base = settings.WAGTAIL_HEADLESS_PREVIEW_URL
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urlencode({'token': token})}"


class HeadlessPreviewMixin:
    """Adds the "Front-end" preview mode to a page model (first in its bases)."""

    HEADLESS_PREVIEW_MODE = "headless"

    @property
    def preview_modes(self):
        modes = list(super().preview_modes)
        if settings.WAGTAIL_HEADLESS_PREVIEW_URL:
            modes.insert(0, (self.HEADLESS_PREVIEW_MODE, "Front-end"))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name != self.HEADLESS_PREVIEW_MODE or self.pk is None:
            # A page never saved has nothing to sign yet: show the built-in preview.
            return super().serve_preview(request, mode_name)
        return HttpResponseRedirect(headless_preview_url(make_preview_token(self)))
