"""The roles of cms/pages/roles.py as groups; Wagtail's "Moderators" folded into "Editors"."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from cms.pages.roles import EDITORS, ensure_roles

    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ensure_roles(apps)
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:
        return
    editors = Group.objects.get(name=EDITORS)
    for user in moderators.user_set.all():
        user.groups.add(editors)
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.add(editors)
    moderators.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
