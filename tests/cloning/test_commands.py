import pytest
from django.core.management import CommandError, call_command

from cms.pages.models import ConditionPage


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("clone_condition", *args, stdout=out, stderr=err)
    finally:
        run.out, run.err = out.getvalue(), err.getvalue()


def test_clone_and_publish_is_refused_until_reviewed(template, condition_index):
    with pytest.raises(CommandError, match="never been medically reviewed"):
        run(
            "Spine condition", "--name", "Spinal Stenosis", "--set", "body_area=back", "--publish"
        )
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()


def test_clone_and_submit_for_review(template, condition_index, client):
    run(
        "Spine condition",
        "--name",
        "Spinal Stenosis",
        "--set",
        "body_area=lower back",
        "--submit-for-review",
    )
    assert "Created 'Spinal Stenosis' (draft, submitted for medical review" in run.out
    page = ConditionPage.objects.get(slug="spinal-stenosis")
    assert page.current_workflow_state.workflow.name == "Medical review"
    assert client.get("/conditions/spinal-stenosis/").status_code == 404


def test_parent_by_path_and_slug(template, condition_index):
    run(
        str(template.pk),
        "--name",
        "Lumbar Stenosis",
        "--set",
        "body_area=back",
        "--parent",
        "/conditions/",
        "--slug",
        "lumbar",
    )
    page = ConditionPage.objects.get(slug="lumbar")
    assert not page.live and page.get_parent().pk == condition_index.pk


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nope", "--name", "X"], "No condition template “Nope”"),
        (["Spine condition"], "Give either --name or --from-csv"),
        (["Spine condition", "--name", "X", "--set", "novalue"], "KEY=VALUE"),
        (["Spine condition", "--name", "X"], "Body area"),
        (["Spine condition", "--name", "X", "--set", "body_area=b", "--parent", "/x/"], "/x/"),
        (["Spine condition", "--name", "Sciatica", "--set", "body_area=b"], "--slug"),
    ],
)
def test_errors_are_clear(template, condition_index, linked_page, args, message):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert message in str(caught.value)


def test_csv_creates_good_rows_and_reports_bad_ones(template, condition_index, tmp_path):
    csv_file = tmp_path / "conditions.csv"
    csv_file.write_text(
        "name,body_area,condition_short,slug\n"
        "Spinal Stenosis,lower back,,\n"
        "Herniated Disc,,HD,\n"  # no body area: fails
        "Sciatica,leg,,sciatic-pain\n"
        ",neck,,\n",  # no name: fails
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        run("Spine condition", "--from-csv", str(csv_file))
    assert "2 of 4 rows failed" in str(caught.value)
    assert "Row 3 (Herniated Disc): FAILED: body_area: Give a value for “Body area”." in run.err
    assert "Row 5 ((no name)): FAILED" in run.err
    assert "2 created, 2 failed." in run.out
    created = ConditionPage.objects.exclude(slug="sciatica")  # the template's link target
    assert set(created.values_list("slug", flat=True)) == {
        "spinal-stenosis",
        "sciatic-pain",
    }
    stenosis = ConditionPage.objects.get(slug="spinal-stenosis")
    assert stenosis.body[0].value["intro"] == (
        "Spinal Stenosis (Spinal Stenosis) affects the lower back."
    )


def test_csv_file_missing(template, condition_index, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("Spine condition", "--from-csv", str(tmp_path / "missing.csv"))
