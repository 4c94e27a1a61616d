"""Approving the "Medical review" task of a page that a publish check refuses."""

import pytest
from django.contrib.auth import get_user_model
from wagtail import hooks

from cms.pages.publishing import PUBLISH_CHECKS_HOOK
from tests.factories import ConditionPageFactory, ReviewerFactory


@pytest.fixture
def moderated_page(condition_index):
    editor = get_user_model().objects.create_user("writer", "writer@example.com", "password")
    page = ConditionPageFactory(parent=condition_index, title="Sciatica", live=False)
    page.save_revision(user=editor)
    condition_index.get_workflow().start(page, editor)
    return page


@pytest.fixture
def reviewer_client(client, db):
    client.force_login(ReviewerFactory())
    return client


def _refuse_sciatica(page):
    return ["The sciatica page is not ready."] if page.title == "Sciatica" else []


def test_a_refused_publish_on_approval_is_a_message_and_leaves_the_task_open(
    reviewer_client, moderated_page
):
    state = moderated_page.current_workflow_state
    task_state = state.current_task_state
    url = f"/admin/pages/workflow/action/{moderated_page.pk}/approve/{task_state.pk}/"
    edit_url = f"/admin/pages/{moderated_page.pk}/edit/"

    with hooks.register_temporarily(PUBLISH_CHECKS_HOOK, _refuse_sciatica):
        response = reviewer_client.post(url, HTTP_REFERER=f"http://testserver{edit_url}")

    assert response.status_code == 302
    assert response["Location"].endswith(edit_url)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Not published. The sciatica page is not ready."]
    # The approval rolled back with the refused publish: the page claims no review.
    assert not moderated_page.medical_approvals.exists()
    moderated_page.refresh_from_db()
    assert not moderated_page.live
    task_state.refresh_from_db()
    state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert state.status == state.STATUS_IN_PROGRESS


def test_the_modal_gets_the_json_it_expects(reviewer_client, moderated_page):
    task_state = moderated_page.current_workflow_state.current_task_state
    url = f"/admin/pages/workflow/action/{moderated_page.pk}/approve/{task_state.pk}/"

    with hooks.register_temporarily(PUBLISH_CHECKS_HOOK, _refuse_sciatica):
        response = reviewer_client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 200
    assert response.json()["step"] == "success"


def test_approval_publishes_when_no_check_objects(reviewer_client, moderated_page):
    task_state = moderated_page.current_workflow_state.current_task_state
    url = f"/admin/pages/workflow/action/{moderated_page.pk}/approve/{task_state.pk}/"

    response = reviewer_client.post(url)

    assert response.status_code == 302
    moderated_page.refresh_from_db()
    assert moderated_page.live
