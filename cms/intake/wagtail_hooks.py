"""Wires intake into Wagtail: the page section, the API router, the admin and audit actions."""

from wagtail import hooks

from .api import router
from .blocks import IntakeFormBlock
from .viewsets import IntakeViewSetGroup


@hooks.register("register_page_sections")
def register_intake_section(registry):
    registry.register("intake_form", IntakeFormBlock())


@hooks.register("register_api_v3_routers")
def register_intake_api(api):
    api.add_router("/intake/", router)


@hooks.register("register_admin_viewset")
def register_intake_admin():
    return IntakeViewSetGroup()


@hooks.register("register_log_actions")
def register_intake_log_actions(actions):
    actions.register_action("intake.view", "View submission", "Viewed intake submission")
    actions.register_action("intake.export", "Export submission", "Exported intake submission")
    actions.register_action("intake.purge", "Purge submission", "Deleted by the retention policy")
