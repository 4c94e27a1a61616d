"""Listing totals counted once per change of the page tree, not on every request.

The ``count`` of ``/api/v3/pages/`` and ``/api/v3/routes/`` is a ``COUNT(*)`` over every live
page the listing selects: at 10,000 pages it costs more than the rest of the request, and it is
the only part of a listing whose cost grows with the tree. The total is the same for every
offset and limit, and it only changes when a page row does. So it is kept in the shared cache
under the SQL of the count and a generation stamp, :data:`PAGE_ROWS`, that every write to a page
row bumps (publish, unpublish, creation, delete: any ``save()`` or ``delete()`` of a page but
one writing only :data:`DRAFT_FIELDS`), as do moves, view restrictions and sites.

Only counts that read nothing but page tables are kept: a listing filtered through another
table (a search, a locale's code) is counted afresh each time. Rows written without ``save()``
or ``delete()`` (``QuerySet.update()``, raw SQL) are not seen, as for the response cache
(:mod:`.cache`). While the cache is unreachable every count is a fresh ``COUNT(*)``.
"""

from __future__ import annotations

import functools
import hashlib
import re

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from .cache import _read, _write, bump, generations

#: The generation scope of page rows, view restrictions and sites.
PAGE_ROWS = "page-rows"
_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"')


@functools.cache
def page_tables() -> frozenset[str]:
    return frozenset(m._meta.db_table for m in apps.get_models() if issubclass(m, Page))


def rows_changed(**kwargs) -> None:
    """Make every kept count unreachable, now and again when the transaction commits (so a
    count of the old rows taken in between is not kept under the new stamp)."""
    bump(PAGE_ROWS)


def count(queryset) -> int:
    """``queryset.count()``, from the shared cache while no page row has changed."""
    if not isinstance(queryset, QuerySet):
        return len(queryset)
    queryset = queryset.order_by().select_related(None)  # as Django counts it
    sql, params = queryset.query.sql_with_params()
    if not set(_TABLES.findall(sql)) <= page_tables():
        return queryset.count()
    stamp = generations(PAGE_ROWS)[PAGE_ROWS]
    digest = hashlib.sha256(repr((queryset.db, stamp, sql, params)).encode()).hexdigest()
    key = f"cms_api:count:{digest[:32]}"
    total = _read(key)
    if total is None:
        total = queryset.count()
        _write(key, total, settings.API_CACHE_TIMEOUT)
    return total


class CountOncePagination(WagtailLimitOffsetPagination):
    """Wagtail's limit/offset pagination with the total from :func:`count`."""

    def _items_count(self, queryset) -> int:
        return count(queryset)


#: What saving a draft or locking a page writes: nothing a listing selects or filters by.
DRAFT_FIELDS = frozenset(
    {
        "comments",
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _page_row_changed(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page) and not (update_fields and update_fields <= DRAFT_FIELDS):
        rows_changed()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(_page_row_changed, dispatch_uid=f"cms_api_count_page_{signal is post_save}")
        for model in (PageViewRestriction, Site):
            signal.connect(
                rows_changed,
                sender=model,
                dispatch_uid=f"cms_api_count_{model.__name__}_{signal is post_save}",
            )
    post_page_move.connect(rows_changed, dispatch_uid="cms_api_count_move")
