"""``/api/v3/condition-templates/``: list templates and create condition pages from them.

Templates are not pages, so the clone action sits under its own prefix rather than under
``/api/v3/pages/``. Every endpoint needs a bearer token (Wagtail's ``APIToken``); anonymous
requests get 401 and templates never appear in the public page API.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import Page

from cms.pages.publishing import unwritten_sections

from .actions import clone_condition
from .models import ConditionTemplate
from .permissions import VIEW_TEMPLATES

router = Router(tags=["condition templates"], auth=BearerTokenAuth())


class PlaceholderSchema(Schema):
    key: str
    label: str
    default: str
    required: bool


class ConditionTemplateSchema(Schema):
    id: int
    name: str
    description: str
    placeholders: list[PlaceholderSchema]


class CloneConditionIn(Schema):
    name: str = Field(..., min_length=1, max_length=120, description="The condition's name.")
    parent_id: int = Field(..., description="The condition index to create the page under.")
    values: dict[str, str] = Field(
        default_factory=dict, description="Other placeholder values, by key."
    )
    slug: str = Field("", max_length=255, description="Defaults to the name, slugified.")
    publish: bool = Field(
        False,
        description="Publish at once. A new page's clinical content has no medical approval, so "
        "this is refused (403, nothing created) unless only non-clinical content would go live; "
        "use submit_for_review instead.",
    )
    submit_for_review: bool = Field(
        False, description="Submit the new page to its workflow (the medical review)."
    )


class ClonedConditionOut(Schema):
    id: int
    title: str
    slug: str
    url_path: str
    live: bool
    in_review: bool = Field(description="Whether the page is in its workflow (medical review).")
    template_id: int
    unwritten_sections: list[str] = Field(
        description="Sections still holding the template's writing guidance: each must be "
        "written (and its “Not written yet” flag cleared) before the page can be published."
    )


def _require_template_access(request):
    if not request.user.has_perm(VIEW_TEMPLATES):
        raise PermissionDenied("You may not use condition templates.")


def _template_out(template):
    return {
        "id": template.pk,
        "name": template.name,
        "description": template.description,
        "placeholders": [spec.__dict__ for spec in template.placeholder_specs()],
    }


@router.get(
    "/",
    response=list[ConditionTemplateSchema],
    url_name="condition_templates_list",
    summary="List condition templates",
    operation_id="condition_templates_list",
)
def list_templates(request):
    _require_template_access(request)
    templates = ConditionTemplate.objects.prefetch_related("placeholders")
    return [_template_out(template) for template in templates]


@router.post(
    "/{template_id}/actions/clone_condition/",
    response={201: ClonedConditionOut},
    url_name="condition_templates_clone_condition",
    summary="Create a condition page from a template",
    operation_id="condition_templates_clone_condition",
)
def clone_condition_action(request, template_id: int, data: CloneConditionIn):
    _require_template_access(request)
    template = get_object_or_404(ConditionTemplate, pk=template_id)
    parent = get_object_or_404(Page, pk=data.parent_id)
    page = clone_condition(
        template,
        values={**data.values, "condition": data.name},
        parent=parent,
        user=request.user,
        slug=data.slug,
        publish=data.publish,
        submit_for_review=data.submit_for_review,
    )
    return Status(
        201,
        {
            "id": page.pk,
            "title": page.title,
            "slug": page.slug,
            "url_path": page.url_path,
            "live": page.live,
            "in_review": page.workflow_in_progress,
            "template_id": template.pk,
            "unwritten_sections": unwritten_sections(page),
        },
    )
