"""Medical review: approvals recorded by the workflow, the rule on every way of publishing, a
superuser's audited override, and public claims that come only from real approvals."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import APIToken, PageLogEntry

from cms.pages.models import ConditionPage
from cms.pages.publishing import MedicalReviewRequired
from cms.pages.review import MedicalApproval, ReviewOverride
from cms.pages.reviewing import PUBLISHED_WITHOUT_REVIEW
from tests.factories import ConditionPageFactory, ReviewerFactory, approve
from tests.form_data import edit_form_data


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(
        username="avery", profile__display_name="Dr. Avery", profile__credentials="MD"
    )


@pytest.fixture
def page(condition_index):
    """A live page whose clinical content a reviewer approved."""
    page = ConditionPageFactory(
        parent=condition_index,
        title="Sciatica",
        slug="sciatica",
        body__0="hero",
        body__1="symptom_list",
        body__2="call_to_action",
    )
    approve(page, ReviewerFactory(username="first", profile__display_name="Dr. First"))
    return ConditionPage.objects.get(pk=page.pk)


def latest(page):
    return ConditionPage.objects.get(pk=page.pk)


def user_in(group, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.com", "password")
    user.groups.add(Group.objects.get(name=group))
    return user


def token_for(user):
    _token, plaintext = APIToken.create_token(user=user, name="own")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def raw(page):
    return json.dumps(list(page.body.raw_data))


def with_symptom(page, text="Foot drop"):
    """``page`` (its latest version) with a symptom changed: a clinical change."""
    draft = page.get_latest_revision_as_object()
    body = draft.body.raw_data
    for child in body:
        if child["type"] == "symptom_list":
            child["value"]["groups"][0]["value"]["items"][0] = text
    draft.body = list(body)
    return draft


def with_cta_label(page, label="Book a visit"):
    draft = page.get_latest_revision_as_object()
    body = draft.body.raw_data
    for child in body:
        if child["type"] == "call_to_action":
            child["value"]["link"]["label"] = label
    draft.body = list(body)
    return draft


# -- approving ---------------------------------------------------------------------------------


def approve_in_admin(client, page):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": "Checked against the guideline."})


def test_a_reviewers_approval_is_recorded_and_publishes(client, page, reviewer):
    editor = user_in("Editors", "ed")
    draft = with_symptom(page)
    draft.save_revision(user=editor)
    page.get_workflow().start(page, user=editor)
    client.force_login(reviewer)

    approve_in_admin(client, latest(page))

    page = latest(page)
    assert page.live and "Foot drop" in raw(page)
    approval = page.medical_approvals.first()
    assert (approval.reviewer, approval.reviewer_name, approval.reviewer_credentials) == (
        reviewer,
        "Dr. Avery",
        "MD",
    )
    assert approval.comment == "Checked against the guideline."
    assert page.review.status == "reviewed" and page.review.reviewer_name == "Dr. Avery"
    html = client.get(page.url).content.decode()
    assert "Medically reviewed by Dr. Avery, MD on" in html


def test_approval_without_a_reviewer_profile_is_refused(client, page):
    member = user_in("Medical reviewers", "noprofile")
    latest(page).get_workflow().start(page, user=user_in("Editors", "ed"))
    page = latest(page)
    task = page.current_workflow_state.current_task_state.task.specific
    assert [name for name, _label, _modal in task.get_actions(page, member)] == ["reject"]
    client.force_login(member)

    approve_in_admin(client, page)

    assert latest(page).current_workflow_state.status == "in_progress"
    assert page.medical_approvals.count() == 1  # only the fixture's


def test_superusers_do_not_approve_unless_they_are_reviewers(page, superuser):
    page.get_workflow().start(page, user=superuser)
    task = latest(page).current_workflow_state.current_task_state.task.specific
    assert task.get_actions(page, superuser) == []


# -- the rule: clinical changes need a new approval; others keep the review ----------------------


def test_an_editor_publishes_a_non_clinical_change_and_keeps_the_review(client, page):
    editor = user_in("Editors", "ed")
    client.force_login(editor)
    draft = with_cta_label(page)
    data = edit_form_data(client, draft)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"}
    )
    assert response.status_code == 302
    page = latest(page)
    assert "Book a visit" in raw(page)
    assert page.review.status == "reviewed" and page.review.reviewer_name == "Dr. First"


def test_an_editor_cannot_publish_a_clinical_change(client, page):
    client.force_login(user_in("Editors", "ed"))
    draft = with_symptom(page)
    data = edit_form_data(client, draft)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"}
    )
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Medical review needed: the “Symptom list” section changed" in m for m in messages)
    page = latest(page)
    assert "Foot drop" not in raw(page)
    assert "Foot drop" in raw(page.get_latest_revision_as_object())


def test_a_refused_publish_says_why_once(client, page):
    client.force_login(user_in("Editors", "ed"))
    data = edit_form_data(client, with_symptom(page))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**data, "action-publish": "1"},
        follow=True,
    )
    said = [str(m) for m in response.context["messages"]]
    assert len([m for m in said if "Medical review needed" in m]) == 1, said
    assert said[0].startswith("Not published. Medical review needed")


@pytest.mark.parametrize("field", ["title", "condition_name", "short_summary", "body_area"])
def test_every_clinical_field_needs_a_new_approval(page, field):
    page.get_latest_revision_as_object()
    draft = page.get_latest_revision_as_object()
    setattr(draft, field, "Changed")
    revision = draft.save_revision()
    with pytest.raises(MedicalReviewRequired):
        revision.publish()


def test_seo_fields_are_not_clinical(page):
    draft = page.get_latest_revision_as_object()
    draft.seo_title = "Sciatica: a guide"
    draft.save_revision().publish()
    assert latest(page).review.status == "reviewed"


# -- every way of publishing ---------------------------------------------------------------------


def test_bulk_publish_skips_a_clinical_change(admin_client, page):
    with_symptom(page).save_revision()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    admin_client.post(f"{url}?id={page.pk}", {"next": "/admin/"})
    assert "Foot drop" not in raw(latest(page))


def test_scheduled_publishing_skips_a_clinical_change(page):
    import datetime

    from django.utils import timezone

    with_symptom(page).save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    err = StringIO()
    call_command("publish_scheduled", stdout=StringIO(), stderr=err)
    assert "Medical review needed" in err.getvalue()
    assert "Foot drop" not in raw(latest(page))


def api(client, method, url, headers, data=None):
    return getattr(client, method)(
        url, json.dumps(data or {}), content_type="application/json", **headers
    )


def test_api_create_with_publish_is_refused(client, condition_index, superuser):
    data = {
        "meta": {
            "type": "pages.ConditionPage",
            "parent_id": condition_index.pk,
            "action": "publish",
        },
        "title": "Stenosis",
        "slug": "stenosis",
        "condition_name": "Stenosis",
        "short_summary": "Narrowing.",
    }
    response = api(client, "post", "/api/v3/pages/", token_for(superuser), data)
    assert response.status_code == 403, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "never been medically reviewed" in response.json()["detail"]
    assert not ConditionPage.objects.filter(slug="stenosis", live=True).exists()


def test_api_patch_with_publish_of_a_clinical_change_is_refused(client, page, superuser):
    data = {"meta": {"type": "pages.ConditionPage", "action": "publish"}, "title": "Renamed"}
    response = api(client, "patch", f"/api/v3/pages/{page.pk}/", token_for(superuser), data)
    assert response.status_code == 403
    assert "title changed since Dr. First approved it" in response.json()["detail"]
    assert latest(page).title == "Sciatica"


def test_api_patch_with_publish_of_a_non_clinical_change_publishes(client, page, superuser):
    data = {"meta": {"type": "pages.ConditionPage", "action": "publish"}, "seo_title": "S"}
    response = api(client, "patch", f"/api/v3/pages/{page.pk}/", token_for(superuser), data)
    assert response.status_code == 200, response.content
    assert latest(page).seo_title == "S"
    assert response.json()["review"]["status"] == "reviewed"


def test_api_publish_action_is_refused_for_a_clinical_draft(client, page, superuser):
    with_symptom(page).save_revision()
    url = f"/api/v3/pages/{page.pk}/actions/publish/"
    response = api(client, "post", url, token_for(superuser))
    assert response.status_code == 403
    assert response.json()["reasons"][0].startswith("Medical review needed")


def test_api_copy_keeping_it_live_is_refused(client, page, superuser):
    url = f"/api/v3/pages/{page.pk}/actions/copy/"
    response = api(client, "post", url, token_for(superuser), {"slug": "copy", "keep_live": True})
    assert response.status_code == 403
    assert "no medical review of its own" in response.json()["detail"]
    response = api(client, "post", url, token_for(superuser), {"slug": "copy", "keep_live": False})
    assert response.status_code == 201
    assert not ConditionPage.objects.get(slug="copy").live


def test_admin_copy_with_publish_is_refused(admin_client, page):
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    data = {"new_title": "Copy", "new_slug": "copy", "new_parent_page": page.get_parent().pk}
    response = admin_client.post(url, {**data, "publish_copies": "on"})
    assert response.status_code == 302
    assert not ConditionPage.objects.filter(slug="copy").exists()


def test_api_revert_to_an_unapproved_revision_does_not_go_live(client, page, superuser):
    unapproved = with_symptom(page).save_revision()
    url = f"/api/v3/pages/{page.pk}/actions/revert/"
    response = api(client, "post", url, token_for(superuser), {"revision_id": unapproved.pk})
    assert response.status_code == 200
    publish = api(client, "post", f"/api/v3/pages/{page.pk}/actions/publish/", token_for(superuser))
    assert publish.status_code == 403
    assert "Foot drop" not in raw(latest(page))


# -- a superuser's explicit, audited choice ------------------------------------------------------


def test_a_superuser_may_publish_without_review_only_explicitly(admin_client, page, superuser):
    draft = with_symptom(page)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(admin_client, draft)

    admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert "Foot drop" not in raw(latest(page))
    assert "Publish without medical review" in admin_client.get(url).content.decode()

    admin_client.post(url, {**data, "action-publish": "Publish without medical review"})

    page = latest(page)
    assert "Foot drop" in raw(page)
    override = ReviewOverride.objects.get(page=page)
    assert override.user == superuser and "Symptom list" in override.changes
    entry = PageLogEntry.objects.get(page=page, action=PUBLISHED_WITHOUT_REVIEW)
    assert entry.user == superuser
    # The page does not claim a review it did not get.
    assert page.review.status == "pending"
    html = admin_client.get(page.url).content.decode()
    assert "Medically reviewed by" not in html


def test_others_cannot_use_the_override(client, page):
    client.force_login(user_in("Editors", "ed"))
    draft = with_symptom(page)
    data = edit_form_data(client, draft)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(url, {**data, "action-publish": "Publish without medical review"})
    assert "Foot drop" not in raw(latest(page))
    assert not ReviewOverride.objects.exists()


# -- what the public is told ---------------------------------------------------------------------


def test_the_api_review_object_tells_the_truth(client, condition_index, page):
    never = ConditionPageFactory(parent=condition_index, title="Never")
    never.save_revision()
    reviewed = client.get(f"/api/v3/pages/{page.pk}/").json()["review"]
    approved_on = page.medical_approvals.first().approved_at.date()
    assert reviewed == {
        "status": "reviewed",
        "reviewer_name": "Dr. First",
        "reviewer_credentials": "MD, spine surgery",
        "last_reviewed": approved_on.isoformat(),
        "next_review_due": approved_on.replace(year=approved_on.year + 1).isoformat(),
    }
    assert client.get(f"/api/v3/pages/{never.pk}/").json()["review"] == {
        "status": "never",
        "reviewer_name": None,
        "reviewer_credentials": None,
        "last_reviewed": None,
        "next_review_due": None,
    }
    never.get_workflow().start(never, user=None)
    assert latest(never).review.status == "pending"


def test_review_fields_are_not_writable(client, page, superuser):
    data = {"meta": {"type": "pages.ConditionPage"}, "review": {"status": "reviewed"}}
    response = api(client, "patch", f"/api/v3/pages/{page.pk}/", token_for(superuser), data)
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "review"
    assert MedicalApproval.objects.filter(page=page).count() == 1


# -- the admin ---------------------------------------------------------------------------------


def test_the_edit_form_shows_the_review_read_only(admin_client, page):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "approved by <strong>Dr. First</strong>" in html
    assert 'name="reviewer_name"' not in html and 'name="last_reviewed"' not in html


def test_only_administrators_keep_reviewer_profiles(client, admin_client, reviewer):
    url = reverse("reviewer_profiles:index")
    assert "Dr. Avery" in admin_client.get(url).content.decode()
    for group in ("Editors", "Medical reviewers", "Marketers"):
        client.force_login(user_in(group, f"member-{group[:3]}"))
        assert client.get(url).status_code in (302, 403), group
