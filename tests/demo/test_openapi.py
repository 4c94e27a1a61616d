"""The demo pages, read through the API, validate against the published OpenAPI document."""

from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from cms.demo.loader import load_demo
from tests.api.test_openapi import response_schema, validator_for


@pytest.fixture
def openapi(client, db):
    return client.get("/api/v3/openapi.json").json()


def test_every_demo_page_validates_against_the_document(client, openapi):
    load_demo(log=lambda message: None)
    detail = validator_for(openapi, response_schema(openapi, "/api/v3/pages/{page_id}/"))
    find = validator_for(openapi, response_schema(openapi, "/api/v3/pages/find/"))
    pages = Page.objects.live().public().filter(depth__gt=1)
    assert pages.count() >= 3

    for page in pages:
        data = client.get(f"/api/v3/pages/{page.pk}/").json()
        detail.validate(data)
        path = urlsplit(data["meta"]["html_url"]).path
        find.validate(client.get("/api/v3/pages/find/", {"html_path": path}).json())

    fbss = client.get(
        "/api/v3/pages/find/", {"html_path": "/conditions/failed-back-surgery-syndrome/"}
    ).json()
    assert {s["type"] for s in fbss["body"]} >= {"hero", "symptom_list", "treatment_tiers"}
