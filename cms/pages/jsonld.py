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
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if page.reviewer_name:
        reviewer = {"@type": "Person", "name": page.reviewer_name}
        if page.reviewer_credentials:
            reviewer["honorificSuffix"] = page.reviewer_credentials
        data["reviewedBy"] = reviewer
    return data
