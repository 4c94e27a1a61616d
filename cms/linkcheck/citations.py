"""Which web addresses the live pages cite: what each section's ``cited_links()`` returns.

Any section may cite (see :meth:`cms.blocks.SectionBlock.cited_links`); the core ``references``
section cites its citations' DOI, PubMed or web links. Sections left unwritten are never shown,
so their links are not checked.
"""

from __future__ import annotations

from wagtail.models import get_page_models

from cms.blocks.base import written_sections
from cms.blocks.fields import SectionsField

from .models import ReferenceLink

MAX_URL_LENGTH = ReferenceLink._meta.get_field("url").max_length


def _sections_fields(model) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, SectionsField)]


def cited_links(page) -> list[str]:
    """The URLs the written sections of ``page`` cite, in page order, without repeats."""
    links = []
    for name in _sections_fields(type(page)):
        for child in written_sections(getattr(page, name)):
            cite = getattr(child.block, "cited_links", None)
            if cite is not None:
                links.extend(url for url in cite(child.value) if len(url) <= MAX_URL_LENGTH)
    return list(dict.fromkeys(links))


def live_citations(page_ids=None) -> dict[str, set[int]]:
    """``{url: ids of the live pages citing it}``, over every live page (or those of
    ``page_ids``) of a type with sections."""
    citations: dict[str, set[int]] = {}
    for model in get_page_models():
        if not _sections_fields(model) or model._meta.proxy:
            continue
        pages = model.objects.live().exact_type(model)
        if page_ids is not None:
            pages = pages.filter(pk__in=page_ids)
        for page in pages.iterator(chunk_size=100):
            for url in cited_links(page):
                citations.setdefault(url, set()).add(page.pk)
    return citations
