"""The "Intake managers" group: the only people who read submissions.

Editors (Wagtail's "Editors" group) may build forms but get no permission on submissions.
Used by the data migration and by tests (a flushed test database loses migration data).
"""

INTAKE_MANAGERS = "Intake managers"
EDITORS = "Editors"

MANAGER_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("intake", "intakesubmission", "view_intakesubmission"),
    ("intake", "intakesubmission", "change_intakesubmission"),
    ("intake", "intakesubmission", "delete_intakesubmission"),
    ("intake", "intakeform", "view_intakeform"),
]
EDITOR_PERMISSIONS = [
    ("intake", "intakeform", f"{action}_intakeform") for action in ("add", "change", "view")
]

VERBOSE = {"intakesubmission": "intake submission", "intakeform": "intake form"}
# The names post_migrate's create_permissions would give, should this run first.
PERMISSION_NAMES = {
    model: (lambda codename, v=verbose: f"Can {codename.split('_')[0]} {v}")
    for model, verbose in VERBOSE.items()
}
PERMISSION_NAMES["admin"] = lambda codename: "Can access Wagtail admin"


def ensure_intake_groups(apps=None):
    """Create the groups and their permissions (idempotent). ``apps``: a migration registry."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def permissions(specs):
        for app_label, model, codename in specs:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            yield Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": PERMISSION_NAMES.get(model, codename)(codename)},
            )[0]

    managers, _ = Group.objects.get_or_create(name=INTAKE_MANAGERS)
    managers.permissions.add(*permissions(MANAGER_PERMISSIONS))
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*permissions(EDITOR_PERMISSIONS))
