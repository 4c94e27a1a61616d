"""Admin views: new condition from a template, save a page as a template, copy a section."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.pages.models import ConditionPage

from .actions import clone_condition, copy_section, save_as_template
from .forms import CloneConditionForm, CopySectionForm, SaveAsTemplateForm, indexes_user_can_add_to
from .models import ConditionTemplate
from .permissions import VIEW_TEMPLATES


def _add_errors(form, error: ValidationError, field_prefix=""):
    """Put an action's ``ValidationError`` on the form fields it names, else on the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        name = key if key in form.fields else f"{field_prefix}{key}"
        form.add_error(name if name in form.fields else None, errors)


class CloneAccessMixin:
    """Only users who may read templates and add pages under some condition index."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_TEMPLATES) or not indexes_user_can_add_to(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseTemplateView(CloneAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cloning/choose_template.html"
    page_title = "New condition from template"
    header_icon = "copy"

    def get_context_data(self, **kwargs):
        return super().get_context_data(templates=ConditionTemplate.objects.all(), **kwargs)


class CloneConditionView(CloneAccessMixin, WagtailAdminTemplateMixin, FormView):
    form_class = CloneConditionForm
    template_name = "cloning/clone_condition.html"
    page_title = "New condition from template"
    header_icon = "copy"

    @cached_property
    def template(self):
        # Read after CloneAccessMixin's check: a refused user learns nothing about the id.
        return get_object_or_404(ConditionTemplate, pk=self.kwargs["template_id"])

    def get_page_subtitle(self):
        return self.template.name

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "template": self.template, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            template=self.template,
            submit_button_label="Create draft",
            action_url=self.request.path,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            page = clone_condition(
                self.template,
                values=form.placeholder_values(),
                parent=form.parent_page(),
                user=self.request.user,
                slug=form.cleaned_data["slug"],
            )
        except ValidationError as error:
            _add_errors(form, error, field_prefix="value_")
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Draft “{page.title}” created from the template “{self.template.name}”. "
            "Check every section, then send it for medical review.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


class PageActionView(WagtailAdminTemplateMixin, FormView):
    """Base for views acting on one condition page the user can edit."""

    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(ConditionPage, pk=kwargs["page_id"])
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, action_url=self.request.path, **kwargs)


class SaveAsTemplateView(PageActionView):
    template_name = "cloning/save_as_template.html"
    page_title = "Save as template"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("cloning.add_conditiontemplate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return SaveAsTemplateForm

    def get_initial(self):
        return {
            "name": f"{self.page.condition_name} template",
            "replacements": f"{self.page.condition_name} => condition",
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit_button_label="Save as template", **kwargs)

    def form_valid(self, form):
        try:
            template = save_as_template(
                self.page,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                replacements=form.cleaned_data["replacements"],
                user=self.request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Template “{template.name}” saved.")
        return redirect(
            reverse("wagtailsnippets_cloning_conditiontemplate:edit", args=[template.pk])
        )


def section_choices(page):
    block = page._meta.get_field("body").stream_block
    choices = []
    for position, child in enumerate(page.get_latest_revision_as_object().body, start=1):
        heading = child.value.get("heading") if hasattr(child.value, "get") else ""
        label = f"{position}. {block.child_blocks[child.block_type].label}"
        if heading:
            label += f": {strip_tags(str(heading))}"
        choices.append((child.id, label))
    return choices


class CopySectionView(PageActionView):
    template_name = "cloning/copy_section.html"
    page_title = "Copy a section"

    def get_form_class(self):
        return CopySectionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sections": section_choices(self.page)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit_button_label="Copy section", **kwargs)

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        try:
            copy_section(self.page, form.cleaned_data["section"], target, user=self.request.user)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error("target", str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"Section copied into the draft of “{target.title}”.")
        return redirect("wagtailadmin_pages:edit", target.pk)
