"""schema.org JSON-LD for condition pages: built here once, used by the HTML page and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cms.blocks.base import written_sections

if TYPE_CHECKING:
    from .models import ConditionPage


def _section_contributions(page: ConditionPage, method="schema_org") -> dict[str, list]:
    merged: dict[str, list] = {}
    for child in written_sections(page.body):
        contribute = getattr(child.block, method, None)
        if contribute is None:
            continue
        for key, items in contribute(child.value).items():
            merged.setdefault(key, []).extend(items)
    return merged


def _publisher(page: ConditionPage, request=None) -> dict | None:
    """The clinic (its site's :class:`~cms.pages.clinic.ClinicSettings`) as a ``MedicalClinic``."""
    from .siteconfig import clinic_for_request, clinic_for_site, site_for_request

    parts = page.get_url_parts(request)  # the site root paths are cached per request
    if not parts:
        return None
    site_id = parts[0]
    request_site = site_for_request(request) if request is not None else None
    if request_site is not None and request_site.pk == site_id:
        clinic = clinic_for_request(request)  # the instance the templates share
    else:
        clinic = clinic_for_site(site_id)
    return clinic.jsonld(request)


def condition_jsonld(page: ConditionPage, request=None) -> dict:
    """A schema.org ``MedicalWebPage`` about the page's ``MedicalCondition``."""
    condition = {
        "@type": "MedicalCondition",
        "name": page.condition_name,
        "description": page.short_summary,
    }
    if page.alternate_names:
        condition["alternateName"] = page.alternate_names
    for key, items in _section_contributions(page).items():
        condition[key] = items

    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.seo_title or page.title,
        "description": page.search_description or page.short_summary,
        "about": condition,
    }
    for key, items in _section_contributions(page, "schema_org_page").items():
        data[key] = items
    url = page.get_full_url(request)
    if url:
        data["url"] = url
    review = page.review
    if review.is_reviewed:
        data["lastReviewed"] = review.last_reviewed.isoformat()
    publisher = _publisher(page, request)
    if publisher:
        data["publisher"] = publisher
    if review.is_reviewed:
        reviewer = {"@type": "Person", "name": review.reviewer_name}
        if review.reviewer_credentials:
            reviewer["honorificSuffix"] = review.reviewer_credentials
        data["reviewedBy"] = reviewer
    return data
