"""Background work for intake submissions, run by django-tasks after the submission commits."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task
from wagtail.models import Site

logger = logging.getLogger("cms.intake")


@task()
def notify_new_submission(submission_id: str):
    """Email the form's clinic address that a submission arrived.

    The mail carries no answers, only a link to the submission in the admin. It runs after the
    submission has committed, so a mail failure fails this task, never the submission.
    """
    submission = _submission(submission_id)
    if submission is None or not submission.form.notification_email:
        return
    link = admin_base_url() + submission.get_admin_url()
    send_mail(
        subject=f"New intake submission: {submission.form.title}",
        message=(
            f'A new submission arrived for "{submission.form.title}".\n\n'
            f"Open it in the admin (sign-in required):\n{link}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[submission.form.notification_email],
    )


def _submission(submission_id):
    """The submission and its form, without its answers and snapshot: a mail holds no health
    data, so a task never decrypts (or even reads) them."""
    from .models import IntakeSubmission

    columns = ("pk", "form", "form__title", "form__notification_email")
    submissions = IntakeSubmission.objects.select_related("form").only(*columns)
    return submissions.filter(pk=submission_id).first()


def admin_base_url() -> str:
    """WAGTAILADMIN_BASE_URL (from PUBLIC_BASE_URL in production), else the default Site's URL."""
    if settings.WAGTAILADMIN_BASE_URL:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


@task(priority=100)
def notify_urgent_submission(submission_id: str):
    """Tell every Intake manager (and the form's address) at once that an urgent submission
    arrived. Like every intake mail it holds no health data: which rule matched, and every
    answer, stay behind the admin link."""
    from django.contrib.auth import get_user_model

    from .groups import INTAKE_MANAGERS

    submission = _submission(submission_id)
    if submission is None:
        return
    managers = get_user_model().objects.filter(
        groups__name=INTAKE_MANAGERS, is_active=True
    ).exclude(email="")
    recipients = sorted({*managers.values_list("email", flat=True)})
    if submission.form.notification_email:
        recipients = sorted({*recipients, submission.form.notification_email})
    if not recipients:
        logger.warning("Urgent submission %s: no Intake manager has an email.", submission.pk)
        return
    link = admin_base_url() + submission.get_admin_url()
    send_mail(
        subject="URGENT intake submission: please review now",
        message=(
            "An intake submission was marked urgent and needs review now.\n\n"
            f"Open it in the admin (sign-in required):\n{link}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
