"""The publish extension points of cms.pages.publishing, used by a throw-away app's hooks."""

import pytest
from wagtail import hooks

from cms.pages.publishing import (
    PUBLISH_CHECKS_HOOK,
    PUBLISH_HOLDS_HOOK,
    PublishRefused,
)
from tests.factories import ConditionPageFactory, approve


def test_a_publish_check_refuses_every_way_of_publishing(condition_index):
    page = ConditionPageFactory(parent=condition_index, live=False, title="Sciatica")
    revision = page.save_revision()
    approve(page)  # the check below is the only objection

    def no_sciatica(page):
        return ["Sciatica is not ready."] if page.title == "Sciatica" else []

    with hooks.register_temporarily(PUBLISH_CHECKS_HOOK, no_sciatica):
        with pytest.raises(PublishRefused) as caught:
            revision.publish()
    assert caught.value.messages == ["Sciatica is not ready."]
    page.refresh_from_db()
    assert not page.live


def test_a_publish_hold_is_a_permission_that_never_binds_superusers(
    condition_index, editor, superuser
):
    page = ConditionPageFactory(parent=condition_index)
    assert page.permissions_for_user(editor).can_publish()

    with hooks.register_temporarily(PUBLISH_HOLDS_HOOK, lambda user, page: ["Not you."]):
        assert not page.permissions_for_user(editor).can_publish()
        assert page.permissions_for_user(editor).can_edit()
        assert page.permissions_for_user(superuser).can_publish()
