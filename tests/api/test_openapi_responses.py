"""The OpenAPI document lists every error answer, as problem details, on every operation."""

import pytest

from cms.api.openapi_responses import ERROR_RESPONSES, METHODS


@pytest.fixture
def operations(client, db):
    document = client.get("/api/v3/openapi.json").json()
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_every_operation_lists_every_error_as_problem_json(operations):
    assert len(operations) > 50  # Wagtail's own routes and ours
    for name, operation in operations:
        for status in ERROR_RESPONSES:
            content = operation["responses"][status]["content"]
            assert "application/problem+json" in content, (name, status)


def test_intake_post_lists_problem_json_for_its_own_errors(operations):
    [operation] = [op for name, op in operations if name.endswith("/submissions/")]
    for status in ("413", "415", "422"):
        assert "application/problem+json" in operation["responses"][status]["content"]


def test_no_path_parameter_is_impossible_to_send(operations):
    for name, operation in operations:
        for parameter in operation.get("parameters", []):
            assert parameter["schema"].get("const") != "", name


def test_documented_error_matches_what_the_edge_sends(client, site):
    response = client.get("/api/v3/pages/?search=%00")
    body = response.json()
    assert set(body) <= {"type", "title", "status", "detail", "invalid_params"}
    assert {"name", "reason"} == set(body["invalid_params"][0])
