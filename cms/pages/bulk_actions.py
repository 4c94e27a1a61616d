"""Wagtail's bulk publish, made to refuse condition pages one by one instead of failing whole."""

from django.db import transaction
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction

from .publishing import PublishRefused


class PublishBulkActionWithChecks(PublishBulkAction):
    """Bulk publish that skips pages a publish check refuses and says why.

    ``ConditionPage.publish`` raises :class:`~cms.pages.publishing.PublishRefused` (for example
    while a template placeholder is left); Wagtail's action would turn that into a server error
    and publish nothing. Here every other selected page (and draft descendant) is published and
    each refused page gets an error message naming the reasons.
    """

    def get_execution_context(self):
        self.refused = []
        return {**super().get_execution_context(), "refused": self.refused}

    @classmethod
    def _publish(cls, page, user, refused):
        revision = page.get_latest_revision() or page.specific.save_revision(user=user)
        try:
            with transaction.atomic():
                revision.publish(user=user)
        except PublishRefused as error:
            refused.append((page, error.messages))
            return False
        return True

    @classmethod
    def execute_action(cls, objects, include_descendants=False, user=None, refused=None, **kwargs):
        refused = [] if refused is None else refused
        num_parent_objects, num_child_objects = 0, 0
        for page in objects:
            num_parent_objects += cls._publish(page, user, refused)
            if not include_descendants:
                continue
            descendants = page.get_descendants().not_live().defer_streamfields().specific()
            for descendant in descendants.iterator():
                if user is None or descendant.permissions_for_user(user).can_publish():
                    num_child_objects += cls._publish(descendant, user, refused)
        return num_parent_objects, num_child_objects

    def get_success_message(self, num_parent_objects, num_child_objects):
        for page, reasons in self.refused:
            title = page.get_admin_display_title()
            for reason in reasons:
                messages.error(self.request, f"“{title}” was not published. {reason}")
        if self.refused:
            messages.error(
                self.request,
                ngettext(
                    "%(count)d page was not published.",
                    "%(count)d pages were not published.",
                    len(self.refused),
                )
                % {"count": len(self.refused)},
            )
        if num_parent_objects or num_child_objects:
            return super().get_success_message(num_parent_objects, num_child_objects)
        return None
