"""Builders for API tests: condition pages with images, page links and rich-text links."""

import itertools

import pytest
from wagtail import blocks

from tests.factories import (
    ConditionPageFactory,
    FigureBlockFactory,
    HeroBlockFactory,
    ImageFactory,
    LinkBlockFactory,
    RichTextSectionBlockFactory,
    TreatmentTierBlockFactory,
    TreatmentTiersBlockFactory,
    publish_approved,
)


def rich_text_linking(page):
    html = f'<p>See <a linktype="page" id="{page.pk}">{page.title}</a>.</p>'
    return blocks.RichTextBlock().normalize(html)


def linked_sections(count, images, targets):
    """``count`` sections cycling through hero, treatment tiers and rich text, each with an image
    and/or a link to one of ``targets``."""
    kinds = itertools.cycle(["hero", "treatment_tiers", "rich_text"])
    images, targets = itertools.cycle(images), itertools.cycle(targets)
    body = []
    for kind in itertools.islice(kinds, count):
        target = next(targets)
        if kind == "hero":
            value = HeroBlockFactory(
                image=FigureBlockFactory(image=next(images)),
                call_to_action=LinkBlockFactory(label="Go", anchor="", page=target),
            )
        elif kind == "treatment_tiers":
            tier = TreatmentTierBlockFactory(
                image=FigureBlockFactory(image=next(images)),
                link={"label": "More", "page": target, "anchor": "", "url": ""},
            )
            value = TreatmentTiersBlockFactory(tiers=[tier])
        else:
            value = RichTextSectionBlockFactory(body=rich_text_linking(target))
        body.append((kind, value))
    return body


@pytest.fixture
def images(db):
    return [ImageFactory(file__width=1300, file__height=700) for _ in range(3)]


@pytest.fixture
def link_targets(condition_index):
    return [ConditionPageFactory(parent=condition_index, title=f"Target {n}") for n in range(3)]


@pytest.fixture
def make_linked_page(condition_index, images, link_targets):
    """A published condition page with ``sections`` sections full of images and page links."""

    def make(sections=5, **kwargs):
        page = ConditionPageFactory(parent=condition_index, **kwargs)
        page.body = linked_sections(sections, images, link_targets)
        page.related_conditions.set(link_targets[:2])
        publish_approved(page)
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys of every read of the shared cache, one entry per round trip (as to Redis)."""
    from django.core.cache import caches

    cache, reads, depth = caches["default"], [], [0]

    def counting(method):
        def counted(keys, *args, **kwargs):
            if not depth[0]:  # the local-memory get_many calls get: one round trip
                reads.append([keys] if isinstance(keys, str) else list(keys))
            depth[0] += 1
            try:
                return method(keys, *args, **kwargs)
            finally:
                depth[0] -= 1

        return counted

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counting(getattr(cache, name)))
    return reads
