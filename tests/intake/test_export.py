"""CSV/XLSX export: one column per question from each row's snapshot, formula-safe, audited."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from cms.intake.export import answer_columns, neutralise_formula
from cms.intake.forms import answers_to_form_data
from cms.intake.models import IntakeForm
from cms.intake.submissions import store_submission

from .factories import IntakeFormFieldFactory, build_form

METADATA = [
    "ID",
    "Form",
    "Form version",
    "Submitted at",
    "Status",
    "Consent version",
    "Consent given at",
    "Source page",
]
EXPORT_URL = reverse("intake_submissions:index") + "?export="


@pytest.fixture
def clinic_form(db):
    return build_form(
        [
            ("Name", "singleline", {}),
            ("Symptoms", "checkboxes", {"choices": "Numbness\nWeakness", "required": False}),
            ("Where", "bodyregion", {"required": False}),
            ("Prior surgery", "yesno", {}),
            ("Pain score", "painscale", {"required": False}),
        ],
        title="Clinic",
        slug="clinic",
    )


def answer(intake_form, answers, page=None):
    """Store ``answers`` through the same validation and code path as the API."""
    intake_form = IntakeForm.objects.get(pk=intake_form.pk)  # the current version's rows
    form_class = intake_form.get_form_class()
    data, errors = answers_to_form_data(form_class, {**answers, "consent": True})
    form = form_class(data=data)
    assert not errors and form.is_valid(), (errors, form.errors)
    return store_submission(intake_form, form, page)


def export_csv(client, query=""):
    response = client.get(EXPORT_URL + "csv" + query)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def by_heading(rows):
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def test_one_column_per_question_with_metadata(manager_client, clinic_form, home_page):
    submission = answer(
        clinic_form,
        {
            "name": "Pat Example",
            "symptoms": ["Numbness", "Weakness"],
            "where": ["lumbar", "cervical"],
            "prior_surgery": False,
            "pain_score": 7,
        },
        page=home_page,
    )
    header, row = export_csv(manager_client)
    assert header == [
        *METADATA,
        "Name",
        "Symptoms",
        "Where",
        "Prior surgery",
        "Pain score",
        "Consent",
    ]
    cells = dict(zip(header, row, strict=True))
    assert cells["ID"] == str(submission.pk)
    assert cells["Form"] == "Clinic"
    assert cells["Status"] == "New"
    assert cells["Consent version"] == "2025-01"
    assert cells["Consent given at"].startswith(submission.consent_given_at.date().isoformat())
    assert cells["Source page"] == home_page.title
    assert cells["Name"] == "Pat Example"
    assert cells["Symptoms"] == "Numbness; Weakness"
    assert cells["Where"] == "Lumbar spine (lower back); Cervical spine (neck)"
    assert cells["Prior surgery"] == "No"
    assert cells["Pain score"] == "7"
    assert cells["Consent"] == "Yes"


def test_versions_export_the_union_of_their_questions_in_form_order(manager_client, clinic_form):
    old = answer(clinic_form, {"name": "Old Patient", "prior_surgery": True, "pain_score": 3})
    # Version 2 drops the pain score, renames "Name" and adds an email question after it.
    clinic_form.fields.get(label="Pain score").delete()
    name_row = clinic_form.fields.get(label="Name")
    name_row.label = "Full name"
    name_row.save()
    IntakeFormFieldFactory(form=clinic_form, label="Email", field_type="email", sort_order=0)
    name_row.sort_order = -1
    name_row.save()
    clinic_form.save()
    new = answer(
        clinic_form, {"name": "New Patient", "email": "new@example.com", "prior_surgery": False}
    )
    assert (old.form_version, new.form_version) == (1, 2)

    rows = by_heading(export_csv(manager_client))
    header = export_csv(manager_client)[0]
    assert header[len(METADATA) :] == [
        "Full name",  # the newest wording heads the column
        "Email",
        "Symptoms",
        "Where",
        "Prior surgery",
        "Pain score",  # asked only in version 1: kept, after the question before it
        "Consent",
    ]
    newest, oldest = rows  # the listing's order: newest first
    assert (oldest["Full name"], oldest["Email"], oldest["Pain score"]) == ("Old Patient", "", "3")
    assert (newest["Full name"], newest["Email"], newest["Pain score"]) == (
        "New Patient",
        "new@example.com",
        "",
    )
    assert (oldest["Form version"], newest["Form version"]) == ("1", "2")


def test_answer_columns_merge_in_form_order():
    def snapshot(*names):
        return {"steps": [{"fields": [{"name": n, "label": n.upper()} for n in names]}]}

    columns = answer_columns(
        [snapshot("a", "c", "e"), snapshot("z", "a", "b", "c", "d"), snapshot("x", "y")]
    )
    assert list(columns.values()) == ["Z", "A", "B", "C", "D", "E", "X", "Y"]


@pytest.mark.parametrize("typed", ["=1+1", "+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_that_look_like_formulas_get_an_apostrophe(manager_client, clinic_form, typed):
    answer(clinic_form, {"name": typed, "prior_surgery": True})
    (row,) = by_heading(export_csv(manager_client))
    assert row["Name"] == "'" + typed


def test_csv_leaves_ordinary_text_and_numbers_alone(manager_client, clinic_form):
    answer(clinic_form, {"name": "Pat - Example = ok", "prior_surgery": True, "pain_score": 0})
    (row,) = by_heading(export_csv(manager_client))
    assert (row["Name"], row["Pain score"]) == ("Pat - Example = ok", "0")


def test_xlsx_has_the_same_columns_and_keeps_formulas_as_text(manager_client, clinic_form):
    answer(clinic_form, {"name": '=HYPERLINK("http://x")', "prior_surgery": True})
    response = manager_client.get(EXPORT_URL + "xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = sheet.iter_rows()
    assert [cell.value for cell in header][len(METADATA) :][:2] == ["Name", "Symptoms"]
    name = row[len(METADATA)]
    assert (name.value, name.data_type) == ('=HYPERLINK("http://x")', "s")


def test_headings_that_look_like_formulas_are_neutralised():
    assert neutralise_formula("=cmd") == "'=cmd"
    assert neutralise_formula("\rcmd") == "'\rcmd"
    assert neutralise_formula(-3) == -3


def test_each_exported_row_is_audited_in_few_queries(
    manager_client, clinic_form, django_assert_max_num_queries
):
    submissions = [answer(clinic_form, {"name": f"P{i}", "prior_surgery": True}) for i in range(3)]
    # 7 (session, user, permissions, profile, submissions with form and page, content type)
    # plus Wagtail's audit entry per row (3 each); answers and columns add none.
    with django_assert_max_num_queries(7 + 3 * len(submissions)):
        rows = export_csv(manager_client, "&status=new")
    assert len(rows) == 4
    logged = ModelLogEntry.objects.filter(action="intake.export", data__format="csv")
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        str(s.pk) for s in submissions
    )
