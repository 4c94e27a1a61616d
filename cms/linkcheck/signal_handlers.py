"""Keeping the report current between nightly checks.

* A published page's links are checked soon after, so its editor need not wait for the nightly run.
  Off with ``LINK_CHECK_ON_PUBLISH = False`` (the test settings do so: no test reaches the network
  by publishing a page).
* An unpublished (or deleted) page stops citing anything at once; no request is made.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from .models import ReferenceLink
from .tasks import check_reference_links


def on_page_published(sender, instance, **kwargs):
    if not getattr(settings, "LINK_CHECK_ON_PUBLISH", True):
        return
    transaction.on_commit(
        partial(check_reference_links.enqueue, page_id=instance.pk), robust=True
    )


def forget_citations(page_id: int):
    ReferenceLink.objects.record_citations({}, page_ids=[page_id])


def on_page_unpublished(sender, instance, **kwargs):
    transaction.on_commit(partial(forget_citations, instance.pk), robust=True)


def register_signal_handlers():
    page_published.connect(on_page_published, dispatch_uid="linkcheck_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="linkcheck_page_unpublished")
