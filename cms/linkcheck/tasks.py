"""The reference link check as background work (django-tasks)."""

from django.utils import timezone
from django_tasks import task

from .checker import check_urls
from .citations import live_citations
from .models import ReferenceLink


@task()
def check_reference_links(page_id: int | None = None) -> dict[str, int]:
    """Record which live pages cite which links, check each link and record what it answered.

    With ``page_id``, only that page's links (its citations are brought up to date; a page no
    longer live cites nothing). Running it again updates the same rows. Returns
    ``{"checked": n, "broken": n}``.
    """
    page_ids = None if page_id is None else [page_id]
    links = ReferenceLink.objects.record_citations(live_citations(page_ids), page_ids)
    statuses = check_urls([link.url for link in links])
    checked_at = timezone.now()
    for link in links:
        status = statuses[link.url]
        link.status_code, link.error, link.checked_at = status.status_code, status.error, checked_at
    ReferenceLink.objects.bulk_update(links, ["status_code", "error", "checked_at"])
    return {"checked": len(links), "broken": sum(link.is_broken for link in links)}
