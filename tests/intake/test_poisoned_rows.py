"""Rows stored before answers were checked (lone surrogates, control characters) can still be
viewed and exported in full; an export that fails anyway says so and is audited."""

import csv
import io
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from cms.intake.models import IntakeSubmission

INDEX = reverse("intake_submissions:index")
ROWS = 21


@pytest.fixture
def poisoned(spine_form, answers):
    """``ROWS`` submissions written straight to the table, one of them poisoned."""
    rows = []
    for n in range(ROWS):
        name = "\ud800Jane\x00Doe\x0b" if n == 8 else f"Patient {n}"
        rows.append(
            IntakeSubmission.objects.create(
                form=spine_form,
                form_version=spine_form.version,
                form_snapshot=spine_form.schema(),
                answers={**answers, "name": name},
                consent_version="2025-01",
                consent_given_at=timezone.now(),
            )
        )
    return rows[8]


def test_poisoned_submission_page_shows_replacement_characters(manager_client, poisoned):
    response = manager_client.get(reverse("intake_submissions:inspect", args=[poisoned.pk]))
    assert response.status_code == 200
    assert "\ufffdJane\ufffdDoe\ufffd" in response.content.decode()
    assert ModelLogEntry.objects.filter(action="intake.view").count() == 1


def test_csv_export_delivers_every_row(manager_client, poisoned):
    response = manager_client.get(INDEX + "?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == ROWS + 1
    assert any("\ufffdJane\ufffdDoe\ufffd" in row for row in rows)
    assert ModelLogEntry.objects.filter(action="intake.export").count() == ROWS


def test_xlsx_export_delivers_every_row(manager_client, poisoned):
    response = manager_client.get(INDEX + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert sheet.max_row == ROWS + 1
    assert "\ufffdJane\ufffdDoe\ufffd" in values
    assert ModelLogEntry.objects.filter(action="intake.export").count() == ROWS


@pytest.mark.parametrize("spreadsheet_format", ["csv", "xlsx"])
def test_failed_export_is_visible_and_audited(manager_client, poisoned, spreadsheet_format):
    with mock.patch("cms.intake.viewsets.answer_cells", side_effect=RuntimeError("boom")):
        response = manager_client.get(INDEX + "?export=" + spreadsheet_format, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "The export failed" in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="intake.export").exists()
    failed = ModelLogEntry.objects.filter(action="intake.export_failed")
    assert failed.count() == ROWS
    assert failed.first().data == {"format": spreadsheet_format}
