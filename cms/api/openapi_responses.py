"""Makes the OpenAPI document list every error answer each operation can give.

Wagtail's v3 operations, and ours, declare their success responses and a few errors. Any of them
can also answer with problem details (``application/problem+json``, RFC 9457):

- ``400`` hostile query strings or paths, refused before any view (:mod:`cms.edge`);
- ``401`` a presented bearer token that is not valid (:mod:`cms.api.tokens`), or none where one
  is required;
- ``403`` a valid token without the permission;
- ``404`` nothing at that path (an unknown id, page path, form or schema type);
- ``422`` a parameter or body that does not validate, or nests JSON too deeply;
- ``429`` too many requests;
- ``503`` the database or another service is unavailable.

:func:`install` wraps the API's ``get_openapi_schema`` so the document served at
``/api/v3/openapi.json`` (and the cache's representation version) gets these added.
"""

import functools

from cms.edge.problems import PROBLEM_JSON

PROBLEM_SCHEMA_NAME = "Problem"
PROBLEM_REF = {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA_NAME}"}
PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "Problem details (RFC 9457).",
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "description": "Each refused request parameter, and why.",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "errors": {"type": "array", "items": {"type": "object"}},
        "field_errors": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
ERROR_RESPONSES = {
    "400": "The query string or path cannot be processed.",
    "401": "The bearer token is not valid, or a token is required.",
    "403": "The token's user lacks the permission.",
    "404": "Not found.",
    "422": "A parameter or the body does not validate.",
    "429": "Too many requests.",
    "503": "Temporarily unavailable.",
}
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def add_error_responses(document: dict) -> dict:
    """``document`` with a problem-details answer for each status in :data:`ERROR_RESPONSES`
    on every operation, and ``application/problem+json`` beside any error's other types."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas[PROBLEM_SCHEMA_NAME] = PROBLEM_SCHEMA
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["schema"].get("const") == "":
                    # An empty choice (no snippet type is exposed): no value can match.
                    parameter["schema"] = {
                        "type": "string",
                        "minLength": 1,
                        "description": "No value is exposed in this API; every one is refused.",
                    }
            # Ninja keys responses by int; JSON (and sorted dumps) need one kind of key.
            responses = {str(status): r for status, r in operation.get("responses", {}).items()}
            operation["responses"] = responses
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                if status[0] in "45":
                    response.setdefault("content", {}).setdefault(
                        PROBLEM_JSON, {"schema": PROBLEM_REF}
                    )
    return document


def install(api) -> None:
    """Post-process every OpenAPI document ``api`` (a ``NinjaAPI``) generates."""
    generate = api.get_openapi_schema

    @functools.wraps(generate)
    def get_openapi_schema(*args, **kwargs):
        return add_error_responses(generate(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
