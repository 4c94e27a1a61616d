"""Approving the last workflow task of a page that a publish check refuses."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail import hooks
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.pages.publishing import PUBLISH_CHECKS_HOOK
from tests.factories import ConditionPageFactory


@pytest.fixture
def moderated_page(condition_index):
    editor = get_user_model().objects.create_user("writer", "writer@example.com", "password")
    workflow = Workflow.objects.create(name="Medical sign-off")
    task = GroupApprovalTask.objects.create(name="Clinician approval")
    task.groups.set([Group.objects.get(name="Editors")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=condition_index)

    page = ConditionPageFactory(parent=condition_index, title="Sciatica", live=False)
    # Submitted by a writer: a moderator's own submission would be approved on the spot.
    page.save_revision(user=editor)
    workflow.start(page, editor)
    return page


def _refuse_sciatica(page):
    return ["The sciatica page is not ready."] if page.title == "Sciatica" else []


def test_a_refused_publish_on_approval_is_a_message_and_leaves_the_task_open(
    admin_client, moderated_page
):
    state = moderated_page.current_workflow_state
    task_state = state.current_task_state
    url = f"/admin/pages/workflow/action/{moderated_page.pk}/approve/{task_state.pk}/"
    edit_url = f"/admin/pages/{moderated_page.pk}/edit/"

    with hooks.register_temporarily(PUBLISH_CHECKS_HOOK, _refuse_sciatica):
        response = admin_client.post(url, HTTP_REFERER=f"http://testserver{edit_url}")

    assert response.status_code == 302
    assert response["Location"].endswith(edit_url)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Not published. The sciatica page is not ready."]
    moderated_page.refresh_from_db()
    assert not moderated_page.live
    task_state.refresh_from_db()
    state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert state.status == state.STATUS_IN_PROGRESS


def test_the_modal_gets_the_json_it_expects(admin_client, moderated_page):
    task_state = moderated_page.current_workflow_state.current_task_state
    url = f"/admin/pages/workflow/action/{moderated_page.pk}/approve/{task_state.pk}/"

    with hooks.register_temporarily(PUBLISH_CHECKS_HOOK, _refuse_sciatica):
        response = admin_client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 200
    assert response.json()["step"] == "success"


def test_approval_publishes_when_no_check_objects(admin_client, moderated_page):
    task_state = moderated_page.current_workflow_state.current_task_state
    url = f"/admin/pages/workflow/action/{moderated_page.pk}/approve/{task_state.pk}/"

    response = admin_client.post(url)

    assert response.status_code == 302
    moderated_page.refresh_from_db()
    assert moderated_page.live
