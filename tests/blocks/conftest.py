import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory


def _flatten(data, path, out):
    for message in data.get("messages", []):
        out.setdefault(path, []).append(message)
    for name, child in (data.get("blockErrors") or {}).items():
        _flatten(child, f"{path}.{name}" if path else str(name), out)
    return out


@pytest.fixture
def clean_errors():
    """``clean_errors(block, value)``: the messages ``block.clean`` raises, keyed by dotted path.

    ``{}`` means the value is valid. Paths name the child that carries the error, e.g.
    ``"image.alt_text"`` or ``"groups.0.custom_label"``; ``""`` holds errors on the block itself.
    """

    def collect(block, value):
        try:
            block.clean(value)
        except ValidationError as exc:
            if hasattr(exc, "as_json_data"):
                return _flatten(exc.as_json_data(), "", {})
            return {"": exc.messages}
        return {}

    return collect


@pytest.fixture
def api_context(rf: RequestFactory):
    """The context the APIs pass to ``get_api_representation``."""
    return {"request": rf.get("/api/v2/pages/")}
