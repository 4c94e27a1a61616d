"""``manage.py review_overdue``: marks each review that fell overdue once, tells the reviewers,
writes the page's history and refreshes the stored API copy of the page."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.pages.cadence import OverdueNotice, review_status_changed
from cms.pages.models import ConditionPage, MedicalApproval
from cms.pages.overdue import REVIEW_OVERDUE
from tests.factories import ConditionPageFactory, ReviewerFactory, approve, publish_approved


def review_overdue(*args):
    out = io.StringIO()
    call_command("review_overdue", *args, stdout=out)
    return out.getvalue()


def age_approval(page, days):
    approved_at = timezone.now() - datetime.timedelta(days=days)
    MedicalApproval.objects.filter(page_id=page.pk).update(approved_at=approved_at)


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(username="reviewer")


@pytest.fixture
def stale_page(condition_index, reviewer):
    page = ConditionPageFactory(parent=condition_index, title="Sciatica")
    publish_approved(page)
    age_approval(page, 400)
    return ConditionPage.objects.get(pk=page.pk)


@pytest.fixture
def fresh_page(condition_index, reviewer):
    page = ConditionPageFactory(parent=condition_index, title="Spinal stenosis")
    publish_approved(page)
    age_approval(page, 35)
    return ConditionPage.objects.get(pk=page.pk)


def test_marks_an_overdue_page_once_and_tells_the_reviewers_once(stale_page, fresh_page):
    output = review_overdue()

    assert "Marked “Sciatica”" in output and "Spinal stenosis" not in output
    notice = OverdueNotice.objects.get()
    assert notice.page_id == stale_page.pk
    assert notice.approval == MedicalApproval.objects.get(page_id=stale_page.pk)
    assert notice.next_review_due == stale_page.review.next_review_due
    entry = PageLogEntry.objects.get(page=stale_page, action=REVIEW_OVERDUE)
    assert entry.data["next_review_due"] == stale_page.review.next_review_due.isoformat()
    assert entry.user is None
    (message,) = mail.outbox
    assert message.to == ["reviewer@example.com"]
    assert "Sciatica" in message.body and "Spinal stenosis" not in message.body
    edit_url = reverse("wagtailadmin_pages:edit", args=[stale_page.pk])
    assert f"http://testserver{edit_url}" in message.body

    assert "Marked 0 overdue review(s)." in review_overdue()
    assert OverdueNotice.objects.count() == 1
    assert PageLogEntry.objects.filter(action=REVIEW_OVERDUE).count() == 1
    assert len(mail.outbox) == 1


def test_the_mail_goes_to_each_reviewer_with_an_address_and_names_only_pages(
    stale_page, reviewer
):
    ReviewerFactory(username="second")
    ReviewerFactory(username="no-address", email="")
    inactive = ReviewerFactory(username="left")
    get_user_model().objects.filter(pk=inactive.pk).update(is_active=False)

    review_overdue()

    assert sorted(address for m in mail.outbox for address in m.to) == [
        "reviewer@example.com",
        "second@example.com",
    ]
    for message in mail.outbox:
        assert len(message.to) == 1  # nobody sees the others' addresses
        assert message.subject == "Medical review overdue: 1 page"


def test_a_new_approval_starts_a_new_interval_and_a_new_notice_later(stale_page, reviewer):
    review_overdue()
    approve(stale_page, reviewer)
    assert ConditionPage.objects.get(pk=stale_page.pk).review.status == "reviewed"
    assert "Marked 0" in review_overdue()

    age_approval(stale_page, 400)  # a year on, the new approval (the latest) falls due too
    assert "Marked “Sciatica”" in review_overdue()
    assert OverdueNotice.objects.count() == 2
    assert len(mail.outbox) == 2


def test_pages_not_live_or_changed_since_review_are_not_marked(
    condition_index, stale_page, reviewer
):
    draft = ConditionPageFactory(parent=condition_index, title="Draft", live=False)
    draft.save_revision()
    approve(draft, reviewer)
    age_approval(draft, 400)
    stale_page.unpublish()

    assert "Marked 0" in review_overdue()
    assert not mail.outbox


def test_dry_run_lists_and_marks_nothing(stale_page):
    assert "Would mark “Sciatica”" in review_overdue("--dry-run")
    assert not OverdueNotice.objects.exists()
    assert not mail.outbox


def test_the_api_shows_overdue_once_the_command_ran(client, condition_index, reviewer):
    """A cached API response made while the page was reviewed is refreshed by the command."""
    page = ConditionPageFactory(parent=condition_index, title="Sciatica")
    publish_approved(page)
    url = f"/api/v3/pages/{page.pk}/"
    assert client.get(url).json()["review"]["status"] == "reviewed"
    cached = client.get(url)
    assert cached["X-Cache"] == "hit"

    age_approval(page, 400)  # time passes: nothing is published
    assert client.get(url).json()["review"]["status"] == "reviewed"  # the stored copy

    review_overdue()

    review = client.get(url).json()["review"]
    assert review["status"] == "overdue"
    assert review["next_review_due"] < timezone.localdate().isoformat()


def test_the_signal_names_the_marked_pages(stale_page, fresh_page):
    received = []

    def receiver(sender, pages, **kwargs):
        received.append([page.pk for page in pages])

    review_status_changed.connect(receiver)
    try:
        review_overdue()
        review_overdue()
    finally:
        review_status_changed.disconnect(receiver)
    assert received == [[stale_page.pk]]


def test_the_page_history_says_the_review_fell_overdue(admin_client, stale_page):
    review_overdue()
    response = admin_client.get(reverse("wagtailadmin_pages:history", args=[stale_page.pk]))
    due = stale_page.review.next_review_due.isoformat()
    assert f"Medical review overdue (due {due})" in response.content.decode()
