"""Rich-text page links resolved from the pages loaded for the whole page at once.

Wagtail expands the ``<a linktype="page">`` links of each rich text value on its own, so a body
with 200 rich-text sections costs 400 queries. Before serialising a body, the API calls
:func:`cms.blocks.prefetch.prefetch_references`, which loads every page the body links to or
chooses (with its images) in one query per model and keeps them for the rest of the request
(:func:`cms.edge.scope.request_scope`), where :class:`PrefetchingPageLinkHandler` finds them.
Outside a request scope the handler is Wagtail's own.
"""

from __future__ import annotations

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.blocks.links import page_url
from cms.blocks.prefetch import PAGES, as_id, load


class PrefetchingPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page]:
        ids = [attrs.get("id") for attrs in attrs_list]
        loaded = load(PAGES, [i for i in ids if i is not None])
        if loaded is None:
            return super().get_many(attrs_list)
        # Wagtail links the specific page; its URL needs no more than the generic row.
        pages = (loaded.get(as_id(i)) for i in ids)
        return [page.specific_deferred if page is not None else None for page in pages]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        # Wagtail's, with each page's URL worked out once per request.
        return [
            f'<a href="{escape(page_url(page.localized))}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]
