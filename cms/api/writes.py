"""API v3 writes that apply in full or not at all.

Wagtail's write schemas ignore keys they do not know, so a field the API cannot write (a computed
one such as ``review``, or a typo) would be dropped while the request answers 200. Here such a
request is refused with a 422 problem document naming every such field, before anything is
written.
"""

from __future__ import annotations

import json
from functools import wraps

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.api.v3.registry import registry
from wagtail.models import Page

from cms.edge.problems import problem_response

WRITES = {"POST": "create_schema", "PATCH": "patch_schema"}
READ_ONLY_REASONS = {
    "review": "a medical review is recorded when a reviewer approves in the workflow",
}


def _model_label(body: dict, page_id) -> str | None:
    if page_id is None:
        meta = body.get("meta")
        return meta.get("type") if isinstance(meta, dict) else None
    content_type_id = Page.objects.filter(pk=page_id).values_list("content_type", flat=True).first()
    if content_type_id is None:
        return None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label if model else None


def unwritable_fields(method: str, body, page_id=None) -> tuple[str, list[dict]] | None:
    """``(model label, invalid params)`` for the keys of ``body`` no write schema accepts."""
    if not isinstance(body, dict):
        return None
    label = _model_label(body, page_id)
    registration = registry.get(label) if isinstance(label, str) else None
    schema = registration and getattr(registration, WRITES[method], None)
    if schema is None:
        return None  # Wagtail answers an unknown type itself
    writable = set(schema.model_fields)
    readable = set(registration.read_schema.model_fields) if registration.read_schema else set()
    invalid = _bad_id_lists(apps.get_model(label), body, writable)
    invalid += [
        {
            "name": key,
            "reason": (
                "is read-only through the API: "
                + READ_ONLY_REASONS.get(key, "it is computed, or set in the admin")
                if key in readable
                else f"is not a field of {label}"
            ),
        }
        for key in body
        if key not in writable
    ]
    return (label, invalid) if invalid else None


def _bad_id_lists(model, body, writable) -> list[dict]:
    """Many-to-many fields (``related_conditions``) are written as lists of page ids."""
    invalid = []
    for key in writable & set(body):
        field = next((f for f in model._meta.many_to_many if f.name == key), None)
        value = body[key]
        if field is None or value is None:
            continue
        if not isinstance(value, list) or not all(
            isinstance(item, int) and not isinstance(item, bool) for item in value
        ):
            invalid.append({"name": key, "reason": "must be a list of page ids (integers)"})
    return invalid


def strict_page_writes(view):
    """Refuse a page create or update that names a field it cannot write (422)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in WRITES and request.content_type == "application/json":
            try:
                body = json.loads(request.body or b"null")
            except ValueError:
                body = None  # ninja answers malformed JSON itself
            found = unwritable_fields(request.method, body, kwargs.get("page_id"))
            if found:
                _label, invalid = found
                reasons = "; ".join(f"{item['name']} {item['reason']}" for item in invalid)
                return problem_response(
                    status=422, detail=f"Nothing was written: {reasons}.", invalid_params=invalid
                )
        return view(request, *args, **kwargs)

    return wrapper
