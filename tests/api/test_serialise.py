"""Page JSON is built once, without pydantic at request time, and is exactly what the declared
schema makes of the page; tests and development check every response against that schema."""

import json
import re
from datetime import date, datetime
from types import SimpleNamespace
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.test import RequestFactory
from ninja import Field, Schema
from wagtail.api.v3.urls import api
from wagtail.models import Page

from cms.api.serialise import (
    ResponseContractError,
    check_contract,
    find_operation,
    serialiser,
)
from cms.blocks import section_registry
from cms.edge.scope import request_scope
from cms.pages.models import ConditionPage
from tests.api.test_query_counts import copies
from tests.factories import publish_approved

#: Signed per request: differs between any two renders.
FORM_TOKEN = re.compile(rb'"form_token": ?"[^"]*"')


def render(value) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder).encode()


def validated_by_ninja(url_name, page, url) -> bytes:
    """What django-ninja answers for ``page``: the result validated through the route's schema."""
    operation = find_operation(api, url_name)
    request = RequestFactory().get(url)
    request.user = AnonymousUser()
    # ``api._routers`` holds the operations as declared; ninja serves bound copies of them.
    with request_scope(), mock.patch.object(operation, "api", api):
        response = operation._result_to_response(
            request, page, api.create_temporal_response(request)
        )
    return response.content


@pytest.fixture
def page_with_every_section(condition_index, make_linked_page):
    page = make_linked_page(sections=6)
    body = list(page.body.raw_data)
    for section in section_registry.sections_for(ConditionPage._meta.label_lower):
        body += copies(section.block, 1, condition_index)
    page.body = body
    publish_approved(page)
    return Page.objects.get(pk=page.pk).specific


def test_detail_is_byte_for_byte_what_the_schema_makes_of_the_page(client, page_with_every_section):
    url = f"/api/v3/pages/{page_with_every_section.pk}/"

    served = client.get(url)

    assert served.status_code == 200
    expected = validated_by_ninja("detail_page", page_with_every_section, url)
    assert FORM_TOKEN.sub(b"", served.content) == FORM_TOKEN.sub(b"", expected)
    every_section = {section.name for section in section_registry}
    assert {s["type"] for s in served.json()["body"]} >= every_section


def test_production_serves_pages_without_validating_them(client, page_with_every_section, settings):
    settings.API_CHECK_RESPONSES = False
    operation = find_operation(api, "detail_page")
    refuse = mock.Mock(side_effect=AssertionError("validated per request"))

    with (
        mock.patch.object(operation.response_models[200], "model_validate", refuse),
        mock.patch("cms.api.serialise.check_contract", refuse),
    ):
        response = client.get(f"/api/v3/pages/{page_with_every_section.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == page_with_every_section.pk
    refuse.assert_not_called()


def test_the_openapi_document_still_types_the_detail(client):
    document = client.get("/api/v3/openapi.json").json()
    detail = document["paths"]["/api/v3/pages/{page_id}/"]["get"]
    schema = detail["responses"]["200"]["content"]["application/json"]["schema"]
    assert "ConditionPageSchema" in json.dumps(schema)


# -- the serialiser against pydantic, on plain objects -----------------------------------------


class Crumb(Schema):
    id: int
    title: str


class Meta(Schema):
    type: str
    warnings: list[str] | None = Field(None, exclude_if=lambda v: not v)
    parent: Crumb | None = None

    @staticmethod
    def resolve_type(obj, context):
        return f"{obj.kind}:{context['request']}"


class Item(Schema):
    id: int
    title: str
    meta: Meta
    crumbs: list[Crumb]
    published: datetime | None
    reviewed: date | None = None
    data: dict

    @staticmethod
    def resolve_meta(obj):
        return obj


def item(**changes):
    values = {
        "id": 7,
        "title": "Sciatica",
        "kind": "condition",
        "parent": SimpleNamespace(id=1, title="Home"),
        "crumbs": [SimpleNamespace(id=1, title="Home"), {"id": 2, "title": "Conditions"}],
        "published": datetime(2026, 1, 2, 3, 4, 5),
        "reviewed": date(2026, 1, 1),
        "data": {"b": [1, 2], "a": None},
    }
    return SimpleNamespace(**{**values, **changes})


@pytest.mark.parametrize(
    "obj",
    [
        item(),
        item(parent=None, crumbs=[], published=None),
        item(warnings=["removed a link"]),
        SimpleNamespace(**{k: v for k, v in vars(item()).items() if k != "reviewed"}),
    ],
    ids=["full", "empty", "warnings", "default"],
)
def test_the_serialiser_dumps_what_pydantic_dumps(obj):
    context = {"request": "r"}

    plain = serialiser.serialise(Item, obj, context)

    assert render(plain) == render(Item.model_validate(obj, context=context).model_dump())


def test_a_response_its_schema_would_change_is_refused():
    class Reading(Schema):
        value: float

        @staticmethod
        def resolve_value(obj):
            return 3  # pydantic would serve 3.0

    data = serialiser.serialise(Reading, object(), {})

    with pytest.raises(ResponseContractError):
        check_contract(Reading, data, render)


def test_a_response_missing_a_field_is_refused():
    data = serialiser.serialise(Crumb, SimpleNamespace(id=1, title="Home"), {})
    del data["title"]

    with pytest.raises(ValueError, match="title"):
        check_contract(Crumb, data, render)
