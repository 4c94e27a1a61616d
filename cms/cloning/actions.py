"""What the admin views, the API and the command line do, in one place each.

* :func:`clone_condition` creates a draft ``ConditionPage`` from a template.
* :func:`save_as_template` turns a condition page into a new template.
* :func:`copy_section` copies one section of a page into another page's draft.

Each raises ``django.core.exceptions.ValidationError`` for bad input (messages meant for the
person who gave it) and ``PermissionDenied`` when ``user`` may not do it. ``user=None`` means
the site operator (the command line): no permission checks.
"""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Page

from cms.pages.models import ConditionIndexPage, ConditionPage

from .models import ConditionTemplate, TemplatePlaceholder
from .permissions import can_clone_into
from .placeholders import (
    CONDITION,
    TEXT_FIELDS,
    fill_text,
    map_stream,
    words_to_placeholders,
)

CREATED_FROM_TEMPLATE = "cloning.create_from_template"
SAVED_AS_TEMPLATE = "cloning.save_as_template"
SECTION_COPIED = "cloning.copy_section"


def _body_block():
    return ConditionPage._meta.get_field("body").stream_block


def clone_condition(
    template: ConditionTemplate,
    *,
    values: dict[str, str],
    parent: Page,
    user=None,
    slug: str = "",
    publish: bool = False,
    submit_for_review: bool = False,
) -> ConditionPage:
    """Create a ``ConditionPage`` under ``parent`` from ``template``.

    ``values`` maps placeholder keys to text; ``values["condition"]`` is the condition name.
    Keys the template declares with a default may be left out. The page is a draft with fresh
    section ids and no medical review (a new page has no approval); images, page links, intake
    forms and every other non-text value are kept as the template has them. With ``publish``
    the page is published too; if publishing is refused (it is, until a medical reviewer
    approves the new page's clinical content), nothing is created. With ``submit_for_review`` the
    page is submitted to its workflow (the medical review) instead.
    """
    parent = parent.specific
    if not isinstance(parent, ConditionIndexPage):
        raise ValidationError({"parent": "Condition pages live under a condition index."})
    if user is not None and not can_clone_into(user, parent):
        raise PermissionDenied("You may not create condition pages from templates here.")
    filled, errors = template.resolve_values(values)
    if errors:
        raise ValidationError(errors)
    slug = slugify(slug or filled[CONDITION])
    if not slug:
        raise ValidationError({"slug": "The condition name gives an empty slug; give a slug."})
    if not Page._slug_is_available(slug, parent):
        where = parent.get_url() or parent.url_path
        message = f"The slug “{slug}” is already used under {where}; choose another."
        raise ValidationError({"slug": message})

    page = ConditionPage(
        slug=slug,
        owner=user,
        live=False,
        has_unpublished_changes=True,
        **{name: fill_text(getattr(template, name), filled).strip() for name in TEXT_FIELDS},
    )
    page.body = map_stream(
        _body_block(),
        template.body.raw_data,
        lambda text, html, where: fill_text(text, filled, html),
        fresh_ids=True,
    )
    if publish and user is not None and not user.is_superuser:
        if "publish" not in parent.permissions_for_user(user).permissions:
            raise PermissionDenied(
                "You may not publish pages: create the page as a draft and submit it for "
                "medical review."
            )

    with transaction.atomic():
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=False)
        log(page, "wagtail.create", user=user)
        log(
            page,
            CREATED_FROM_TEMPLATE,
            user=user,
            revision=revision,
            data={"template": {"id": template.pk, "name": template.name}, "values": filled},
        )
        if publish:
            revision.publish(user=user)
            page.refresh_from_db()
        elif submit_for_review:
            workflow = page.get_workflow()
            if workflow is None:
                raise ValidationError({"parent": "No workflow applies to pages here."})
            workflow.start(page, user=user)
    return page


def save_as_template(
    page: ConditionPage, *, name: str, replacements: dict[str, str], description="", user=None
) -> ConditionTemplate:
    """Save ``page`` (its latest revision) as a new template.

    ``replacements`` maps words to placeholder keys, e.g. ``{"Failed Back Surgery Syndrome":
    "condition", "FBSS": "condition_short"}``; each word becomes ``{{ key }}`` wherever it
    appears. Keys other than ``condition`` are declared on the template with no default.
    """
    if user is not None and not (
        user.has_perm("cloning.add_conditiontemplate")
        and page.permissions_for_user(user).can_edit()
    ):
        raise PermissionDenied("You may not save this page as a template.")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the template a name."})
    if ConditionTemplate.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"A template named “{name}” already exists."})
    for key in replacements.values():
        TemplatePlaceholder._meta.get_field("key").run_validators(key)
    source = page.get_latest_revision_as_object()
    convert = words_to_placeholders(replacements)
    template = ConditionTemplate(
        name=name,
        description=description,
        source_page=page,
        **{field: convert(getattr(source, field) or "") for field in TEXT_FIELDS},
    )
    template.body = map_stream(
        _body_block(), source.body.raw_data, lambda text, html, where: convert(text, html)
    )
    with transaction.atomic():
        template.save()
        for order, key in enumerate(dict.fromkeys(replacements.values())):
            if key != CONDITION:
                TemplatePlaceholder.objects.create(
                    template=template,
                    key=key,
                    label=key.replace("_", " ").capitalize(),
                    sort_order=order,
                )
        log(
            page, SAVED_AS_TEMPLATE, user=user, data={"template": {"id": template.pk, "name": name}}
        )
    return template


def copy_section(source: ConditionPage, section_id: str, target: ConditionPage, *, user=None):
    """Append a copy of one section of ``source`` to ``target`` as a new draft revision.

    The copy gets fresh ids. Placeholders in it are kept (the publish check still applies).
    Returns the new revision of ``target``.
    """
    if user is not None:
        if not source.permissions_for_user(user).can_edit():
            raise PermissionDenied("You may not read this page's draft.")
        if not target.permissions_for_user(user).can_edit():
            raise PermissionDenied("You may not edit the target page.")
    if source.pk == target.pk:
        raise ValidationError({"target": "Choose another page to copy the section into."})
    raw = list(source.get_latest_revision_as_object().body.raw_data)
    chosen = [child for child in raw if child.get("id") == section_id]
    if not chosen:
        raise ValidationError({"section": "The page has no section with that id."})
    block = _body_block()
    if chosen[0].get("type") not in block.child_blocks:
        raise ValidationError({"section": "That section's type is not installed."})
    section = map_stream(block, copy.deepcopy(chosen), lambda t, h, w: t, fresh_ids=True)[0]
    draft = target.get_latest_revision_as_object()
    draft.body = [*draft.body.raw_data, section]
    with transaction.atomic():
        revision = draft.save_revision(user=user, log_action=True)
        log(
            draft,
            SECTION_COPIED,
            user=user,
            revision=revision,
            data={
                "source": {"id": source.pk, "title": source.title},
                "section": {"type": section["type"], "id": section["id"]},
            },
        )
    return revision
