"""Shared fixtures. Tests build their own data with the factories in ``tests/factories.py``."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from hypothesis import settings as hypothesis_settings
from wagtail.models import GroupPagePermission, Page, Site

from tests.factories import ConditionIndexPageFactory, HomePageFactory

# Property tests: no deadline (shared CI machines are slow to varying degrees); in CI the same
# examples every run (derandomised, no example database), elsewhere fresh ones each run.
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, database=None)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _empty_caches():
    # Wagtail caches renditions and site root paths by primary key, and rolled-back tests reuse
    # primary keys: a cache left over from an earlier test would describe rows that do not exist.
    from cms.api.cache import local_copies

    for cache in caches.all():
        cache.clear()
    local_copies.clear()  # each process's copies of cached responses, checked by those stamps


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def home_page(root_page):
    # Wagtail's initial migration leaves a placeholder welcome page holding the default site.
    Page.objects.filter(depth=2).delete()
    return HomePageFactory(parent=root_page, title="Home", slug="home")


@pytest.fixture
def site(home_page):
    Site.objects.all().delete()
    return Site.objects.create(
        hostname="testserver", port=80, root_page=home_page, is_default_site=True
    )


@pytest.fixture
def condition_index(site, home_page):
    return ConditionIndexPageFactory(parent=home_page, title="Conditions", slug="conditions")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "password")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def editor(db, site):
    """A member of Wagtail's default "Editors" group, with edit rights on the whole site."""
    user = get_user_model().objects.create_user("editor", "editor@example.com", "password")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def marketer(db, site):
    """A member of the "Marketers" group the data migrations create (cms/pages/roles.py)."""
    user = get_user_model().objects.create_user("marketer", "marketer@example.com", "password")
    user.groups.add(Group.objects.get(name="Marketers"))
    return user
