import copy

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from cms.intake.groups import INTAKE_MANAGERS, ensure_intake_groups

from .factories import SPINE_ROWS, VALID_ANSWERS, build_form


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # rate-limit counters must not leak between tests
    yield
    cache.clear()


@pytest.fixture
def spine_form(db):
    return build_form(SPINE_ROWS, title="Spine intake", slug="spine")


@pytest.fixture
def answers():
    return copy.deepcopy(VALID_ANSWERS)


@pytest.fixture
def intake_groups(db):
    ensure_intake_groups()


@pytest.fixture
def submit(client):
    """POST a JSON body to a form's submissions endpoint, with a fresh form token."""
    from cms.intake.protection import issue_form_token

    def post(slug, answers, *, token=True, extra=None, **headers):
        body = {"answers": answers, **(extra or {})}
        if token:
            body["form_token"] = issue_form_token(slug)
        return client.post(
            f"/api/v3/intake/forms/{slug}/submissions/",
            body,
            content_type="application/json",
            headers=headers,
        )

    return post


@pytest.fixture
def manager_client(client, intake_groups):
    """A client logged in as a member of the "Intake managers" group."""
    user = get_user_model().objects.create_user("manager", "m@example.com", "password")
    user.groups.add(Group.objects.get(name=INTAKE_MANAGERS))
    client.force_login(user)
    return client
