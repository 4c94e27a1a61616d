import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page


@pytest.fixture
def demo_pages(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return list(Page.objects.filter(depth__gt=1).order_by("path").specific())


@pytest.fixture
def demo_editor_client(client, db):
    """A member of the "Editors" group as its migration leaves it, nothing more."""
    user = get_user_model().objects.create_user("demo-editor", "editor@example.com", "password")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client
