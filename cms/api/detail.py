"""API v3 page detail for anonymous readers: the specific page in one query.

Wagtail's detail view reads the view restrictions, then the generic page with its locale, then
the specific page (which reads the locale again), and the page's parent comes from one more
query when ``meta.parent`` is serialised. :func:`page_detail` answers the same requests with the
same page from fewer: the public page queryset of :mod:`cms.pages.privacy` (restrictions read
once per request), the specific row joined to the generic one (:func:`specific_page`), and the
parent loaded with the breadcrumbs' ancestors. Signed-in readers (who may ask for drafts, and see
what their permissions allow) get Wagtail's own view.
"""

from __future__ import annotations

import functools
from http import HTTPStatus

from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404
from ninja.errors import HttpError
from wagtail.models import Page, get_page_models

from cms.blocks.prefetch import prefetch_references
from cms.pages.api.fields import load_ancestors
from cms.pages.privacy import public_pages
from cms.pages.reviewing import review_from_query, with_review


@functools.cache
def specific_links() -> dict[type, tuple[str, ...]]:
    """For each page model, the reverse one-to-one links leading from ``Page`` to it."""
    links = {}
    for model in get_page_models():
        chain, current = [], model
        while current is not Page:
            parent, field = next(
                (parent, field)
                for parent, field in current._meta.parents.items()
                if issubclass(parent, Page)
            )
            chain.append(field.related_query_name())
            current = parent
        links[model] = tuple(reversed(chain))
    return links


def with_specific_rows(queryset):
    """``queryset`` (of generic pages) joined to every page model's own table."""
    paths = ["__".join(chain) for chain in specific_links().values() if chain]
    return queryset.select_related(*paths)


def specific_page(page):
    """``page.specific`` from the rows :func:`with_specific_rows` joined, without a query."""
    chain = specific_links().get(page.specific_class)
    if not chain:
        return page.specific
    specific = page
    try:
        for name in chain:
            specific = getattr(specific, name)
    except ObjectDoesNotExist:
        return page.specific
    # As Wagtail's get_specific(): keep what was worked out on the generic page.
    for key, value in page.__dict__.items():
        specific.__dict__.setdefault(key, value)
    page.__dict__["specific"] = specific
    return specific


def page_detail(view):
    """Wrap Wagtail's v3 ``get_page`` view (see the module docstring)."""

    @functools.wraps(view)
    def detail(request, page_id, **params):
        if request.user.is_authenticated:
            return view(request, page_id=page_id, **params)
        try:
            pages = public_pages(request)
        except ValueError as exc:  # ?site= matches several sites
            raise HttpError(HTTPStatus.BAD_REQUEST, str(exc)) from exc
        queryset = with_specific_rows(pages.select_related("content_type", "locale"))
        page = specific_page(get_object_or_404(with_review(queryset), pk=page_id))
        prefetch_references(getattr(page, "body", None))  # before anything reads the body
        review_from_query(page)
        load_ancestors([page])
        return page

    return detail
