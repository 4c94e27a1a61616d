"""API v3 writes apply in full or answer 422 naming what they could not write."""

import json

import pytest
from wagtail.models import APIToken

from cms.pages.models import ConditionPage
from tests.factories import ConditionPageFactory


@pytest.fixture
def headers(superuser):
    _token, plaintext = APIToken.create_token(user=superuser, name="own")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def page(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")


def patch(client, page, headers, **fields):
    data = {"meta": {"type": "pages.ConditionPage"}, **fields}
    return client.patch(
        f"/api/v3/pages/{page.pk}/", json.dumps(data), content_type="application/json", **headers
    )


def draft(page):
    return ConditionPage.objects.get(pk=page.pk).get_latest_revision_as_object()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Sciatica, revised"),
        ("condition_name", "Sciatica (lumbar radiculopathy)"),
        ("also_known_as", "Lumbar radiculopathy\nNerve root pain"),
        ("short_summary", "Leg pain from an irritated nerve root."),
        ("body_area", "lower back"),
        ("seo_title", "Sciatica: causes and care"),
        ("search_description", "What sciatica is."),
    ],
)
def test_every_form_field_is_written(client, page, headers, field, value):
    response = patch(client, page, headers, **{field: value})
    assert response.status_code == 200, response.content
    assert getattr(draft(page), field) == value


def test_related_conditions_are_written_as_page_ids(client, page, headers, condition_index):
    other = ConditionPageFactory(parent=condition_index, title="Stenosis")
    response = patch(client, page, headers, related_conditions=[other.pk])
    assert response.status_code == 200, response.content
    assert [p.pk for p in draft(page).related_conditions.all()] == [other.pk]


@pytest.mark.parametrize(
    ("fields", "name", "reason"),
    [
        ({"nonsense": 1}, "nonsense", "is not a field of pages.ConditionPage"),
        ({"review": {"status": "reviewed"}}, "review", "is read-only through the API"),
        ({"jsonld": {}}, "jsonld", "is read-only through the API"),
        ({"related_conditions": [{"id": 1}]}, "related_conditions", "must be a list of page ids"),
    ],
)
def test_an_unwritable_field_is_a_422_and_nothing_is_written(
    client, page, headers, fields, name, reason
):
    before = page.get_latest_revision()
    response = patch(client, page, headers, short_summary="Changed", **fields)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    [problem] = response.json()["invalid_params"]
    assert problem["name"] == name and problem["reason"].startswith(reason)
    assert ConditionPage.objects.get(pk=page.pk).get_latest_revision() == before
    assert draft(page).short_summary != "Changed"


def test_create_refuses_unknown_fields_too(client, condition_index, headers):
    data = {
        "meta": {"type": "pages.ConditionPage", "parent_id": condition_index.pk},
        "title": "Stenosis",
        "slug": "stenosis",
        "condition_name": "Stenosis",
        "short_summary": "Narrowing.",
        "reviewer_name": "Dr. Anyone",
    }
    response = client.post(
        "/api/v3/pages/", json.dumps(data), content_type="application/json", **headers
    )
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "reviewer_name"
    assert not ConditionPage.objects.filter(slug="stenosis").exists()
