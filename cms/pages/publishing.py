"""Extension points for publishing condition pages.

Condition pages carry medical content. Their clinical content is published only as a medical
reviewer approved it (:mod:`cms.pages.reviewing`); :meth:`ConditionPage.publish` enforces that on
every way of publishing. Other apps may hold a page back from publication too, through two Wagtail
hooks, registered in their own ``wagtail_hooks.py`` (the pages app
knows nothing about the apps that use them):

``condition_page_publish_checks``
    ``fn(page) -> iterable of str``: why ``page`` (the revision about to be published, as a page
    object) may not be published *by anybody*, e.g. template placeholders left in its text.
    An empty iterable means no objection. :meth:`ConditionPage.publish` runs every check on every
    way of publishing (admin, bulk publish, API, workflows, ``publish_scheduled``, commands) and
    raises :class:`PublishRefused` with all the reasons.

``condition_page_publish_holds``
    ``fn(user, page) -> iterable of str``: why ``user`` may not publish ``page``. ``user`` is
    never ``None`` or a superuser (superusers and the command line are never held). Holds are
    permissions: they hide the Publish button, make bulk publish skip the page and make the API
    answer 403, through :class:`ConditionPagePermissionTester`.

Each message is shown to editors as it is, so write a full sentence saying what to fix.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from wagtail import hooks
from wagtail.models import PagePermissionTester

from cms.blocks.base import is_unwritten

from .reviewing import review_problems

PUBLISH_CHECKS_HOOK = "condition_page_publish_checks"
PUBLISH_HOLDS_HOOK = "condition_page_publish_holds"


class PublishRefused(ValidationError):
    """A condition page failed a publish check; ``messages`` says why. The API answers 422:
    the content itself must change."""

    status = 422


class MedicalReviewRequired(PublishRefused):
    """The page's clinical content lacks a medical approval (among other reasons, perhaps).
    The API answers 403: someone else (a medical reviewer) must act."""

    status = 403
    code = "medical_review_required"


def publish_problems(page) -> list[str]:
    """Every reason from the ``condition_page_publish_checks`` hooks not to publish ``page``."""
    return [message for fn in hooks.get_hooks(PUBLISH_CHECKS_HOOK) for message in fn(page) or ()]


def check_publishable(page) -> None:
    """Raise :class:`PublishRefused` if any publish check objects to ``page``, or
    :class:`MedicalReviewRequired` if its clinical content is not approved
    (:func:`cms.pages.reviewing.review_problems`)."""
    problems = publish_problems(page)
    review = review_problems(page)
    if review:
        raise MedicalReviewRequired(review + problems)
    if problems:
        raise PublishRefused(problems)


def unwritten_sections(page) -> list[str]:
    """How the editor knows each section of ``page`` still holding template guidance:
    its label and heading, e.g. ``"Symptom list: Symptoms of Spinal Stenosis"``."""
    names = []
    for child in getattr(page, "body", None) or ():
        if is_unwritten(child.value):
            heading = child.value.get("heading") or ""
            label = str(child.block.label)
            names.append(f"{label}: {heading}" if heading else label)
    return names


def unwritten_sections_check(page) -> list[str]:
    """Nobody publishes template guidance: every section must be written first."""
    names = unwritten_sections(page)
    if not names:
        return []
    return [
        "Some sections still hold the template's writing guidance: "
        + "; ".join(names)
        + ". Write each one and untick “Not written yet” in its settings."
    ]


def publish_holds(user, page) -> list[str]:
    """Every reason from the ``condition_page_publish_holds`` hooks why ``user`` may not publish."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return []
    return [
        message for fn in hooks.get_hooks(PUBLISH_HOLDS_HOOK) for message in fn(user, page) or ()
    ]


class ConditionPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, with ``condition_page_publish_holds`` applied to publishing
    and the rules of :mod:`cms.pages.roles` for people who may not publish (Marketers):

    * they delete only their own drafts that were never published (Wagtail lets anyone who
      may edit delete any page that is not live);
    * they never move a page (Wagtail lets them move pages that are not live).
    """

    def may_publish_at_all(self) -> bool:
        return self.user.is_superuser or "publish" in self.permissions

    def can_publish(self):
        return super().can_publish() and not publish_holds(self.user, self.page)

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.may_publish_at_all():
            return True
        return self.page.owner_id == self.user.pk and self.page.first_published_at is None

    def can_move(self):
        return self.may_publish_at_all() and super().can_move()

    def can_move_to(self, destination):
        return self.may_publish_at_all() and super().can_move_to(destination)


def may_move(user, page) -> bool:
    """Whether ``user`` may move ``page`` (which may be a plain ``Page``, as move views use)."""
    return page.specific_deferred.permissions_for_user(user).can_move()
