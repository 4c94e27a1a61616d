"""Content for the schemathesis run: a site with pages and an image, an intake form, and an editor
with an API token (printed on stdout). Built with the test factories, never the demo content.

Run as ``python .ci/schemathesis_setup.py`` with DJANGO_SETTINGS_MODULE and DATABASE_URL set.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group, Permission  # noqa: E402
from wagtail.models import APIToken, GroupPagePermission, Page, Site  # noqa: E402

from tests.factories import (  # noqa: E402
    ConditionIndexPageFactory,
    ConditionPageFactory,
    HomePageFactory,
    ImageFactory,
    publish_approved,
)
from tests.intake.factories import SPINE_ROWS, build_form  # noqa: E402


def main():
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root, title="Home", slug="home")
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
    index = ConditionIndexPageFactory(parent=home, title="Conditions", slug="conditions")
    for title in ("Sciatica", "Spinal stenosis"):
        page = ConditionPageFactory(parent=index, title=title)
        publish_approved(page)
    ImageFactory()
    build_form(SPINE_ROWS, title="Spine intake", slug="spine")

    editor = get_user_model().objects.create_user("editor", "editor@example.com", "unused")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    editor.groups.add(group)
    _, plaintext = APIToken.create_token(user=editor, name="schemathesis")
    print(plaintext)


if __name__ == "__main__":
    main()
