"""What makes a request hostile, decided once for every view: each function returns the refused
parameters as ``(name, reason)`` pairs (empty when the input is fine).

- control characters (C0 and DEL) in a path or query string;
- integers past 64 bits (no database column holds them);
- text that is not valid UTF-8 (after percent-decoding);
- JSON nested deeper than :data:`MAX_JSON_DEPTH` (Python's parser recurses once per level).
"""

import re
from urllib.parse import unquote_to_bytes

MAX_JSON_DEPTH = 32
INT64 = range(-(2**63), 2**63)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Django percent-encodes again each byte of the path that is not valid UTF-8.
REENCODED_BYTE = re.compile(r"%[89A-F][0-9A-F]")
INTEGER = re.compile(r"[+-]?\d+")
# A JSON string (skipped whole, so brackets inside it do not count) or one bracket.
JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{\]}]', re.DOTALL)


def text_problem(text: str) -> str | None:
    """Why an already decoded parameter or path segment is refused, or ``None``."""
    if CONTROL_CHARACTERS.search(text):
        return "Contains a control character; remove it."
    candidate = text.strip().replace("_", "")  # int() accepts both
    if INTEGER.fullmatch(candidate):
        digits = candidate.lstrip("+-").lstrip("0")
        if len(digits) > 19 or int(candidate) not in INT64:
            return "The number is too large; send an integer that fits in 64 bits."
    return None


def decode(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def path_problems(path: str) -> list[tuple[str, str]]:
    """``path`` is Django's ``request.path_info``: percent-decoded, with each byte that is not
    valid UTF-8 percent-encoded again (``%FF``)."""
    if REENCODED_BYTE.search(path):
        return [("path", "The path is not valid UTF-8 once percent-decoded.")]
    for segment in path.split("/"):
        reason = text_problem(segment)
        if reason:
            return [("path", reason)]
    return []


def query_problems(raw_query: bytes) -> list[tuple[str, str]]:
    """``raw_query`` is the query string as sent (still percent-encoded)."""
    problems = []
    for pair in raw_query.split(b"&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition(b"=")
        raw_name = unquote_to_bytes(raw_name.replace(b"+", b" "))
        raw_value = unquote_to_bytes(raw_value.replace(b"+", b" "))
        name = raw_name.decode("utf-8", "replace")
        shown = CONTROL_CHARACTERS.sub("\N{REPLACEMENT CHARACTER}", name)
        if decode(raw_name) is None:
            problems.append((shown, "The parameter name is not valid UTF-8."))
            continue
        if CONTROL_CHARACTERS.search(name):
            problems.append((shown, "The parameter name contains a control character."))
            continue
        value = decode(raw_value)
        if value is None:
            problems.append((name, "Not valid UTF-8 once percent-decoded."))
            continue
        reason = text_problem(value)
        if reason:
            problems.append((name, reason))
    return problems


def json_depth(body: bytes) -> int:
    """How deeply ``body`` nests arrays and objects, counted without parsing it."""
    depth = deepest = 0
    for match in JSON_TOKEN.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def body_problems(body: bytes) -> list[tuple[str, str]]:
    """Problems in a JSON request body."""
    if decode(body) is None:
        return [("body", "The body is not valid UTF-8.")]
    if json_depth(body) > MAX_JSON_DEPTH:
        return [("body", f"JSON is nested deeper than {MAX_JSON_DEPTH} levels; flatten it.")]
    return []
