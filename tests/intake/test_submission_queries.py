"""What a submission costs: the form's definition comes from the cache, the row is one INSERT."""

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
