"""The section registry: where condition-page sections come from.

Sections are plugins. Any installed Django app adds one from its own ``wagtail_hooks.py``::

    from wagtail import hooks

    @hooks.register("register_page_sections")
    def register_testimonial(registry):
        registry.register("testimonial", TestimonialBlock(), page_types=["pages.ConditionPage"])

The hook contract
-----------------
``register_page_sections(registry)``
    Called with the :class:`SectionRegistry`. The function calls :meth:`SectionRegistry.register`
    once per section and returns nothing. Hooks run in ``hooks.register(..., order=N)`` order; the
    order of ``INSTALLED_APPS`` does not matter, and the order sections are offered in the editor
    follows registration order.

Registration fails loudly: a value that is not a block, a block without a template (or whose
template cannot be found) and a name registered twice each raise a subclass of
:class:`~django.core.exceptions.ImproperlyConfigured` when the registry is first read, which
``cms.blocks`` forces at start-up.

Content stored for a section whose plugin has since been removed is skipped (and logged) when
the page is read, so the page, the admin and the API keep working.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from wagtail import blocks, hooks

from .base import written_sections

logger = logging.getLogger("cms.sections")

HOOK_NAME = "register_page_sections"


class SectionRegistrationError(ImproperlyConfigured):
    """A section plugin registered something the registry cannot use."""


class NotABlockError(SectionRegistrationError):
    pass


class MissingTemplateError(SectionRegistrationError):
    pass


class DuplicateSectionError(SectionRegistrationError):
    pass


@dataclass(frozen=True)
class Section:
    """One registered section type."""

    name: str
    block: blocks.Block
    #: Lower-cased model labels (``"pages.conditionpage"``) the section may be used on;
    #: ``None`` means every page type whose body is built from the registry.
    page_types: frozenset[str] | None = None
    #: Dotted path of the module that registered it, for error messages and logs.
    origin: str = ""

    def allowed_on(self, page_label: str) -> bool:
        return self.page_types is None or page_label.lower() in self.page_types


def _label(page_type) -> str:
    if isinstance(page_type, str):
        return page_type.lower()
    meta = getattr(page_type, "_meta", None)
    if meta is None:
        raise SectionRegistrationError(
            f"page_types entries must be page models or 'app_label.ModelName' strings, "
            f"not {page_type!r}"
        )
    return meta.label_lower


class SectionStreamBlock(blocks.StreamBlock):
    """The top-level block of a page body: skips (and logs) sections nobody registers any more."""

    def _known(self, stream):
        known = []
        for child in stream:
            block_type = child.get("type") if isinstance(child, dict) else None
            if block_type is not None and block_type not in self.child_blocks:
                logger.warning(
                    "Skipping stored section of unknown type %r (id %s): its plugin is not "
                    "installed.",
                    block_type,
                    child.get("id"),
                )
                continue
            known.append(child)
        return known

    def to_python(self, value):
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = self._known(value)
        return super().to_python(value)

    def bulk_to_python(self, values):
        return super().bulk_to_python([self._known(stream) for stream in values])

    def get_api_representation(self, value, context=None):
        # Template guidance not yet written is never served.
        return [
            {
                "type": child.block.name,
                "value": child.block.get_api_representation(child.value, context=context),
                "id": child.id,
            }
            for child in written_sections(value)
        ]


class SectionRegistry:
    """Collects section blocks from the ``register_page_sections`` hook.

    The registry re-reads the hook whenever the set of hook functions changes (for instance under
    ``hooks.register_temporarily`` in a test), so it never serves a stale list.
    """

    def __init__(self, hook_name: str = HOOK_NAME):
        self.hook_name = hook_name
        self._sections: dict[str, Section] = {}
        self._hook_fns: tuple | None = None
        self._stream_blocks: dict[str, SectionStreamBlock] = {}
        self._current_origin = ""

    # -- the plugin-facing API -------------------------------------------------------------

    def register(self, name: str, block, *, page_types=None) -> Section:
        """Register ``block`` as the section type ``name``.

        :param name: the section's ``type`` in stored content and in the API. It is a public
            contract: renaming it orphans stored content. Must be a valid Python identifier.
        :param block: a :class:`wagtail.blocks.Block` instance or subclass (normally a
            ``StructBlock``) whose ``Meta.template`` names an existing template.
        :param page_types: page models (or ``"app_label.ModelName"`` labels) the section may be
            used on. Omit it to allow every page type whose body is built from the registry.
        :raises NotABlockError, MissingTemplateError, DuplicateSectionError: at start-up.
        """
        origin = self._current_origin
        if isinstance(block, type) and issubclass(block, blocks.Block):
            block = block()
        if not isinstance(block, blocks.Block):
            raise NotABlockError(
                f"Section {name!r} (registered by {origin or 'unknown'}) must be a Wagtail "
                f"block instance or class, got {block!r}."
            )
        if not isinstance(name, str) or not name.isidentifier():
            raise SectionRegistrationError(
                f"Section name {name!r} (registered by {origin or 'unknown'}) must be a valid "
                f"Python identifier such as 'clinic_locations'."
            )
        if name in self._sections:
            raise DuplicateSectionError(
                f"Section {name!r} is registered twice: by {self._sections[name].origin} and by "
                f"{origin or 'unknown'}. Section names are unique; pick another name."
            )
        template = getattr(block.meta, "template", None)
        if not template:
            raise MissingTemplateError(
                f"Section {name!r} ({type(block).__name__}) has no Meta.template; every section "
                f"renders on the public site and in admin previews."
            )
        try:
            get_template(template)
        except TemplateDoesNotExist as exc:
            raise MissingTemplateError(
                f"Section {name!r} ({type(block).__name__}) names template {template!r}, which "
                f"does not exist."
            ) from exc
        allowed = None if page_types is None else frozenset(_label(p) for p in page_types)
        block.set_name(name)
        section = Section(name=name, block=block, page_types=allowed, origin=origin)
        self._sections[name] = section
        return section

    # -- reading ---------------------------------------------------------------------------

    def scan(self) -> None:
        """Run the hook if its functions changed since the last run. Raises on a bad plugin."""
        fns = tuple(hooks.get_hooks(self.hook_name))
        if fns == self._hook_fns:
            return
        self._sections = {}
        self._stream_blocks = {}
        try:
            for fn in fns:
                self._current_origin = f"{fn.__module__}.{fn.__qualname__}"
                fn(self)
        except Exception:
            self._hook_fns = None
            self._sections = {}
            raise
        finally:
            self._current_origin = ""
        self._hook_fns = fns

    def __contains__(self, name: str) -> bool:
        self.scan()
        return name in self._sections

    def __iter__(self):
        self.scan()
        return iter(list(self._sections.values()))

    def get(self, name: str) -> Section:
        self.scan()
        return self._sections[name]

    def sections_for(self, page_label: str) -> list[Section]:
        """The sections allowed on the page model with this label, in registration order."""
        self.scan()
        return [s for s in self._sections.values() if s.allowed_on(page_label)]

    def stream_block_for(self, page_label: str) -> SectionStreamBlock:
        """A (cached) top-level stream block holding every section allowed on the page type."""
        self.scan()
        page_label = page_label.lower()
        if page_label not in self._stream_blocks:
            self._stream_blocks[page_label] = SectionStreamBlock(
                [(s.name, s.block) for s in self.sections_for(page_label)]
            )
        return self._stream_blocks[page_label]


#: The one registry every page body is built from.
section_registry = SectionRegistry()
