"""Placeholders such as ``{{ condition }}`` in condition templates, and the walk that finds them.

A template's text may say ``Symptoms of {{ condition }}``. Filling it replaces every placeholder
in every string of every section, whatever section type it is (plugin sections included): the
walk follows the block definitions where it knows them (``StreamBlock``, ``StructBlock``,
``ListBlock``) and treats any other value generically, visiting every string it holds. Strings
that are HTML (``RichTextBlock``, ``RawHTMLBlock``) get HTML-escaped values.

The walk works on the stored JSON (``StreamValue.raw_data``), so it never loads images or pages,
and keeps every non-string value (image, page and form ids, choices) exactly as it is.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from wagtail import blocks

PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")

#: The condition name: always available, never declared on a template.
CONDITION = "condition"

#: Page (and template) text fields that may hold placeholders, in the order errors list them.
TEXT_FIELDS = (
    "title",
    "condition_name",
    "also_known_as",
    "short_summary",
    "body_area",
    "search_description",
)

#: ``fn(text, is_html, where) -> text``: ``where`` names the place, e.g. ("Groups", "item 2").
StringFn = Callable[[str, bool, tuple[str, ...]], str]

HTML_BLOCKS = (blocks.RichTextBlock, blocks.RawHTMLBlock)

#: Comments and tags (quoted attribute values may hold ``>``), captured so ``split`` keeps them.
HTML_MARKUP_RE = re.compile(r"""(<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>)""", re.DOTALL)


def placeholder(key: str) -> str:
    return f"{{{{ {key} }}}}"


def placeholder_keys(text: str) -> list[str]:
    """The placeholder keys in ``text``, in order of appearance, without duplicates."""
    return list(dict.fromkeys(PLACEHOLDER_RE.findall(text or "")))


def fill_text(text: str, values: dict[str, str], html: bool = False) -> str:
    """Replace each known placeholder in ``text``; unknown ones are left for the publish check."""

    def replace(match):
        key = match.group(1)
        if key not in values:
            return match.group(0)
        return escape(values[key], quote=True) if html else values[key]

    return PLACEHOLDER_RE.sub(replace, text)


def words_to_placeholders(replacements: dict[str, str]) -> Callable[[str, bool], str]:
    """A function turning each word of ``{word: key}`` into ``{{ key }}`` in a text.

    Longer words win over shorter ones they contain ("Failed Back Surgery Syndrome" before
    "Back"); a word only matches whole ("FBSS" does not match inside "FBSSX"). Matching is
    case-sensitive so that a template keeps the capitalisation the marketer chose.
    """
    words = sorted((w for w in replacements if w.strip()), key=len, reverse=True)
    if not words:
        return lambda text, html=False: text

    def pattern(escaped_words):
        alternatives = "|".join(re.escape(w) for w in escaped_words)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    plain = pattern(words)
    by_html = {escape(w, quote=False): replacements[w] for w in words}
    html_re = pattern(by_html)

    def convert(text: str, html: bool = False) -> str:
        if html:
            # Only text between tags: a word inside a link's href or any other attribute stays.
            parts = HTML_MARKUP_RE.split(text)
            parts[::2] = [
                html_re.sub(lambda m: placeholder(by_html[m.group(0)]), part) for part in parts[::2]
            ]
            return "".join(parts)
        return plain.sub(lambda m: placeholder(replacements[m.group(0)]), text)

    return convert


# -- walking a stream ------------------------------------------------------------------------


def map_stream(
    stream_block: blocks.StreamBlock, raw: Iterable[dict], fn: StringFn, *, fresh_ids=False
) -> list[dict]:
    """Return a copy of a stream's stored JSON with ``fn`` applied to every string in it.

    With ``fresh_ids`` every section and list item gets a new id, so the copy shares none with
    its source. Content of a section type nobody registers any more is copied untouched.
    """
    return _map(stream_block, list(raw), fn, (), fresh_ids)


def _label(block) -> str:
    return str(block.label or block.name or type(block).__name__)


def _map(block, value, fn: StringFn, where: tuple[str, ...], fresh_ids: bool):
    if isinstance(block, blocks.StreamBlock):
        out = []
        for position, child in enumerate(value or [], start=1):
            child_block = block.child_blocks.get(child.get("type"))
            new = dict(child)
            if child_block is not None:
                place = (
                    (*where, f"{_label(child_block)} ({position})")
                    if where
                    else (f"section {position} “{_label(child_block)}”",)
                )
                new["value"] = _map(child_block, child.get("value"), fn, place, fresh_ids)
            if fresh_ids or "id" not in new:
                new["id"] = str(uuid.uuid4())
            out.append(new)
        return out
    if isinstance(block, blocks.ListBlock):
        out = []
        for position, item in enumerate(value or [], start=1):
            place = (*where, f"item {position}")
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                new = dict(item, value=_map(block.child_block, item["value"], fn, place, fresh_ids))
                if fresh_ids:
                    new["id"] = str(uuid.uuid4())
                out.append(new)
            else:  # the pre-Wagtail-2.16 list format: bare values
                out.append(_map(block.child_block, item, fn, place, fresh_ids))
        return out
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: (
                _map(
                    block.child_blocks[name],
                    child,
                    fn,
                    (*where, _label(block.child_blocks[name])),
                    fresh_ids,
                )
                if name in block.child_blocks
                else _map_any(child, fn, (*where, name), False)
            )
            for name, child in value.items()
        }
    return _map_any(value, fn, where, isinstance(block, HTML_BLOCKS))


def _map_any(value, fn: StringFn, where: tuple[str, ...], html: bool):
    """Any other block value: visit every string inside lists and dicts, keep the rest."""
    if isinstance(value, str):
        return fn(value, html, where)
    if isinstance(value, list):
        return [_map_any(v, fn, where, html) for v in value]
    if isinstance(value, dict):
        return {k: _map_any(v, fn, where, html) for k, v in value.items()}
    return value


# -- what is left ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LeftPlaceholder:
    """One placeholder still in the text: where it is and which key."""

    key: str
    where: tuple[str, ...]

    @property
    def section(self) -> str:
        return self.where[0]

    @property
    def field(self) -> str:
        return " › ".join(self.where[1:])

    def __str__(self):
        if len(self.where) == 1:
            return f"{placeholder(self.key)} is left in field “{self.where[0]}”"
        return f"{placeholder(self.key)} is left in {self.section}, field “{self.field}”"


def find_left_placeholders(obj, stream_block=None) -> list[LeftPlaceholder]:
    """Every placeholder left in a condition page (or template): its text fields and its body."""
    found: list[LeftPlaceholder] = []
    for name in TEXT_FIELDS:
        text = getattr(obj, name, "") or ""
        label = str(obj._meta.get_field(name).verbose_name).capitalize()
        found += [LeftPlaceholder(key, (label,)) for key in placeholder_keys(text)]

    def record(text, html, where):
        found.extend(LeftPlaceholder(key, where) for key in placeholder_keys(text))
        return text

    if stream_block is None:
        stream_block = obj._meta.get_field("body").stream_block
    map_stream(stream_block, obj.body.raw_data, record)
    return found


def placeholder_problems(page) -> list[str]:
    """A message naming the section and field of every placeholder left in ``page``."""
    return [f"{item}. Replace it with real text first." for item in find_left_placeholders(page)]
