"""A page that still holds a placeholder is refused, with a message, by every way of publishing.
(The pages here are medically approved, so that the placeholder is the only objection.)"""

import datetime
from io import StringIO

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.pages.models import ConditionPage
from tests.factories import ConditionPageFactory, approve

LEFT = "{{ condition }} is left in field “Short summary”. Replace it with real text first."


def draft(parent, title, short_summary="A short summary."):
    page = ConditionPageFactory(parent=parent, title=title, live=False)
    page.short_summary = short_summary
    return page


def bulk_publish_url(*pages):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return url + "?" + "&".join(f"id={page.pk}" for page in pages)


def is_live(page):
    return ConditionPage.objects.get(pk=page.pk).live


def test_bulk_publish_refuses_a_page_with_a_placeholder_and_publishes_the_others(
    admin_client, condition_index
):
    good = draft(condition_index, "Sciatica")
    good.save_revision()
    approve(good)
    bad = draft(condition_index, "Half done", short_summary="About {{ condition }}.")
    bad.save_revision()
    approve(bad)

    response = admin_client.post(bulk_publish_url(good, bad), {"next": "/admin/"})

    assert response.status_code == 302
    assert is_live(good)
    assert not is_live(bad)
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        f"“Half done” was not published. {LEFT}",
        "1 page was not published.",
        "1 page has been published",
    ]


def test_bulk_publish_of_an_index_with_descendants_skips_the_refused_child(
    admin_client, condition_index
):
    good = draft(condition_index, "Sciatica")
    good.save_revision()
    approve(good)
    bad = draft(condition_index, "Half done", short_summary="About {{ condition }}.")
    bad.save_revision()
    approve(bad)

    response = admin_client.post(
        bulk_publish_url(condition_index), {"include_descendants": "on", "next": "/admin/"}
    )

    assert response.status_code == 302
    assert is_live(good)
    assert not is_live(bad)
    assert f"“Half done” was not published. {LEFT}" in [
        str(m).strip() for m in get_messages(response.wsgi_request)
    ]


def test_bulk_publish_with_only_refused_pages_claims_no_success(admin_client, condition_index):
    bad = draft(condition_index, "Half done", short_summary="About {{ condition }}.")
    bad.save_revision()
    approve(bad)

    response = admin_client.post(bulk_publish_url(bad), {"next": "/admin/"})

    assert response.status_code == 302
    assert not is_live(bad)
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        f"“Half done” was not published. {LEFT}",
        "1 page was not published.",
    ]


def schedule(page, minutes_ago):
    revision = page.save_revision(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    approve(page)
    return revision


def test_publish_scheduled_skips_a_refused_page_and_publishes_the_rest(condition_index):
    # The refused revision is due first: Wagtail's command would stop there, on every run.
    bad = draft(condition_index, "Half done", short_summary="About {{ condition }}.")
    bad_revision = schedule(bad, minutes_ago=10)
    good = draft(condition_index, "Sciatica")
    schedule(good, minutes_ago=5)
    err = StringIO()

    call_command("publish_scheduled", stdout=StringIO(), stderr=err)

    assert is_live(good)
    assert not is_live(bad)
    assert f"Skipped “Half done” (page {bad.pk}, revision {bad_revision.pk}): {LEFT}" in (
        err.getvalue()
    )
    bad_revision.refresh_from_db()
    assert bad_revision.approved_go_live_at is None  # not retried (and refused) on every run
    assert PageLogEntry.objects.filter(page=bad, action="wagtail.schedule.cancel").exists()


def test_publish_scheduled_dry_run_reports_but_changes_nothing(condition_index):
    bad = draft(condition_index, "Half done", short_summary="About {{ condition }}.")
    bad_revision = schedule(bad, minutes_ago=10)
    err = StringIO()

    call_command("publish_scheduled", "--dryrun", stdout=StringIO(), stderr=err)

    assert "Would skip “Half done”" in err.getvalue()
    bad_revision.refresh_from_db()
    assert bad_revision.approved_go_live_at is not None
