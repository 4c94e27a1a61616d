"""Hostile input is refused at the edge with a 4xx that names the parameter, never a 5xx."""

import json

import pytest

from cms.edge.inspection import json_depth, query_problems, text_problem

HUGE = "99999999999999999999"

API_QUERIES = [
    # NUL in search
    ("/api/v2/pages/?search=a%00b", "search"),
    ("/api/v3/pages/?search=a%00b", "search"),
    ("/api/v3/images/?search=%00", "search"),
    ("/api/v3/documents/?search=%00", "search"),
    # form feed in search
    ("/api/v3/documents/?search=%0C", "search"),
    # integers past 64 bits
    (f"/api/v2/pages/?offset={HUGE}", "offset"),
    (f"/api/v2/images/?offset={HUGE}", "offset"),
    (f"/api/v2/documents/?offset={HUGE}", "offset"),
    (f"/api/v3/pages/?offset={HUGE}", "offset"),
    (f"/api/v3/images/?offset={HUGE}", "offset"),
    (f"/api/v3/documents/?offset={HUGE}", "offset"),
    (f"/api/v3/redirects/?offset={HUGE}", "offset"),
    (f"/api/v3/pages/?limit=-{HUGE}", "limit"),
    # NUL in html_path on both find endpoints
    ("/api/v3/pages/find/?html_path=/a%00", "html_path"),
    ("/api/v2/pages/find/?html_path=/a%00", "html_path"),
    # text that is not valid UTF-8
    ("/api/v3/pages/?search=%FF%FE", "search"),
    ("/api/v3/pages/?search=%ED%A0%80", "search"),  # an encoded lone surrogate
    ("/api/v3/pages/?search=%7F", "search"),
]


@pytest.mark.parametrize(("url", "param"), API_QUERIES)
def test_hostile_query_on_the_api_is_a_400_naming_the_parameter(client, site, url, param):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert body["type"] == "about:blank"
    assert body["title"] == "Bad Request"
    assert body["detail"]
    assert [p["name"] for p in body["invalid_params"]] == [param]
    assert body["invalid_params"][0]["reason"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/intake/forms/sp%00ine/",
        "/api/v3/intake/forms/%00/submissions/",
        "/api/v3/pages/%00/",
        f"/api/v3/pages/{HUGE}/",
        f"/api/v3/images/{HUGE}/",
        "/api/v3/pages/%0C/",
    ],
)
def test_hostile_path_on_the_api_is_a_400(client, site, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "path"


def test_path_that_is_not_utf8_is_a_400(client, site):
    # The test client re-encodes paths; a server hands WSGI the raw bytes as latin-1.
    response = client.get("/api/v3/pages/x/", PATH_INFO="/api/v3/pages/\xff/")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "path"


@pytest.mark.parametrize(
    "url",
    [
        "/?q=%00",
        "/search/?query=%00",
        f"/search/?page={HUGE}",
        "/intake/sp%00ine/",
        "/intake/spine/?page=%00",
        "/conditions%00/",
    ],
)
def test_hostile_input_on_the_html_site_is_a_plain_400(client, site, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"Bad request" in response.content


def nested(kind, depth):
    opening, closing = ("[", "]") if kind == "list" else ('{"a":', "}")
    return opening * depth + "1" + closing * depth


@pytest.mark.parametrize(
    "body",
    [
        nested("list", 30_000),
        nested("object", 10_000),
        '{"answers": {"name": ' + nested("list", 33) + "}}",
    ],
    ids=["30000-lists", "10000-objects", "33-levels"],
)
def test_deep_json_body_is_a_422(client, db, body):
    response = client.post(
        "/api/v3/intake/forms/spine/submissions/", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "body"


def test_body_that_is_not_utf8_is_a_422(client, db):
    response = client.post(
        "/api/v3/intake/forms/spine/submissions/", b'{"a": "\xff"}', content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["invalid_params"] == [
        {"name": "body", "reason": "The body is not valid UTF-8."}
    ]


def test_json_at_the_depth_limit_passes_the_edge(client, db):
    body = {"answers": json.loads(nested("list", 30))}
    response = client.post(
        "/api/v3/intake/forms/nope/submissions/", body, content_type="application/json"
    )
    assert response.status_code == 404  # the view saw it


def test_ordinary_queries_pass(client, site):
    response = client.get("/api/v3/pages/?search=back%20pain&offset=0&limit=5")
    assert response.status_code == 200
    assert client.get(f"/api/v3/pages/?offset={2**63 - 1}").status_code == 200


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("9223372036854775807", False),
        ("-9223372036854775808", False),
        ("9223372036854775808", True),
        ("-9223372036854775809", True),
        ("00000000000000000000001", False),
        ("1_000_000_000_000_000_000_000", True),
        ("١" * 25, True),  # int() reads Arabic-Indic digits too
        ("tab\there", True),
        ("new\nline", True),
        ("café", False),
        ("", False),
    ],
)
def test_text_problem(text, refused):
    assert (text_problem(text) is not None) is refused


def test_query_problems_name_each_parameter():
    problems = query_problems(b"a=%00&b=ok&c%00=1&d=%FF")
    assert [name for name, _ in problems] == ["a", "c\N{REPLACEMENT CHARACTER}", "d"]


def test_json_depth_ignores_brackets_in_strings():
    assert json_depth(b'{"a": "[[[[{{{{", "b": [1, [2]]}') == 3
    assert json_depth(b'["\\"[[["]') == 1
