"""Text an answer may hold: anything printable plus tab, newline and carriage return.

Other control characters and lone UTF-16 surrogates (``"\\ud800"`` in JSON) are refused with a
message naming the field: they cannot be encrypted, exported or shown reliably.
"""

import re

UNSAFE_TEXT_CODE = "unsafe_text"
UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def unsafe_text_reason(value) -> str | None:
    """Why ``value`` (a string, or a list of them) cannot be stored, or ``None``."""
    values = value if isinstance(value, list | tuple) else [value]
    for text in values:
        if not isinstance(text, str):
            continue
        match = UNSAFE.search(text)
        if match is None:
            continue
        if "\ud800" <= match.group() <= "\udfff":
            return "Contains a lone surrogate, which is not valid Unicode text; remove it."
        return (
            f"Contains the control character U+{ord(match.group()):04X}; "
            "only tab, newline and carriage return are allowed."
        )
    return None


def unsafe_text_errors(value, loc=()) -> list[dict]:
    """Problem-details errors for every unsafe string (or object key) inside a JSON value."""
    if isinstance(value, dict):
        errors = []
        for key, item in value.items():
            reason = unsafe_text_reason(key)
            if reason:
                errors.append({"type": UNSAFE_TEXT_CODE, "loc": [*loc, key], "msg": reason})
            else:
                errors += unsafe_text_errors(item, (*loc, key))
        return errors
    if isinstance(value, list):
        return [e for i, item in enumerate(value) for e in unsafe_text_errors(item, (*loc, i))]
    reason = unsafe_text_reason(value)
    return [{"type": UNSAFE_TEXT_CODE, "loc": list(loc), "msg": reason}] if reason else []


def replace_unsafe(value):
    """``value`` with every unsafe character replaced by U+FFFD, visibly, recursing into lists,
    tuples and dicts: for showing and exporting rows stored before answers were checked."""
    if isinstance(value, str):
        return UNSAFE.sub("\N{REPLACEMENT CHARACTER}", value)
    if isinstance(value, list | tuple):
        return type(value)(replace_unsafe(item) for item in value)
    if isinstance(value, dict):
        return {replace_unsafe(key): replace_unsafe(item) for key, item in value.items()}
    return value
