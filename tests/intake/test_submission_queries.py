"""What a submission costs: the form's definition comes from the cache, the row is one INSERT."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.intake.models import IntakeFormField, IntakeRedFlag, IntakeSubmission


def test_repeat_submission_is_one_insert(spine_form, answers, submit, django_assert_num_queries):
    assert submit("spine", answers).status_code == 201  # loads and caches the definition
    with django_assert_num_queries(1) as captured:  # was 6: form, rows, rules, BEGIN, COMMIT
        assert submit("spine", answers).status_code == 201
    sql = [query["sql"] for query in captured.captured_queries]
    assert sum(s.startswith("INSERT") for s in sql) == 1
    assert not any(s.startswith("SELECT") for s in sql)
    assert IntakeSubmission.objects.count() == 2


def test_field_edit_is_seen_by_the_next_submission(spine_form, answers, submit):
    assert submit("spine", answers).status_code == 201
    IntakeFormField.objects.create(
        form=spine_form, label="Extra", field_type="singleline", required=True, sort_order=99
    )
    response = submit("spine", answers)
    assert response.status_code == 422
    assert "extra" in response.json()["field_errors"]
    extra = IntakeFormField.objects.get(label="Extra")
    extra.delete()
    assert submit("spine", answers).status_code == 201


def test_red_flag_added_later_marks_the_next_submission_urgent(spine_form, answers, submit):
    assert submit("spine", answers).status_code == 201
    assert not IntakeSubmission.objects.get().urgent
    IntakeRedFlag.objects.create(
        form=spine_form, field="pain_score", operator="at_least", value="5", message="Call now."
    )
    assert submit("spine", answers).status_code == 201
    assert IntakeSubmission.objects.filter(urgent=True).count() == 1


def test_form_edit_changes_the_snapshot_version(spine_form, answers, submit):
    assert submit("spine", answers).status_code == 201
    spine_form.title = "Renamed"
    spine_form.save()
    assert submit("spine", answers).status_code == 201
    versions = sorted(IntakeSubmission.objects.values_list("form_version", flat=True))
    assert versions == [1, 2]


def test_deleted_form_is_404(db, answers, submit):
    from .factories import SPINE_ROWS, build_form

    intake_form = build_form(SPINE_ROWS, slug="gone")
    assert submit("gone", answers).status_code == 201
    IntakeSubmission.objects.all().delete()
    intake_form.delete()
    assert submit("gone", answers).status_code == 404


def test_html_form_post_uses_the_cached_definition(db, client, settings):
    """The server-rendered form's final POST shares the API's cached definition: one INSERT."""
    from .factories import SPINE_ROWS, build_form, short_form_final_post

    build_form(SPINE_ROWS[:4], slug="short")
    settings.INTAKE_MIN_FILL_SECONDS = 0
    data = short_form_final_post()
    assert client.get("/intake/short/").status_code == 200  # loads and caches the definition
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/intake/short/", data)
    assert response.status_code == 302, response.content
    sql = [query["sql"] for query in captured.captured_queries]
    assert [s.split(" ")[0] for s in sql] == ["INSERT"], sql
    assert IntakeSubmission.objects.count() == 1


def test_a_form_without_an_address_queues_no_notification(
    spine_form, answers, submit, django_capture_on_commit_callbacks
):
    spine_form.notification_email = ""
    spine_form.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert submit("spine", answers).status_code == 201
    assert callbacks == []


def test_an_urgent_submission_is_announced_without_a_form_address(
    spine_form, answers, submit, django_capture_on_commit_callbacks
):
    spine_form.notification_email = ""
    spine_form.save()
    IntakeRedFlag.objects.create(
        form=spine_form, field="how_long", operator="equals", value=answers["how_long"], message="!"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert submit("spine", answers).status_code == 201
    assert len(callbacks) == 1  # the urgent notice to the Intake managers


def test_a_counted_client_costs_one_cache_call(spine_form, answers, submit):
    from unittest import mock

    from cms.intake import protection

    assert submit("spine", answers).status_code == 201  # starts this window's counter
    with mock.patch.object(protection, "cache", wraps=protection.cache) as counted:
        assert submit("spine", answers).status_code == 201
    assert [call[0] for call in counted.method_calls] == ["incr"]
