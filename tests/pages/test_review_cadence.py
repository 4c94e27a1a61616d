"""Review cadence: every approval falls due again after MEDICAL_REVIEW_INTERVAL_MONTHS, and a
page past that date is "overdue" in its review, the API, the HTML, the dashboard and the report."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.pages.cadence import add_months
from cms.pages.dashboard import ReviewWorklistPanel, review_worklist
from cms.pages.models import ConditionPage, MedicalApproval
from cms.pages.roles import MARKETERS
from tests.factories import ConditionPageFactory, ReviewerFactory, approve, publish_approved

REPORT = "medical_review_status"


def approved_page(parent, title, days_ago):
    """A live condition page whose live content a reviewer approved ``days_ago`` days ago."""
    page = ConditionPageFactory(parent=parent, title=title)
    publish_approved(page)
    approved_at = timezone.now() - datetime.timedelta(days=days_ago)
    MedicalApproval.objects.filter(page_id=page.pk).update(approved_at=approved_at)
    return ConditionPage.objects.get(pk=page.pk)


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(username="reviewer")


@pytest.fixture
def stale_page(condition_index, reviewer):
    return approved_page(condition_index, "Sciatica", days_ago=400)  # about 13 months


@pytest.fixture
def fresh_page(condition_index, reviewer):
    return approved_page(condition_index, "Spinal stenosis", days_ago=35)  # about a month


@pytest.fixture
def unreviewed_page(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Whiplash")  # live, never approved


def approval_date(page):
    return MedicalApproval.objects.get(page_id=page.pk).approved_at.date()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2024, 5, 14), 12, datetime.date(2025, 5, 14)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 11, 30), 3, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 12, 1), 18, datetime.date(2026, 6, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_a_page_approved_a_month_ago_is_reviewed_until_twelve_months_after(fresh_page):
    review = fresh_page.review
    assert review.status == "reviewed"
    assert review.next_review_due == add_months(approval_date(fresh_page), 12)
    assert review.reviewer_name == "Dr. Rivera"


def test_a_page_approved_13_months_ago_is_overdue_and_still_names_its_reviewer(stale_page):
    review = stale_page.review
    assert review.status == "overdue"
    assert review.is_reviewed  # its content is what was approved, on that date, by that person
    assert review.last_reviewed == approval_date(stale_page)
    assert review.next_review_due == add_months(approval_date(stale_page), 12)
    assert review.next_review_due < timezone.localdate()


def test_the_interval_setting_moves_the_due_date(settings, stale_page, fresh_page):
    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 24
    stale = ConditionPage.objects.get(pk=stale_page.pk).review
    assert stale.status == "reviewed"
    assert stale.next_review_due == add_months(approval_date(stale_page), 24)

    settings.MEDICAL_REVIEW_INTERVAL_MONTHS = 1
    assert ConditionPage.objects.get(pk=fresh_page.pk).review.status == "overdue"


def test_a_new_approval_of_the_same_content_starts_a_new_interval(stale_page, reviewer):
    approve(stale_page, reviewer)
    review = ConditionPage.objects.get(pk=stale_page.pk).review
    assert review.status == "reviewed"
    assert review.next_review_due == add_months(timezone.localdate(), 12)


def test_changed_or_unreviewed_content_has_no_due_date(unreviewed_page, fresh_page):
    assert unreviewed_page.review.status == "never"
    assert unreviewed_page.review.next_review_due is None
    fresh_page.short_summary = "Rewritten without review."
    assert ConditionPage.objects.get(pk=fresh_page.pk).review.status == "reviewed"
    assert fresh_page.review.status == "pending"
    assert fresh_page.review.next_review_due is None


# -- what the public sees ------------------------------------------------------------------------


def test_the_api_says_overdue_with_the_due_date(client, stale_page, fresh_page, unreviewed_page):
    review = client.get(f"/api/v3/pages/{stale_page.pk}/").json()["review"]
    assert review == {
        "status": "overdue",
        "reviewer_name": "Dr. Rivera",
        "reviewer_credentials": "MD, spine surgery",
        "last_reviewed": approval_date(stale_page).isoformat(),
        "next_review_due": add_months(approval_date(stale_page), 12).isoformat(),
    }
    fresh = client.get(f"/api/v3/pages/{fresh_page.pk}/").json()["review"]
    assert fresh["status"] == "reviewed"
    assert fresh["next_review_due"] == add_months(approval_date(fresh_page), 12).isoformat()
    never = client.get(f"/api/v3/pages/{unreviewed_page.pk}/").json()["review"]
    assert never["status"] == "never"
    assert never["next_review_due"] is None


def test_api_listings_give_each_page_its_due_date(client, stale_page, fresh_page):
    items = client.get("/api/v2/pages/", {"type": "pages.ConditionPage", "fields": "review"})
    statuses = {item["title"]: item["review"]["status"] for item in items.json()["items"]}
    assert statuses == {"Sciatica": "overdue", "Spinal stenosis": "reviewed"}


def test_json_ld_and_the_page_keep_the_true_review_date_and_say_it_is_overdue(client, stale_page):
    jsonld = stale_page.jsonld()
    assert jsonld["lastReviewed"] == approval_date(stale_page).isoformat()
    assert jsonld["reviewedBy"]["name"] == "Dr. Rivera"

    html = client.get(stale_page.url).content.decode()
    assert "Medically reviewed by Dr. Rivera" in html
    due = add_months(approval_date(stale_page), 12)
    assert f'Its next review was due <time datetime="{due:%Y-%m-%d}">' in html


def test_a_reviewed_page_says_when_its_next_review_is_due(client, fresh_page):
    due = add_months(approval_date(fresh_page), 12)
    html = client.get(fresh_page.url).content.decode()
    assert f'Next review due <time datetime="{due:%Y-%m-%d}">' in html


def test_the_edit_view_says_the_review_is_overdue(admin_client, stale_page):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[stale_page.pk]))
    assert "its review is <strong>overdue</strong>" in response.content.decode()


# -- the reviewers' dashboard panel --------------------------------------------------------------


def test_the_panel_lists_waiting_overdue_and_unreviewed_pages(
    client, reviewer, condition_index, stale_page, fresh_page, unreviewed_page
):
    waiting = ConditionPageFactory(parent=condition_index, title="Disc herniation", live=False)
    waiting.save_revision()
    waiting.get_workflow().start(waiting, user=reviewer)
    client.force_login(reviewer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    panel = html[html.index('id="medical-review-section"') :]
    assert "Waiting for review (1)" in panel and "Disc herniation" in panel
    assert "Overdue for review (1)" in panel and "Sciatica" in panel
    assert "Live without a review of their content (1)" in panel and "Whiplash" in panel
    assert "Spinal stenosis" not in panel
    assert reverse(REPORT) in panel


def test_the_panel_is_for_medical_reviewers_and_superusers(client, superuser, editor, stale_page):
    def sees_panel(user):
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        return 'id="medical-review-section"' in html

    assert sees_panel(superuser)
    assert not sees_panel(editor)


def test_the_panel_reads_a_constant_number_of_queries(
    condition_index, reviewer, rf, django_assert_max_num_queries
):
    for n in range(6):
        approved_page(condition_index, f"Condition {n}", days_ago=400 if n % 2 else 35)
        ConditionPageFactory(parent=condition_index, title=f"Unreviewed {n}")
        waiting = ConditionPageFactory(parent=condition_index, title=f"Waiting {n}", live=False)
        waiting.save_revision()
        waiting.get_workflow().start(waiting, user=reviewer)
    request = rf.get("/admin/")
    request.user = reviewer
    worklist = review_worklist()
    assert [len(worklist[key]) for key in ("waiting", "overdue", "unreviewed")] == [6, 3, 6]
    with django_assert_max_num_queries(5):
        html = ReviewWorklistPanel().render_html({"request": request})
    assert "Waiting 5" in html and "Condition 1" in html and "Unreviewed 5" in html


# -- the report ----------------------------------------------------------------------------------


def report(client, **params):
    return client.get(reverse(REPORT), params)


def test_the_report_lists_every_condition_page_with_its_review(
    editor_client, stale_page, fresh_page, unreviewed_page
):
    html = report(editor_client).content.decode()
    for title in ("Sciatica", "Spinal stenosis", "Whiplash"):
        assert title in html
    assert "Overdue" in html and "Never reviewed" in html
    assert add_months(approval_date(stale_page), 12).isoformat() in html
    # Never reviewed first, then the oldest review.
    assert html.index("Whiplash") < html.index("Sciatica") < html.index("Spinal stenosis")


def test_the_report_filters_by_status_and_due_date(
    editor_client, stale_page, fresh_page, unreviewed_page
):
    overdue = report(editor_client, status="overdue").content.decode()
    assert "Sciatica" in overdue
    assert "Spinal stenosis" not in overdue and "Whiplash" not in overdue

    soon = report(editor_client, due_within_days=30).content.decode()
    assert "Sciatica" in soon  # overdue pages are due already
    assert "Spinal stenosis" not in soon  # due in eleven months

    within_a_year = report(editor_client, due_within_days=366).content.decode()
    assert "Sciatica" in within_a_year and "Spinal stenosis" in within_a_year
    assert "Whiplash" not in within_a_year


def test_the_report_exports_csv_and_xlsx(editor_client, stale_page, fresh_page):
    response = report(editor_client, export="csv", status="overdue")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [
        {
            "Page": "Sciatica",
            "Status": "overdue",
            "Reviewer": "Dr. Rivera",
            "Credentials": "MD, spine surgery",
            "Last reviewed": approval_date(stale_page).isoformat(),
            "Next review due": add_months(approval_date(stale_page), 12).isoformat(),
            "Live": "True",
        }
    ]
    xlsx = report(editor_client, export="xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_report_queries_do_not_grow_with_the_pages(editor_client, condition_index, reviewer):
    def queries(**params):
        with CaptureQueriesContext(connection) as context:
            assert report(editor_client, **params).status_code == 200
        return len(context)

    def add_pages(first, count):
        for n in range(first, first + count):
            approved_page(condition_index, f"Condition {n}", days_ago=400 if n % 2 else 35)

    add_pages(0, 4)
    before = [queries(status="overdue", due_within_days=10), queries(export="csv")]
    add_pages(4, 8)
    assert [queries(status="overdue", due_within_days=10), queries(export="csv")] == before


def test_marketers_do_not_see_the_report(client, stale_page):
    marketer = get_user_model().objects.create_user("marketer", "m@example.com", "password")
    marketer.groups.add(Group.objects.get(name=MARKETERS))
    client.force_login(marketer)
    assert report(client).status_code in (302, 403)
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()
