from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.pages.models import ConditionPage
from cms.pages.publishing import PUBLISH_CHECKS_HOOK

from . import urls
from .actions import CREATED_FROM_TEMPLATE, SAVED_AS_TEMPLATE, SECTION_COPIED
from .api import router
from .models import ConditionTemplate
from .permissions import VIEW_TEMPLATES
from .placeholders import placeholder_problems


class ConditionTemplateViewSet(SnippetViewSet):
    model = ConditionTemplate
    icon = "copy"
    menu_label = "Condition templates"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "description", "updated_at"]
    search_fields = ["name", "description"]


register_snippet(ConditionTemplateViewSet)


@hooks.register("register_admin_urls")
def register_cloning_urls():
    return [path("cloning/", include((urls, "cloning"), namespace="cloning"))]


class CloneMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_TEMPLATES)


@hooks.register("register_admin_menu_item")
def register_clone_menu_item():
    return CloneMenuItem(
        "New condition from template",
        reverse("cloning:choose_template"),
        icon_name="doc-full-inverse",
        order=240,
    )


@hooks.register("register_permissions")
def register_cloning_permissions():
    return Permission.objects.filter(content_type__app_label="cloning")


@hooks.register("register_api_v3_routers")
def add_condition_templates_router(api):
    api.add_router("/condition-templates/", router)


@hooks.register("register_log_actions")
def register_cloning_log_actions(actions):
    @actions.register_action(CREATED_FROM_TEMPLATE)
    class CreatedFromTemplate(LogFormatter):
        label = "Create from template"

        def format_message(self, log_entry):
            return f"Created from the template “{log_entry.data['template']['name']}”"

    @actions.register_action(SAVED_AS_TEMPLATE)
    class SavedAsTemplate(LogFormatter):
        label = "Save as template"

        def format_message(self, log_entry):
            return f"Saved as the template “{log_entry.data['template']['name']}”"

    @actions.register_action(SECTION_COPIED)
    class SectionCopied(LogFormatter):
        label = "Copy section"

        def format_message(self, log_entry):
            data = log_entry.data
            return f"Section “{data['section']['type']}” copied from “{data['source']['title']}”"


@hooks.register(PUBLISH_CHECKS_HOOK)
def refuse_placeholders_left(page):
    return placeholder_problems(page)


def _page_buttons(page, user, cls, **kwargs):
    if not isinstance(page.specific_deferred, ConditionPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    if user.has_perm("cloning.add_conditiontemplate"):
        yield cls(
            "Save as template",
            reverse("cloning:save_as_template", args=[page.pk]),
            icon_name="copy",
            priority=35,
            **kwargs,
        )
    yield cls(
        "Copy a section to another page",
        reverse("cloning:copy_section", args=[page.pk]),
        icon_name="duplicate",
        priority=36,
        **kwargs,
    )


@hooks.register("register_page_header_buttons")
def condition_page_header_buttons(page, user, view_name, next_url=None):
    yield from _page_buttons(page, user, Button)


@hooks.register("register_page_listing_more_buttons")
def condition_page_listing_buttons(page, user, next_url=None):
    yield from _page_buttons(page, user, ListingButton)
