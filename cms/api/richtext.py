"""Rich-text page links resolved with one query per page body instead of one per rich text.

Wagtail expands the ``<a linktype="page">`` links of each rich text value on its own, so a body
with 200 rich-text sections costs 400 queries. Before serialising a body, the API calls
:func:`prefetch_rich_text_links`, which finds every linked page id in the body, loads them all
at once and keeps them for the rest of the request (:func:`link_prefetching` opens that scope),
where :class:`PrefetchingPageLinkHandler` finds them. Outside such a scope the handler is
Wagtail's own.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from wagtail import blocks
from wagtail.models import Page
from wagtail.rich_text import extract_references_from_rich_text
from wagtail.rich_text.pages import PageLinkHandler

_pages: ContextVar[dict[str, Page] | None] = ContextVar("cms_api_prefetched_pages", default=None)


@contextlib.contextmanager
def link_prefetching():
    """A scope (one API request) in which prefetched link targets are kept."""
    token = _pages.set({})
    try:
        yield
    finally:
        _pages.reset(token)


def _rich_text_sources(block, value):
    if value is None:
        return
    if isinstance(block, blocks.RichTextBlock):
        yield value.source
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _rich_text_sources(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _rich_text_sources(block.child_block, item)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _rich_text_sources(child, value.get(name))


def prefetch_rich_text_links(stream_value) -> None:
    """Load every page linked from rich text in ``stream_value`` (a StreamValue) at once."""
    pages = _pages.get()
    if pages is None or stream_value is None:
        return
    ids = {
        str(object_id)
        for source in _rich_text_sources(stream_value.stream_block, stream_value)
        for model, object_id, _path, _content_path in extract_references_from_rich_text(source)
        if model is Page
    } - pages.keys()
    if ids:
        queryset = Page.objects.filter(id__in=ids).defer_streamfields().specific()
        pages.update({str(page.pk): page for page in queryset})
        pages.update(dict.fromkeys(ids - pages.keys()))


class PrefetchingPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page]:
        pages = _pages.get()
        if pages is None:
            return super().get_many(attrs_list)
        wanted = [str(attrs.get("id")) for attrs in attrs_list]
        missing = [attrs for attrs, key in zip(attrs_list, wanted, strict=True) if key not in pages]
        if missing:
            found = super().get_many(missing)
            pages.update(
                {str(attrs.get("id")): page for attrs, page in zip(missing, found, strict=True)}
            )
        return [pages[key] for key in wanted]
