"""The role table of cms/pages/roles.py, cell by cell: each capability tried by a user who holds
only that role, in the admin and (where the API offers the action) through API v3 with the
user's own token. The expected answer of every test comes from the table itself."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    APIToken,
    Collection,
    GroupApprovalTask,
    Page,
)

from cms.pages.models import ConditionPage
from cms.pages.review import MedicalReviewTask, ReviewerProfile
from cms.pages.roles import (
    CAPABILITIES,
    EDITORS,
    MEDICAL_REVIEWERS,
    ROLES,
    ensure_roles,
    role_permissions,
    roles_markdown,
)
from tests.factories import (
    ConditionIndexPageFactory,
    ConditionPageFactory,
    ImageFactory,
    approve,
)
from tests.form_data import edit_form_data

DOCS = Path(__file__).resolve().parents[2] / "docs" / "roles.md"


def test_docs_roles_md_is_generated_from_the_table():
    assert DOCS.read_text() == roles_markdown(), "run `manage.py document_roles`"


def test_the_groups_hold_exactly_the_permissions_of_the_table(db):
    ensure_roles()  # idempotent: a second run changes nothing
    assert not Group.objects.filter(name="Moderators").exists()
    for name in ROLES:
        group = Group.objects.get(name=name)
        granted = set(group.page_permissions.values_list("permission__codename", flat=True))
        page_permissions, model_permissions, _ = role_permissions(name)
        assert granted == page_permissions, name
        codenames = {spec.split(".")[-1] for spec in model_permissions}
        assert set(group.permissions.values_list("codename", flat=True)) == codenames, name


def test_wagtails_moderation_task_is_held_by_editors(db):
    task = GroupApprovalTask.objects.get(name="Moderators approval")
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS]


def test_condition_indexes_carry_the_medical_review_workflow(condition_index):
    workflow = condition_index.get_workflow()
    assert workflow.name == "Medical review"
    task = workflow.tasks.get().specific
    assert isinstance(task, MedicalReviewTask)
    assert list(task.groups.values_list("name", flat=True)) == [MEDICAL_REVIEWERS]


# -- a world for each test: pages, a member of one role, their session and token ----------------


class World:
    def __init__(self, role, client, condition_index):
        user_model = get_user_model()
        self.user = user_model.objects.create_user("member", "member@example.com", "password")
        self.user.groups.add(Group.objects.get(name=role))
        self.other = user_model.objects.create_user("other", "other@example.com", "password")
        self.client = client
        self.client.force_login(self.user)
        _token, plaintext = APIToken.create_token(user=self.user, name="own token")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
        self.index = condition_index
        self.elsewhere = ConditionIndexPageFactory(parent=condition_index.get_parent(), slug="x")

    def page(self, *, live=True, owner=None, title="Sciatica", approved=True):
        """A condition page whose clinical content a reviewer approved (unless ``approved`` is
        false), so that publishing it is a non-clinical change."""
        page = ConditionPageFactory(parent=self.index, title=title, live=live, owner=owner)
        if not live:
            page.first_published_at = None
            page.save()
        page.save_revision(user=owner or self.other)
        if approved:
            approve(page)
        return ConditionPage.objects.get(pk=page.pk)

    def api(self, method, url, data=None):
        call = getattr(self.client, method)
        return call(url, data or {}, content_type="application/json", **self.auth)

    def post_edit_form(self, page, **changes):
        response = self.client.get(f"/admin/pages/{page.pk}/edit/")
        if response.status_code != 200:
            return response
        return self.client.post(
            f"/admin/pages/{page.pk}/edit/", {**edit_form_data(self.client, page), **changes}
        )


def exists(page):
    return Page.objects.filter(pk=page.pk).exists()


def latest(page):
    return ConditionPage.objects.get(pk=page.pk)


def admin_use_admin(w):
    return w.client.get("/admin/").status_code == 200


def admin_edit_drafts(w):
    page = w.page()
    w.post_edit_form(page, title="Sciatica, revised")
    return latest(page).get_latest_revision_as_object().title == "Sciatica, revised"


def api_edit_drafts(w):
    response = w.api(
        "post",
        "/api/v3/pages/",
        {
            "meta": {"type": "pages.ConditionPage", "parent_id": w.index.pk},
            "title": "Spinal stenosis",
            "slug": "spinal-stenosis",
            "condition_name": "Spinal stenosis",
            "short_summary": "Narrowing of the spinal canal.",
        },
    )
    assert response.status_code in (201, 403), response.content
    return response.status_code == 201 and not latest_by_slug("spinal-stenosis").live


def latest_by_slug(slug):
    return ConditionPage.objects.get(slug=slug)


def admin_submit_for_review(w):
    page = w.page(live=False, approved=False)
    w.post_edit_form(page, **{"action-submit": "Submit"})
    state = latest(page).current_workflow_state
    return state is not None and state.workflow.name == "Medical review"


def admin_approve_clinical(w):
    """Approve a never-reviewed page in the "Medical review" workflow: it is published with
    the approver as its reviewer. Everyone tried has a reviewer profile: the role decides."""
    ReviewerProfile.objects.create(user=w.user, display_name="Dr. Member", credentials="MD")
    page = w.page(live=False, approved=False)
    state = page.get_workflow().start(page, user=w.other)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    w.client.post(url, {"comment": ""})
    page = latest(page)
    return page.live and page.review.reviewer_name == "Dr. Member"


def admin_see_review_status(w):
    return w.client.get(reverse("medical_review_status")).status_code == 200


def admin_use_templates(w):
    return w.client.get(reverse("cloning:choose_template")).status_code == 200


def api_use_templates(w):
    return w.api("get", "/api/v3/condition-templates/").status_code == 200


def admin_manage_templates(w):
    url = reverse("wagtailsnippets_cloning_conditiontemplate:add")
    return w.client.get(url).status_code == 200


def admin_delete_own_drafts(w):
    page = w.page(live=False, owner=w.user)
    w.client.post(f"/admin/pages/{page.pk}/delete/")
    return not exists(page)


def api_delete_own_drafts(w):
    page = w.page(live=False, owner=w.user)
    return w.api("delete", f"/api/v3/pages/{page.pk}/").status_code == 204 and not exists(page)


def admin_publish(w):
    page = w.page(live=False)
    w.post_edit_form(page, **{"action-publish": "action-publish"})
    return latest(page).live


def api_publish(w):
    page = w.page(live=False)
    response = w.api("post", f"/api/v3/pages/{page.pk}/actions/publish/")
    by_action = response.status_code == 200 and latest(page).live
    # A write may ask to publish too; it must answer the same.
    page = w.page(live=False, title="Stenosis")
    data = {"meta": {"type": "pages.ConditionPage", "action": "publish"}, "seo_title": "S"}
    response = w.api("patch", f"/api/v3/pages/{page.pk}/", data)
    by_write = response.status_code == 200 and latest(page).live
    assert by_action == by_write, response.content
    return by_action


def admin_unpublish(w):
    page = w.page()
    w.client.post(f"/admin/pages/{page.pk}/unpublish/")
    return not latest(page).live


def api_unpublish(w):
    page = w.page()
    response = w.api("post", f"/api/v3/pages/{page.pk}/actions/unpublish/")
    return response.status_code == 200 and not latest(page).live


def moved(page, destination):
    return latest(page).get_parent().pk == destination.pk


def admin_move(w):
    page = w.page(live=False, owner=w.user)
    w.client.post(f"/admin/pages/{page.pk}/move/{w.elsewhere.pk}/confirm/")
    return moved(page, w.elsewhere)


def api_move(w):
    page = w.page(live=False, owner=w.user)
    data = {"destination_id": w.elsewhere.pk, "position": "last-child"}
    response = w.api("post", f"/api/v3/pages/{page.pk}/actions/move/", data)
    return response.status_code == 200 and moved(page, w.elsewhere)


def admin_delete_pages(w):
    page = w.page()
    w.client.post(f"/admin/pages/{page.pk}/delete/")
    return not exists(page)


def api_delete_pages(w):
    page = w.page()
    return w.api("delete", f"/api/v3/pages/{page.pk}/").status_code == 204 and not exists(page)


def admin_lock_pages(w):
    page = w.page()
    w.client.post(f"/admin/pages/{page.pk}/lock/")
    return latest(page).locked


def admin_manage_media(w):
    image = ImageFactory(collection=Collection.get_first_root_node())
    w.client.post(f"/admin/images/{image.pk}/delete/")
    return not type(image).objects.filter(pk=image.pk).exists()


def admin_build_intake_forms(w):
    return w.client.get(reverse("wagtailsnippets_intake_intakeform:add")).status_code == 200


def admin_read_intake_submissions(w):
    return w.client.get(reverse("intake_submissions:index")).status_code == 200


#: How each capability is tried, by channel. An action the API does not offer has no API check.
CHECKS = {
    "use_admin": {"admin": admin_use_admin},
    "edit_drafts": {"admin": admin_edit_drafts, "api": api_edit_drafts},
    "submit_for_review": {"admin": admin_submit_for_review},
    "use_templates": {"admin": admin_use_templates, "api": api_use_templates},
    "manage_templates": {"admin": admin_manage_templates},
    "delete_own_drafts": {"admin": admin_delete_own_drafts, "api": api_delete_own_drafts},
    "publish": {"admin": admin_publish, "api": api_publish},
    "approve_clinical": {"admin": admin_approve_clinical},
    "see_review_status": {"admin": admin_see_review_status},
    "unpublish": {"admin": admin_unpublish, "api": api_unpublish},
    "move": {"admin": admin_move, "api": api_move},
    "delete_pages": {"admin": admin_delete_pages, "api": api_delete_pages},
    "lock_pages": {"admin": admin_lock_pages},
    "manage_media": {"admin": admin_manage_media},
    "build_intake_forms": {"admin": admin_build_intake_forms},
    "read_intake_submissions": {"admin": admin_read_intake_submissions},
}


def test_every_capability_is_tried():
    assert set(CHECKS) == set(CAPABILITIES)


CELLS = [
    pytest.param(role, capability, channel, id=f"{role}-{capability}-{channel}")
    for role in ROLES
    for capability in CAPABILITIES
    for channel in CHECKS[capability]
]


@pytest.mark.parametrize(("role", "capability", "channel"), CELLS)
def test_role_capability(role, capability, channel, client, condition_index):
    world = World(role, client, condition_index)
    expected = capability in ROLES[role].capabilities
    assert CHECKS[capability][channel](world) is expected
