import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from cms.cloning.actions import clone_condition
from cms.pages.models import ConditionPage
from cms.pages.publishing import MedicalReviewRequired
from tests.factories import ConditionPageFactory, approve

VALUES = {"condition": "Spinal Stenosis", "body_area": "lower back"}


def test_marketers_group_from_the_migration(db):
    group = Group.objects.get(name="Marketers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_conditiontemplate"} <= codenames
    assert "publish_reviewed_only" not in codenames
    pages = set(group.page_permissions.values_list("permission__codename", flat=True))
    assert pages == {"add_page", "change_page"}


def test_marketer_can_clone_but_a_plain_user_cannot(template, condition_index, marketer):
    page = clone_condition(template, values=VALUES, parent=condition_index, user=marketer)
    assert page.owner == marketer
    nobody = get_user_model().objects.create_user("nobody", password="x")
    with pytest.raises(PermissionDenied):
        clone_condition(
            template, values={**VALUES, "condition": "Other"}, parent=condition_index, user=nobody
        )


def test_marketers_never_publish_even_an_approved_page(condition_index, marketer):
    page = ConditionPageFactory(parent=condition_index, live=False)
    approve(page)
    assert not page.permissions_for_user(marketer).can_publish()


def test_editors_and_superusers_keep_their_rights(condition_index, editor, superuser):
    page = ConditionPageFactory(parent=condition_index)
    assert page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(superuser).can_publish()


def test_the_rule_holds_for_every_publish(template, condition_index, marketer):
    page = clone_condition(template, values=VALUES, parent=condition_index, user=marketer)
    with pytest.raises((PermissionDenied, MedicalReviewRequired)):
        page.save_revision(user=marketer).publish(user=marketer)
    approve(page)
    with pytest.raises(PermissionDenied):
        page.save_revision(user=marketer).publish(user=marketer)
    assert not ConditionPage.objects.get(pk=page.pk).live


def test_marketer_cannot_clone_and_publish(template, condition_index, marketer):
    with pytest.raises(PermissionDenied):
        clone_condition(
            template, values=VALUES, parent=condition_index, user=marketer, publish=True
        )
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()


def test_the_command_line_is_held_to_the_medical_review_too(template, condition_index):
    with pytest.raises(MedicalReviewRequired):
        clone_condition(template, values=VALUES, parent=condition_index, publish=True)
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()
