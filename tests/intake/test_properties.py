"""Property tests: any JSON body gives a 201 or a documented 4xx, and nothing is stored on a 4xx."""

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cms.intake.models import IntakeSubmission
from cms.intake.protection import issue_form_token

from .factories import SPINE_ROWS, build_form

URL = "/api/v3/intake/forms/spine/submissions/"
DOCUMENTED_4XX = {400, 404, 413, 415, 422, 429}
PROPERTY = hypothesis_settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def spine(db, settings):
    settings.INTAKE_RATE_LIMIT = (10**6, 3600)  # many examples from one client
    return build_form(SPINE_ROWS, title="Spine intake", slug="spine")


def post(client, body):
    # ensure_ascii keeps lone surrogates as JSON escapes, as a hostile client would send them.
    return client.post(URL, json.dumps(body), content_type="application/json")


def check(response, stored_before):
    stored_after = IntakeSubmission.objects.count()
    if response.status_code == 201:
        assert stored_after <= stored_before + 1
        return
    assert response.status_code in DOCUMENTED_4XX, (response.status_code, response.content)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]
    assert stored_after == stored_before


@PROPERTY
@given(body=json_values)
def test_any_json_body(client, spine, body):
    before = IntakeSubmission.objects.count()
    check(post(client, body), before)


field_names = st.sampled_from(
    [
        "where_is_the_pain",
        "how_long",
        "pain_score",
        "prior_back_surgery",
        "symptom_list",
        "numbness_where",
        "sleep_hours",
        "name",
        "email",
        "phone",
        "i_agree",
        "unknown",
    ]
)


@PROPERTY
@given(answers=st.dictionaries(field_names, json_values, max_size=12), page=json_values)
def test_any_answers_with_a_valid_token(client, spine, answers, page):
    body = {"answers": answers, "form_token": issue_form_token("spine"), "page": page}
    before = IntakeSubmission.objects.count()
    response = post(client, body)
    check(response, before)
    if response.status_code == 422:
        problem = response.json()
        assert problem["errors"], problem
        assert all(error["msg"] for error in problem["errors"])
