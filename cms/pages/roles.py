"""The people who work in the CMS, as data: one table of roles and what each may do.

:data:`CAPABILITIES` says what each capability means and which permissions carry it;
:data:`ROLES` says which capabilities each role (a Django group) has. Everything else comes from
these two tables:

* the groups and their permissions, created and kept exact by data migrations (each app's
  migration calls :func:`ensure_roles`, which grants whatever permissions exist at that point);
* ``docs/roles.md``, written by ``manage.py document_roles`` (a test fails when it is stale);
* the permission tests, one per cell of the table, in the admin and through API v3.

Permissions name models by ``app_label.codename`` strings, so this module imports no app.
Page permissions are granted on the tree root, image and document permissions on the root
collection.

Rules no Django permission can express live beside the page permission tester
(:mod:`cms.pages.publishing`): only people who may publish may move, unpublish or delete
published pages, and people who may not publish delete only their own never-published drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EDITORS = "Editors"
MARKETERS = "Marketers"
MEDICAL_REVIEWERS = "Medical reviewers"
INTAKE_MANAGERS = "Intake managers"


@dataclass(frozen=True)
class Capability:
    label: str
    #: Wagtail page permission codenames (``add_page``...), granted on the tree root.
    page_permissions: tuple[str, ...] = ()
    #: ``app_label.model.codename`` of model permissions.
    model_permissions: tuple[str, ...] = ()
    #: ``app_label.model.codename`` of collection permissions, on the root collection.
    collection_permissions: tuple[str, ...] = ()
    #: Said in docs/roles.md, for rules beyond the permissions.
    note: str = ""


CAPABILITIES: dict[str, Capability] = {
    "use_admin": Capability(
        "Sign in to the admin", model_permissions=("wagtailadmin.admin.access_admin",)
    ),
    "edit_drafts": Capability(
        "Create pages and save drafts",
        page_permissions=("add_page", "change_page"),
        collection_permissions=(
            "wagtailimages.image.add_image",
            "wagtailimages.image.choose_image",
            "wagtaildocs.document.add_document",
            "wagtaildocs.document.choose_document",
        ),
    ),
    "submit_for_review": Capability(
        "Submit a page to its workflow",
        note="Anyone who can edit a page can submit it to its workflow.",
        page_permissions=("change_page",),
    ),
    "use_templates": Capability(
        "Create condition pages from templates",
        model_permissions=("cloning.conditiontemplate.view_conditiontemplate",),
    ),
    "manage_templates": Capability(
        "Save pages as templates and edit templates",
        model_permissions=(
            "cloning.conditiontemplate.view_conditiontemplate",
            "cloning.conditiontemplate.add_conditiontemplate",
            "cloning.conditiontemplate.change_conditiontemplate",
        ),
    ),
    "delete_own_drafts": Capability(
        "Delete their own never-published drafts",
        page_permissions=("change_page",),
    ),
    "publish": Capability(
        "Publish pages",
        page_permissions=("publish_page",),
        note="Clinical changes to condition pages are published only once a medical reviewer "
        "has approved them (docs/review.md); other changes keep the page's review.",
    ),
    "approve_clinical": Capability(
        "Approve clinical content",
        note="The “Medical review” workflow task is assigned to the Medical reviewers group: its "
        "members approve, with a reviewer profile (Settings → Reviewer profiles, kept by "
        "administrators). Nobody else approves, administrators included.",
    ),
    "see_review_status": Capability(
        "See the medical review status of every page",
        model_permissions=("pages.medicalapproval.view_medicalapproval",),
        note="Reports → Medical review status: each condition page's review, last and next "
        "review dates, with CSV and XLSX export (docs/review-cadence.md).",
    ),
    "unpublish": Capability("Unpublish pages", page_permissions=("publish_page",)),
    "move": Capability("Move pages", page_permissions=("publish_page", "change_page")),
    "delete_pages": Capability(
        "Delete any page", page_permissions=("publish_page", "change_page", "bulk_delete_page")
    ),
    "lock_pages": Capability(
        "Lock and unlock pages", page_permissions=("lock_page", "unlock_page")
    ),
    "manage_media": Capability(
        "Edit and delete images and documents",
        collection_permissions=(
            "wagtailimages.image.change_image",
            "wagtailimages.image.delete_image",
            "wagtaildocs.document.change_document",
            "wagtaildocs.document.delete_document",
        ),
    ),
    "build_intake_forms": Capability(
        "Build intake forms",
        model_permissions=(
            "intake.intakeform.add_intakeform",
            "intake.intakeform.change_intakeform",
            "intake.intakeform.view_intakeform",
        ),
    ),
    "read_intake_submissions": Capability(
        "Read, export and delete intake submissions",
        model_permissions=(
            "intake.intakeform.view_intakeform",
            "intake.intakesubmission.view_intakesubmission",
            "intake.intakesubmission.change_intakesubmission",
            "intake.intakesubmission.delete_intakesubmission",
        ),
    ),
}


@dataclass(frozen=True)
class Role:
    description: str
    capabilities: frozenset[str] = field(default_factory=frozenset)


#: What everyone who writes pages may do: sign in, draft, submit for review, delete own drafts.
WRITERS = frozenset({"use_admin", "edit_drafts", "submit_for_review", "delete_own_drafts"})

ROLES: dict[str, Role] = {
    EDITORS: Role(
        "Run the site: edit, publish, move and unpublish pages; moderate Wagtail's default "
        "workflow.",
        WRITERS
        | {
            "use_templates",
            "manage_templates",
            "publish",
            "see_review_status",
            "unpublish",
            "move",
            "delete_pages",
            "lock_pages",
            "manage_media",
            "build_intake_forms",
        },
    ),
    MARKETERS: Role(
        "Write new condition pages (from templates) as drafts and submit them to the workflow.",
        WRITERS | {"use_templates", "manage_templates"},
    ),
    MEDICAL_REVIEWERS: Role(
        "Approve clinical content in the “Medical review” workflow; read and edit drafts, never "
        "publish on their own.",
        WRITERS | {"approve_clinical", "see_review_status"},
    ),
    INTAKE_MANAGERS: Role(
        "Read the intake submissions patients send (nobody else can).",
        frozenset({"use_admin", "read_intake_submissions"}),
    ),
}


def role_permissions(role: str) -> tuple[set[str], set[str], set[str]]:
    """``(page, model, collection)`` permissions of ``role``, from its capabilities."""
    page, model, collection = set(), set(), set()
    for key in ROLES[role].capabilities:
        capability = CAPABILITIES[key]
        page.update(capability.page_permissions)
        model.update(capability.model_permissions)
        collection.update(capability.collection_permissions)
    return page, model, collection


def _permission(apps, spec: str):
    """The ``Permission`` for ``app_label.model.codename``, or ``None`` if its app is absent."""
    app_label, model_name, codename = spec.split(".")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        if (app_label, model_name) != ("wagtailadmin", "admin"):
            return None
        model = None  # access_admin belongs to a content type without a model
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    verbose = model._meta.verbose_name if model is not None else "admin"
    name = (
        "Can access Wagtail admin"
        if codename == "access_admin"
        else f"Can {codename.split('_')[0]} {verbose}"
    )
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def ensure_roles(apps=None) -> None:
    """Create every role's group with exactly the permissions of :data:`ROLES` (idempotent).

    ``apps`` is a migration's app registry; permissions of apps not migrated yet are skipped
    (their own migration calls this again).
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        page, model, collection = role_permissions(name)
        group.permissions.set(
            [p for p in (_permission(apps, spec) for spec in sorted(model)) if p is not None]
        )
        if root_page is not None:
            wanted = [_permission(apps, f"wagtailcore.page.{codename}") for codename in page]
            GroupPagePermission.objects.filter(group=group).exclude(
                page=root_page, permission__in=wanted
            ).delete()
            for permission in wanted:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection is not None:
            wanted = [p for p in (_permission(apps, spec) for spec in collection) if p is not None]
            GroupCollectionPermission.objects.filter(group=group).exclude(
                collection=root_collection, permission__in=wanted
            ).delete()
            for permission in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def roles_markdown() -> str:
    """``docs/roles.md``: the role table for people (``manage.py document_roles`` writes it)."""
    names = list(ROLES)
    lines = [
        "# Roles",
        "",
        "<!-- Generated from cms/pages/roles.py by `manage.py document_roles`; do not edit. -->",
        "",
        "Each role is a group, created and kept exact by data migrations. Superusers can do "
        "everything.",
        "",
    ]
    lines += [f"- **{name}**: {role.description}" for name, role in ROLES.items()]
    lines += ["", "| Capability | " + " | ".join(names) + " |"]
    lines.append("|---|" + "---|" * len(names))
    for key, capability in CAPABILITIES.items():
        cells = ["yes" if key in ROLES[name].capabilities else "no" for name in names]
        lines.append(f"| {capability.label} | " + " | ".join(cells) + " |")
    lines += ["", "## What each capability grants", ""]
    for capability in CAPABILITIES.values():
        grants = [f"page `{p}` on the whole tree" for p in capability.page_permissions]
        grants += [f"`{p}`" for p in capability.model_permissions]
        grants += [f"`{p}` on every collection" for p in capability.collection_permissions]
        line = f"- **{capability.label}**: " + (", ".join(grants) or "no extra permission") + "."
        if capability.note:
            line += f" {capability.note}"
        lines.append(line)
    return "\n".join(lines) + "\n"
