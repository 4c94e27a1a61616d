"""Date fields may refuse dates in the future or in the past."""

import datetime

import pytest
from django.utils import timezone

from .factories import build_form


def day(offset):
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


def form_with(limit):
    rows = [("Surgery date", "date", {"date_limit": limit}), ("I agree", "consent", {})]
    return build_form(rows, title="Dates", slug=f"dates-{limit or 'any'}")


@pytest.mark.parametrize(
    ("limit", "value", "valid"),
    [
        ("not_future", 1, False),
        ("not_future", 0, True),
        ("not_future", "2035-01-01", False),
        ("not_past", -1, False),
        ("not_past", 1, True),
        ("", "2035-01-01", True),
    ],
)
def test_the_form_builder_enforces_the_limit(db, limit, value, valid):
    form_class = form_with(limit).get_form_class()
    value = day(value) if isinstance(value, int) else value
    form = form_class(data={"surgery_date": value, "i_agree": "on"})
    assert form.is_valid() is valid, form.errors


def test_the_api_refuses_a_future_date_with_a_message(db, submit):
    form_with("not_future")
    response = submit("dates-not_future", {"surgery_date": "2035-01-01", "i_agree": True})
    assert response.status_code == 422
    assert response.json()["field_errors"] == {
        "surgery_date": "Enter a date that is today or earlier."
    }


def test_the_limit_is_in_the_schema_and_the_date_input(db, client):
    form_with("not_future")
    schema = client.get("/api/v3/intake/forms/dates-not_future/").json()
    assert schema["steps"][0]["fields"][0]["date_limit"] == "not_future"
    html = client.get("/intake/dates-not_future/").content.decode()
    assert f'max="{day(0)}"' in html


def test_only_date_fields_take_a_limit(db):
    from django.core.exceptions import ValidationError

    from cms.intake.models import IntakeFormField

    row = IntakeFormField(label="Name", field_type="singleline", date_limit="not_past")
    with pytest.raises(ValidationError):
        row.clean()


def test_the_date_input_limit_is_today_when_rendered(db, client):
    """The built form class is kept with the cached definition: its limit must not age."""
    from unittest import mock

    form_class = form_with("not_future").get_form_class()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with mock.patch("cms.intake.forms.timezone.localdate", return_value=tomorrow):
        html = str(form_class()["surgery_date"])
    assert f'max="{tomorrow.isoformat()}"' in html and 'type="date"' in html
