"""The intake form builder: Wagtail's ``FormBuilder`` extended with intake field types,
conditional visibility, and the JSON schema front-ends render from.

Adding a field type
-------------------
1. Add ``("mytype", "Label")`` to ``FIELD_TYPES`` in ``models.py``.
2. Add ``create_mytype_field(self, field, options)`` to :class:`IntakeFormBuilder` (Wagtail
   picks it by name) returning a Django form field.
3. Add the JSON type the API accepts to ``JSON_TYPES`` (and, if the JSON value differs from
   what the Django field reads from a POST, a branch in :func:`answers_to_form_data`).
"""

import datetime
from collections import OrderedDict
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from cms.blocks.symptoms import BODY_REGIONS

from .rules import DATE_LIMIT_CHECKS, red_flag_messages, rule_matches  # noqa: F401 - re-exported
from .text import UNSAFE_TEXT_CODE, unsafe_text_reason

INTAKE_BODY_REGIONS = [
    *[(key, label) for key, label in BODY_REGIONS if key != "other"],
    ("sacral", "Sacrum and tailbone"),
    ("hip_leg", "Hip and leg"),
    ("shoulder_arm", "Shoulder and arm"),
]
SHORT_TEXT_MAX = 255
LONG_TEXT_MAX = 5000
CHOICE_FIELD_TYPES = {"radio", "dropdown", "checkboxes", "bodyregion"}
MULTIPLE_FIELD_TYPES = {"checkboxes", "bodyregion"}

#: The JSON type the submission API accepts for each field type.
JSON_TYPES = {
    "singleline": "string",
    "multiline": "string",
    "email": "string",
    "phone": "string",
    "date": "string",
    "number": "number",
    "radio": "string",
    "dropdown": "string",
    "checkboxes": "array",
    "yesno": "boolean",
    "painscale": "integer",
    "bodyregion": "array",
    "consent": "boolean",
}

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()./-]{5,29}$", "Enter a phone number of digits, spaces and + ( ) - . /"
)


def split_choices(text):
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class IntakeFormBuilder(FormBuilder):
    """Builds a Django form class from :class:`~cms.intake.models.IntakeFormField` rows."""

    def __init__(self, fields, intake_form=None):
        self.rows = list(fields)
        self.intake_form = intake_form
        super().__init__([row for row in self.rows if row.field_type != "step"])

    def create_singleline_field(self, field, options):
        return forms.CharField(max_length=field.max_length or SHORT_TEXT_MAX, **options)

    def create_multiline_field(self, field, options):
        options.setdefault("widget", forms.Textarea)
        return forms.CharField(max_length=field.max_length or LONG_TEXT_MAX, **options)

    def create_email_field(self, field, options):
        return forms.EmailField(max_length=254, **options)

    def create_phone_field(self, field, options):
        options["widget"] = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
        return forms.CharField(max_length=30, validators=[phone_validator], **options)

    def create_date_field(self, field, options):
        limit = getattr(field, "date_limit", "")
        validators = [DATE_LIMIT_CHECKS[limit]] if limit in DATE_LIMIT_CHECKS else []
        options["widget"] = LimitedDateInput(limit=limit)
        return forms.DateField(input_formats=["%Y-%m-%d"], validators=validators, **options)

    def create_number_field(self, field, options):
        return forms.DecimalField(
            min_value=field.min_value, max_value=field.max_value, max_digits=14, **options
        )

    def create_yesno_field(self, field, options):
        options["initial"] = None
        return forms.TypedChoiceField(
            choices=[("yes", "Yes"), ("no", "No")],
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=forms.RadioSelect,
            **options,
        )

    def create_painscale_field(self, field, options):
        options["initial"] = None
        scale = [(i, str(i)) for i in range(11)]
        return forms.IntegerField(
            min_value=0, max_value=10, widget=forms.RadioSelect(choices=scale), **options
        )

    def create_bodyregion_field(self, field, options):
        allowed = set(split_choices(field.choices))
        options["choices"] = [c for c in INTAKE_BODY_REGIONS if not allowed or c[0] in allowed]
        options["initial"] = None
        return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **options)

    def create_consent_field(self, field, options):
        options["required"] = True  # consent is never optional
        options["initial"] = False
        if self.intake_form is not None:
            options["help_text"] = self.intake_form.consent_text
        return forms.BooleanField(**options)

    def get_formatted_field_choices(self, field):
        return [(choice, choice) for choice in split_choices(field.choices)]

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if not field.default_value:
            options.pop("initial")
        return options

    @property
    def formfields(self):
        formfields = super().formfields
        for row, formfield in zip(self.fields, formfields.values(), strict=True):
            if row.placeholder:
                formfield.widget.attrs["placeholder"] = row.placeholder
            formfield.intake_row = row
        return formfields

    def get_form_class(self):
        attrs = OrderedDict(self.formfields)
        attrs["steps"] = form_steps(self.intake_form, self.rows)
        attrs["step_of"] = {n: i for i, step in enumerate(attrs["steps"]) for n in step["names"]}
        attrs["red_flags"] = self.intake_form.red_flag_rules() if self.intake_form else []
        return type("IntakeSubmissionForm", (IntakeBaseForm,), attrs)


class LimitedDateInput(forms.DateInput):
    """A date input whose ``max`` (``not_future``) or ``min`` (``not_past``) is today.

    Today is read when the input is rendered, not when the form class is built: a built class
    is kept with the cached form definition and may outlive the day.
    """

    input_type = "date"

    def __init__(self, limit="", attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
        self.limit = limit

    def get_context(self, name, value, attrs):
        if self.limit in DATE_LIMIT_CHECKS:
            bound = "max" if self.limit == "not_future" else "min"
            attrs = {**(attrs or {}), bound: timezone.localdate().isoformat()}
        return super().get_context(name, value, attrs)


def form_steps(intake_form, rows):
    """Group rows into steps: ``[{"title", "rule", "names": [...]}, ...]``."""
    title = intake_form.title if intake_form is not None else ""
    steps = [{"title": title, "rule": None, "names": []}]
    for row in rows:
        if row.field_type == "step":
            if steps[-1]["names"] or len(steps) > 1 or steps[-1]["rule"]:
                steps.append({"title": row.label, "rule": row.visibility_rule, "names": []})
            else:  # a leading step break names the first step
                steps[0] = {"title": row.label, "rule": row.visibility_rule, "names": []}
            continue
        steps[-1]["names"].append(row.clean_name or row.get_field_clean_name())
    return [step for step in steps if step["names"]]


class IntakeBaseForm(BaseForm):
    """Validates fields in form order; a field hidden by its (or its step's) rule is skipped:
    never required, and its answer never reaches ``cleaned_data``.

    ``up_to_step`` (an index into ``steps``) limits validation to the steps a patient has seen,
    for the multi-step HTML form.
    """

    steps = []
    step_of = {}  # field name -> index of its step, worked out with the class
    red_flags = []

    def __init__(self, *args, up_to_step=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.up_to_step = up_to_step
        self.hidden_names = set()

    def rule_holds(self, rule):
        if rule is None:
            return True
        return rule_matches(rule, self.cleaned_data.get(rule["field"]))

    def step_visible(self, index):
        return self.rule_holds(self.steps[index]["rule"])

    def field_visible(self, name):
        rule = self.fields[name].intake_row.visibility_rule
        return self.step_visible(self.step_of[name]) and self.rule_holds(rule)

    def _clean_fields(self):
        for name, bf in self._bound_items():
            if self.up_to_step is not None and self.step_of[name] > self.up_to_step:
                continue
            if not self.field_visible(name):
                self.hidden_names.add(name)
                continue
            reason = unsafe_text_reason(bf.data)
            if reason:
                self.add_error(name, ValidationError(reason, code=UNSAFE_TEXT_CODE))
                continue
            try:
                self.cleaned_data[name] = bf.field._clean_bound_field(bf)
            except ValidationError as exc:
                self.add_error(name, exc)

    def raised_red_flags(self, names=None) -> list[dict]:
        """The red-flag rules the validated answers match (only fields in ``names``, if given)."""
        cleaned = getattr(self, "cleaned_data", {})
        return [
            rule
            for rule in self.red_flags
            if rule["field"] in cleaned
            and (names is None or rule["field"] in names)
            and rule_matches(rule, cleaned[rule["field"]])
        ]

    def answers(self) -> dict:
        """``cleaned_data`` as JSON values (numbers as numbers, dates as ISO strings)."""
        data = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else float(value)
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            elif value in (None, "", []):
                continue
            data[name] = value
        return data


def answers_to_form_data(form_class, answers: dict):
    """Turn a JSON ``answers`` object into form data, checking JSON types strictly.

    Returns ``(data, errors)``; ``errors`` maps names to messages for unknown fields and values
    of the wrong JSON type (``3.5`` for a pain score, ``"yes"`` for a yes/no question).
    """
    fields = form_class.base_fields
    data, errors = {}, {}
    for name, value in answers.items():
        if name not in fields:
            errors[name] = "Unknown field."
            continue
        if value is None:
            continue
        expected = JSON_TYPES[fields[name].intake_row.field_type]
        if not _is_json_type(value, expected):
            errors[name] = f"Expected a JSON {expected}."
            continue
        if expected == "boolean" and fields[name].intake_row.field_type == "yesno":
            value = "yes" if value else "no"
        elif expected in ("integer", "number"):
            value = str(value)
        data[name] = value
    return data, errors


def _is_json_type(value, expected):
    if expected == "string":
        return isinstance(value, str)
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected == "array":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return False


def build_schema(intake_form, form_class) -> dict:
    """The JSON description of a form (``form_class`` is its built form class): everything a
    front-end needs to render and validate it."""
    steps = []
    for step in form_class.steps:
        fields = []
        for name in step["names"]:
            formfield = form_class.base_fields[name]
            row = formfield.intake_row
            field = {
                "name": name,
                "label": row.label,
                "type": row.field_type,
                "json_type": JSON_TYPES[row.field_type],
                "required": formfield.required,
                "help_text": row.help_text,
                "placeholder": row.placeholder,
                "visible_if": row.visibility_rule,
                # Every field has every key, so front-ends can rely on one shape.
                "choices": None,
                "multiple": row.field_type in MULTIPLE_FIELD_TYPES,
                "min": _number(getattr(formfield, "min_value", None)),
                "max": _number(getattr(formfield, "max_value", None)),
                "max_length": getattr(formfield, "max_length", None),
                "default": formfield.initial if isinstance(formfield.initial, str) else None,
                "date_limit": (row.date_limit or None) if row.field_type == "date" else None,
            }
            if row.field_type in CHOICE_FIELD_TYPES:
                field["choices"] = [
                    {"value": value, "label": str(label)} for value, label in formfield.choices
                ]
            fields.append(field)
        steps.append({"title": step["title"], "visible_if": step["rule"], "fields": fields})
    return {
        "slug": intake_form.slug,
        "title": intake_form.title,
        "intro": intake_form.intro,
        "version": intake_form.version,
        "consent": {"text": intake_form.consent_text, "version": intake_form.consent_version},
        "success_message": intake_form.success_message,
        "steps": steps,
        "red_flags": intake_form.red_flag_rules(),
    }


def _number(value):
    # A float, as the API schema types it (``IntakeField.min``), so every API serves ``0.0``.
    return None if value is None else float(value)


class IntakeAdminForm(WagtailAdminModelForm):
    """Checks the field rows as a whole: unique names, one consent, rules on earlier fields."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("fields")
        if formset is None:
            return cleaned_data
        seen = {}
        consent_rows = 0
        for form in formset.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            row = form.instance
            rule_field = form.cleaned_data.get("visible_if_field")
            if rule_field and rule_field not in seen:
                form.add_error(
                    "visible_if_field",
                    f"'{rule_field}' is not the name of an earlier field. Earlier fields: "
                    f"{', '.join(seen) or 'none'}.",
                )
            if row.field_type == "step":
                continue
            if row.field_type == "consent":
                consent_rows += 1
            name = row.clean_name or row.get_field_clean_name()
            if name == settings.INTAKE_HONEYPOT_FIELD or name.startswith("_"):
                form.add_error("label", f"'{name}' is reserved; reword the label.")
            if name in seen:
                form.add_error("label", f"Another field already has the name '{name}'.")
            seen[name] = row
        if consent_rows != 1:
            raise ValidationError("An intake form needs exactly one consent field.")
        for form in getattr(self.formsets.get("red_flags"), "forms", []):
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            field = form.cleaned_data.get("field")
            if field and field not in seen:
                form.add_error(
                    "field",
                    f"'{field}' is not the name of a field of this form. Fields: "
                    f"{', '.join(seen) or 'none'}.",
                )
        return cleaned_data
