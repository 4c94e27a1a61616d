"""Background work for condition pages, run by django-tasks."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django_tasks import task
from wagtail.models import Site

from .roles import MEDICAL_REVIEWERS

logger = logging.getLogger("cms.pages")


def admin_base_url() -> str:
    """WAGTAILADMIN_BASE_URL (from PUBLIC_BASE_URL in production), else the default Site's URL."""
    if settings.WAGTAILADMIN_BASE_URL:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


@task()
def mail_overdue_reviews(page_ids: list[int]):
    """Tell each Medical reviewer with an email address which pages' reviews fell overdue.

    The mail names the pages and links to them in the admin; nothing else (no patient data ever
    reaches a condition page). One message per reviewer, so nobody sees the others' addresses.
    """
    from .models import ConditionPage
    from .reviewing import OVERDUE, prefetch_reviews

    pages = list(ConditionPage.objects.filter(pk__in=page_ids).order_by("title"))
    prefetch_reviews(pages)
    pages = [page for page in pages if page.review.status == OVERDUE]  # not reviewed meanwhile
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(groups__name=MEDICAL_REVIEWERS, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not pages or not recipients:
        logger.warning("Overdue medical reviews of pages %s: nobody to tell.", page_ids)
        return
    base = admin_base_url()
    lines = [
        f"- {page.title} (due {page.review.next_review_due:%Y-%m-%d}): "
        f"{base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}"
        for page in pages
    ]
    subject = f"Medical review overdue: {len(lines)} page{'s' if len(lines) != 1 else ''}"
    message = (
        "The medical review of these pages is overdue. Their content is still live as it was "
        "approved; please review it again (sign-in required):\n\n" + "\n".join(lines) + "\n"
    )
    send_mass_mail(
        [(subject, message, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    )
