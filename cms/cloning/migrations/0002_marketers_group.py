"""The "Marketers" group: creates condition pages from templates and edits drafts; may publish a
condition page only once its medical review is complete (see cms/cloning/permissions.py)."""

from django.db import migrations

GROUP = "Marketers"


def create_marketers(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    # Permissions are normally created after migrations (post_migrate); make sure they exist now.
    def permission(app_label, model, codename, name):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        return Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        permission("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        permission("cloning", "conditiontemplate", "view_conditiontemplate",
                   "Can view condition template"),
        permission("cloning", "conditiontemplate", "add_conditiontemplate",
                   "Can add condition template"),
        permission("cloning", "conditiontemplate", "change_conditiontemplate",
                   "Can change condition template"),
        permission("cloning", "conditiontemplate", "publish_reviewed_only",
                   "Can publish condition pages only once medically reviewed"),
    )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename, name in (
            ("add_page", "Add any page"),
            ("change_page", "Change any page"),
            ("publish_page", "Publish any page"),
        ):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=permission("wagtailcore", "page", codename, name),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename, name in (("add_image", "Can add image"), ("choose_image", "Can choose image")):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=permission("wagtailimages", "image", codename, name),
            )


def remove_marketers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cloning", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_marketers, remove_marketers)]
