"""Keeps the API's response cache fresh: what to invalidate when content changes.

A page's API response shows its own content, its ancestors (breadcrumbs), and the title and path
of the pages it links to or lists as related conditions. So a change to page P makes stale: P,
its descendants, every page that shows P (found through Wagtail's ``ReferenceIndex`` and the
``related_conditions`` relation) and P's ancestors (the condition index and home page list their
children in HTML). The same set is purged from the CDN (:mod:`cms.api.html_cache`), and a saved
site setting makes every stored HTML page stale. A review falling overdue
(``cms.pages.cadence.review_status_changed``) makes the page itself stale.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from cms.pages.cadence import review_status_changed
from cms.pages.clinic import ClinicSettings
from cms.pages.models import ConditionPage

from .cache import invalidate
from .html_cache import on_setting_saved, purge_frontend_cache


def pages_showing(page_ids) -> set[int]:
    """Pages whose API representation shows any of ``page_ids``."""
    page_ids = {int(pk) for pk in page_ids}
    if not page_ids:
        return set()
    page_type = ContentType.objects.get_for_model(Page)
    linking = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        to_content_type=page_type,
        to_object_id__in=[str(pk) for pk in page_ids],
    ).values_list("object_id", flat=True)
    listing = ConditionPage.objects.filter(related_conditions__in=page_ids).values_list(
        "pk", flat=True
    )
    return {int(pk) for pk in linking} | set(listing)


def pages_affected_by(page, *, paths_changed=False) -> set[int]:
    """``page``, its descendants and the pages showing it (or, when paths changed, showing any
    of them)."""
    subtree = set(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    listing = set(Page.objects.ancestor_of(page).filter(depth__gt=1).values_list("pk", flat=True))
    shown = subtree if paths_changed else {page.pk}
    return subtree | listing | pages_showing(shown)


def stale(page_ids) -> None:
    """Invalidate the cached API and HTML responses of ``page_ids`` and purge them from the CDN."""
    page_ids = set(page_ids)
    invalidate(page_ids)
    purge_frontend_cache(page_ids)


def on_publish_or_unpublish(sender, instance, **kwargs):
    stale(pages_affected_by(instance))


def on_review_state_change(sender, instance, **kwargs):
    """A medical review started, was sent back or was cancelled: the page's ``review`` status
    (``pending`` or not) changes although nothing was published."""
    if isinstance(instance.content_object, Page):
        stale({int(instance.object_id)})


def on_review_status_change(sender, pages, **kwargs):
    # The review shows on the page itself (API ``review``, JSON-LD, reviewer line), nowhere else.
    stale(page.pk for page in pages)


def on_move(sender, instance, **kwargs):
    stale(pages_affected_by(instance, paths_changed=True))


def on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.pk is not None:
        stale(pages_affected_by(instance, paths_changed=True))


def on_restriction_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        stale(pages_affected_by(page))


def on_image_change(sender, instance, **kwargs):
    page_type = ContentType.objects.get_for_model(Page)
    users = ReferenceIndex.get_references_to(instance).filter(base_content_type=page_type)
    invalidate(users.values_list("object_id", flat=True))


def on_clinic_change(sender, instance, created=False, **kwargs):
    if created:
        return  # the empty row ``for_site`` creates on first read changes nothing shown
    # Every page shows the clinic (header, footer, JSON-LD publisher), and so does /site-settings/.
    invalidate(Page.objects.values_list("pk", flat=True))


def connect():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="cms_api_publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="cms_api_unpublish")
    post_page_move.connect(on_move, dispatch_uid="cms_api_move")
    for signal in (workflow_submitted, workflow_rejected, workflow_cancelled):
        signal.connect(on_review_state_change, dispatch_uid=f"cms_api_review_{id(signal)}")
    review_status_changed.connect(on_review_status_change, dispatch_uid="cms_api_review_status")
    pre_delete.connect(on_page_delete, dispatch_uid="cms_api_delete")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"cms_api_restriction_{signal is post_save}",
        )
        signal.connect(
            on_image_change,
            sender=get_image_model(),
            dispatch_uid=f"cms_api_image_{signal is post_save}",
        )
        signal.connect(
            on_clinic_change,
            sender=ClinicSettings,
            dispatch_uid=f"cms_api_clinic_{signal is post_save}",
        )
    post_save.connect(on_setting_saved, dispatch_uid="cms_html_site_setting")
