"""What counts as clinical content on a condition page, and whether two versions differ in it.

Clinical content is what a medical reviewer vouches for:

* the page fields in :data:`CLINICAL_FIELDS`;
* every section whose block declares ``clinical = True`` in its ``Meta`` (core sections and
  plugins alike), in page order, by type and value.

Anything else (hero image, call to action, layout, SEO fields) may change without a new review.
The comparison ignores the ids Wagtail gives stream and list items, which change when content is
copied or written through the API without the content itself changing, and the rich text
editor's paragraph keys and the difference between CRLF and LF line breaks (a browser posts a text
area's lines with CRLF), and treats ``None``, ``""`` and ``False`` alike (an empty value saved
from code or from the admin's form).
"""

from __future__ import annotations

import hashlib
import json
import re

from django.core.serializers.json import DjangoJSONEncoder

CLINICAL_FIELDS = ("title", "condition_name", "also_known_as", "short_summary", "body_area")


def is_clinical_block(block) -> bool:
    return bool(getattr(getattr(block, "meta", None), "clinical", False))


#: The rich text editor's own paragraph keys (``<p data-block-key="x1y2z">``): new random ones
#: each time text written elsewhere (code, the API, a template) is first saved from the editor.
EDITOR_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def _without_ids(value):
    """``value`` without item ids or the rich text editor's paragraph keys, and with every kind
    of "nothing" alike: content built in code stores ``None`` where the admin's form stores
    ``""`` (or ``False`` for a tick box). A save from the editor must not count as a change."""
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [_without_ids(item) for item in value]
    if value is None or value == "" or value is False:
        return None
    if isinstance(value, str):
        value = _line_breaks(value)
        if "data-block-key" in value:
            return EDITOR_BLOCK_KEY.sub("", value)
    return value


def _line_breaks(value):
    """``value`` with LF line breaks: a browser posts a text area's lines with CRLF, while text
    written from code or the API holds plain LF."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def clinical_sections(page) -> list[tuple[str, object]]:
    """``(section type, stored value)`` of the page's clinical sections, in order."""
    return [
        (child.block_type, _without_ids(child.block.get_prep_value(child.value)))
        for child in page.body
        if is_clinical_block(child.block)
    ]


def clinical_content(page) -> dict:
    """Everything a medical review of ``page`` covers, as JSON-compatible data."""
    fields = {name: _line_breaks(getattr(page, name)) for name in CLINICAL_FIELDS}
    return {"fields": fields, "sections": clinical_sections(page)}


def clinical_fingerprint(page) -> str:
    """A digest of :func:`clinical_content`: equal digests, equal clinical content."""
    data = json.dumps(clinical_content(page), sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(data.encode()).hexdigest()


def clinical_changes(before, after) -> list[str]:
    """What differs in clinical content from page ``before`` to page ``after``, in words
    (field and section labels, in page order); empty when nothing clinical changed."""
    changes = [
        str(type(after)._meta.get_field(name).verbose_name)
        for name in CLINICAL_FIELDS
        if _line_breaks(getattr(before, name)) != _line_breaks(getattr(after, name))
    ]
    old, new = clinical_sections(before), clinical_sections(after)
    if old == new:
        return changes
    labels = {child.block_type: str(child.block.label) for child in [*before.body, *after.body]}
    changed_types = []
    for index in range(max(len(old), len(new))):
        pair = {item[0] for item in (old[index : index + 1] + new[index : index + 1])}
        if index >= len(old) or index >= len(new) or old[index] != new[index]:
            changed_types.extend(sorted(pair - set(changed_types)))
    changes.extend(f"the “{labels[name]}” section" for name in changed_types)
    return changes
