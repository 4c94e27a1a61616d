"""Every image and page a page's sections refer to, loaded in one go.

Wagtail builds a stream's values type by type and, inside each, field by field, so each place a
chooser sits in the block tree (the hero's image, a treatment tier's image, a link's page) costs
its own query, and rich-text page links another two. :func:`prefetch_references` reads the
stream's stored data once, before any value is built, collects the ids of every image chosen
with :class:`~cms.blocks.images.PrefetchingImageChooserBlock`, every page chosen with
:class:`~cms.blocks.links.PrefetchingPageChooserBlock` and every page linked from rich text, and
loads them with one query per model (images also bring their renditions). The choosers and the
rich-text link handler then take them from :func:`prefetched` for the rest of the request
(:func:`cms.edge.scope.request_scope`). Outside a scope nothing is loaded ahead and every block
loads its own values, as Wagtail does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import extract_references_from_rich_text

from cms.edge.scope import scope_store

#: ``collect(raw_value, found)``: adds the ids a block's stored value refers to.
Collector = Callable[[Any, dict], None]
_collectors: dict[int, tuple[Any, Collector | None]] = {}
IMAGES, PAGES = "images", "pages"
PAGE_LINK = 'linktype="page"'


def prefetched(kind: str) -> dict | None:
    """The objects of ``kind`` (``"images"`` or ``"pages"``) loaded in this request, by id."""
    return scope_store(f"cms.blocks.prefetched.{kind}")


def as_id(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def load(kind: str, ids) -> dict | None:
    """Load the objects of ``kind`` with these ids not loaded yet in this request; return all
    loaded so far (``None`` outside a request scope)."""
    store = prefetched(kind)
    if store is None:
        return None
    missing = {i for i in map(as_id, ids) if i is not None} - store.keys()
    if missing:
        if kind == IMAGES:
            from .images import RENDITION_SPECS

            images = get_image_model().objects.prefetch_renditions(*RENDITION_SPECS)
            found = images.in_bulk(missing)
        else:
            found = Page.objects.in_bulk(missing)
        store.update(found)
        store.update(dict.fromkeys(missing - found.keys()))
    return store


def from_loaded(loaded: dict, values) -> list:
    """The loaded objects for a chooser's ``values``, in order. Sections choosing the same
    image or page share one object: values are only read while a request is answered."""
    return [loaded.get(as_id(value)) if value is not None else None for value in values]


def prefetch_references(stream_value) -> None:
    """Load every image and page the sections of ``stream_value`` (a ``StreamValue``) choose or
    link to from rich text, in one query per model."""
    done = scope_store("cms.blocks.prefetched.streams")
    if stream_value is None or done is None or id(stream_value) in done:
        return
    done[id(stream_value)] = stream_value  # kept, so that its id is not reused in the scope
    collect = collector(stream_value.stream_block)
    if collect is None:
        return
    found = {IMAGES: set(), PAGES: set()}
    collect(list(stream_value.raw_data), found)
    for kind, ids in found.items():
        if ids:
            load(kind, ids)


def collector(block) -> Collector | None:
    """How to find references in ``block``'s stored values (``None``: it has none). Built once
    per block definition."""
    known = _collectors.get(id(block))
    if known is not None and known[0] is block:
        return known[1]
    collect = _build(block)
    _collectors[id(block)] = (block, collect)
    return collect


def _build(block) -> Collector | None:
    from .images import PrefetchingImageChooserBlock
    from .links import PrefetchingPageChooserBlock

    if isinstance(block, PrefetchingImageChooserBlock):
        return lambda raw, found: found[IMAGES].add(raw) if raw is not None else None
    if isinstance(block, PrefetchingPageChooserBlock):
        return lambda raw, found: found[PAGES].add(raw) if raw is not None else None
    if isinstance(block, blocks.RichTextBlock):
        return _rich_text_links
    if isinstance(block, blocks.StreamBlock):
        children = {name: collector(child) for name, child in block.child_blocks.items()}
        children = {name: collect for name, collect in children.items() if collect is not None}
        if not children:
            return None

        def stream(raw, found):
            for item in raw or ():
                collect = children.get(item.get("type")) if isinstance(item, dict) else None
                if collect is not None:
                    collect(item.get("value"), found)

        return stream
    if isinstance(block, blocks.ListBlock):
        child = collector(block.child_block)
        if child is None:
            return None

        def listing(raw, found):
            for item in raw or ():
                if block._item_is_in_block_format(item):
                    item = item.get("value")
                child(item, found)

        return listing
    if isinstance(block, blocks.StructBlock):
        children = [(name, collector(child)) for name, child in block.child_blocks.items()]
        children = [(name, collect) for name, collect in children if collect is not None]
        if not children:
            return None

        def struct(raw, found):
            if isinstance(raw, dict):
                for name, collect in children:
                    collect(raw.get(name), found)

        return struct
    return None


def _rich_text_links(raw, found) -> None:
    if raw and PAGE_LINK in raw:
        for model, object_id, _path, _content_path in extract_references_from_rich_text(raw):
            if model is Page:
                found[PAGES].add(object_id)
