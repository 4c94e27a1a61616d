
import pytest
from django.contrib.auth import get_user_model

from cms.pages.models import ConditionPage
from tests.cloning.conftest import bearer
from tests.factories import approve


def url(template_id):
    return f"/api/v3/condition-templates/{template_id}/actions/clone_condition/"


def payload(condition_index, **extra):
    return {
        "name": "Spinal Stenosis",
        "parent_id": condition_index.pk,
        "values": {"body_area": "lower back"},
        **extra,
    }


def post(client, path, data, headers):
    return client.post(path, data, content_type="application/json", **headers)


def test_marketer_clones_with_a_token(client, template, condition_index, marketer):
    response = post(client, url(template.pk), payload(condition_index), bearer(marketer))
    assert response.status_code == 201, response.content
    body = response.json()
    page = ConditionPage.objects.get(pk=body["id"])
    assert body == {
        "id": page.pk,
        "title": "Spinal Stenosis",
        "slug": "spinal-stenosis",
        "url_path": page.url_path,
        "live": False,
        "in_review": False,
        "template_id": template.pk,
        "unwritten_sections": [],
    }
    assert page.body[0].value["heading"] == "Relief for Spinal Stenosis"


def test_anonymous_gets_401(client, template, condition_index):
    response = post(client, url(template.pk), payload(condition_index), {})
    assert response.status_code == 401
    assert client.get("/api/v3/condition-templates/").status_code == 401


def test_a_session_does_not_count(admin_client, template, condition_index):
    response = post(admin_client, url(template.pk), payload(condition_index), {})
    assert response.status_code == 401


def test_without_permission_gets_403(client, template, condition_index):
    user = get_user_model().objects.create_user("reader", password="x")
    response = post(client, url(template.pk), payload(condition_index), bearer(user))
    assert response.status_code == 403
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()


def test_marketer_cannot_publish_without_review(client, template, condition_index, marketer):
    data = payload(condition_index, publish=True)
    response = post(client, url(template.pk), data, bearer(marketer))
    assert response.status_code == 403
    assert "submit it for medical review" in response.json()["detail"]
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()


def test_publishing_a_clone_is_refused_until_reviewed(client, template, condition_index, editor):
    editor.user_permissions.add(*_view_template_permission())
    data = payload(condition_index, publish=True)
    response = post(client, url(template.pk), data, bearer(editor))
    assert response.status_code == 403, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "never been medically reviewed" in response.json()["detail"]
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()


def test_a_clone_can_be_submitted_for_review(client, template, condition_index, marketer):
    data = payload(condition_index, submit_for_review=True)
    response = post(client, url(template.pk), data, bearer(marketer))
    assert response.status_code == 201, response.content
    assert response.json()["in_review"] is True
    assert response.json()["live"] is False


def _view_template_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="view_conditiontemplate")


@pytest.mark.parametrize(
    ("change", "status", "text"),
    [
        ({"values": {}}, 422, "Body area"),
        ({"values": {"body_area": "x", "colour": "red"}}, 422, "no placeholder"),
        ({"name": ""}, 422, ""),
        ({"parent_id": 999999}, 404, ""),
        ({"slug": "Not a slug!"}, 201, ""),
    ],
)
def test_bad_input_is_a_clear_4xx(
    client, template, condition_index, marketer, change, status, text
):
    data = {**payload(condition_index), **change}
    response = post(client, url(template.pk), data, bearer(marketer))
    assert response.status_code == status, response.content
    assert text in response.content.decode()


def test_unknown_template_is_404(client, condition_index, marketer):
    response = post(client, url(999999), payload(condition_index), bearer(marketer))
    assert response.status_code == 404


def test_list_templates(client, template, marketer, django_assert_max_num_queries):
    headers = bearer(marketer)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v3/condition-templates/", **headers)
    assert response.status_code == 200
    [listed] = response.json()
    assert listed["name"] == "Spine condition"
    assert [p["key"] for p in listed["placeholders"]] == [
        "condition",
        "condition_short",
        "body_area",
    ]


def test_v3_publish_action_applies_the_review_rule(client, template, condition_index, marketer):
    headers = bearer(marketer)
    created = post(client, url(template.pk), payload(condition_index), headers).json()
    publish = f"/api/v3/pages/{created['id']}/actions/publish/"
    response = post(client, publish, {}, headers)
    assert response.status_code == 403
    approve(ConditionPage.objects.get(pk=created["id"]))
    assert post(client, publish, {}, headers).status_code == 403  # marketers never publish
    assert not ConditionPage.objects.get(pk=created["id"]).live


def test_templates_are_absent_from_the_public_site_and_apis(client, template, condition_index):
    for path in ("/api/v3/pages/", "/api/v2/pages/", "/conditions/", "/api/v3/openapi.json"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"Spine condition" not in response.content, path
        assert b"{{ condition }}" not in response.content, path
    assert client.get("/api/v3/pages/?search=Spine").json().get("items", []) == []
