"""Intake forms built in the admin, and the encrypted submissions they collect.

An :class:`IntakeForm` is an ordered list of :class:`IntakeFormField` rows (Wagtail's
``AbstractFormField`` plus limits and a visibility rule). A row of type ``step`` starts a new
step, so editors build multi-step forms from one ordered list, the way "page break" rows work
in most form builders.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import Orderable
from wagtail.search import index

from .encryption import EncryptedJSONField
from .export import display_answer
from .forms import (
    IntakeAdminForm,
    IntakeFormBuilder,
    build_schema,
    form_steps,
    red_flag_messages,
)

FIELD_TYPES = [
    ("singleline", "Short text"),
    ("multiline", "Long text"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("date", "Date"),
    ("number", "Number"),
    ("radio", "Single choice (radio buttons)"),
    ("dropdown", "Single choice (drop-down)"),
    ("checkboxes", "Multiple choice"),
    ("yesno", "Yes / no"),
    ("painscale", "Pain scale 0-10"),
    ("bodyregion", "Body region"),
    ("consent", "Consent"),
    ("step", "Step break (starts a new step)"),
]

VISIBILITY_OPERATORS = [
    ("equals", "equals"),
    ("contains", "contains"),
    ("at_least", "is at least"),
]

DATE_LIMITS = [
    ("not_future", "Not in the future"),
    ("not_past", "Not in the past"),
]


class IntakeForm(ClusterableModel, index.Indexed):
    """A reusable patient questionnaire, placed on pages with the ``intake_form`` section."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in the API: /api/v3/intake/forms/<slug>/."
    )
    intro = models.TextField(blank=True, max_length=1000)
    consent_text = models.TextField(
        max_length=4000,
        help_text="What the patient agrees to. Shown next to the consent box and stored with "
        "every submission by its version.",
    )
    consent_version = models.CharField(
        max_length=40,
        help_text="Change it whenever the consent text changes, e.g. '2025-01'.",
    )
    success_message = models.TextField(
        max_length=1000, default="Thank you. We will be in touch soon."
    )
    notification_email = models.EmailField(
        blank=True, help_text="Told about each new submission (the email holds no answers)."
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = IntakeAdminForm
    form_builder = IntakeFormBuilder

    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("slug"), FieldPanel("intro")], heading="Form"
        ),
        MultiFieldPanel(
            [FieldPanel("consent_text"), FieldPanel("consent_version")], heading="Consent"
        ),
        MultiFieldPanel(
            [FieldPanel("success_message"), FieldPanel("notification_email")],
            heading="After submitting",
        ),
        InlinePanel("fields", label="Fields and step breaks", min_num=1),
        InlinePanel(
            "red_flags",
            label="Red flags",
            heading="Red flags",
            help_text="Answers that may mean an emergency: the patient sees the message at once "
            "and the submission is marked urgent.",
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = "intake form"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Every save is a new version; submissions keep a snapshot of the one they answered.
        if self.pk:
            self.version += 1
        super().save(*args, **kwargs)
        self._forget_built()

    def __getstate__(self):
        # The built form class cannot be pickled (the definition cache pickles the form and its
        # rows); it and the schema are rebuilt from the rows after loading.
        state = super().__getstate__()
        state.pop("_form_class", None)
        state.pop("_schema", None)
        return state

    def _forget_built(self):
        self._form_class = None
        self._schema = None

    def red_flag_rules(self) -> list[dict]:
        """The red-flag rules as dicts (``field``, ``operator``, ``value``, ``message``)."""
        if getattr(self, "_red_flags", None) is None:
            self._red_flags = [rule.as_dict() for rule in self.red_flags.all()]
        return self._red_flags

    def get_form_fields(self):
        # Cached per instance: one request builds the form class and the schema snapshot.
        if getattr(self, "_rows", None) is None:
            self._rows = list(self.fields.all())
        return self._rows

    @classmethod
    def load_rows(cls, intake_forms) -> None:
        """Load the rows of many forms in one query (a page may place many forms)."""
        pending = {f.pk: f for f in intake_forms if getattr(f, "_rows", None) is None}
        if not pending:
            return
        for intake_form in pending.values():
            intake_form._rows = []
        for row in IntakeFormField.objects.filter(form_id__in=pending).order_by("sort_order"):
            row.form = pending[row.form_id]
            pending[row.form_id]._rows.append(row)
        # Their red-flag rules too, in one more query.
        for intake_form in pending.values():
            intake_form._red_flags = []
        for rule in IntakeRedFlag.objects.filter(form_id__in=pending).order_by("sort_order"):
            pending[rule.form_id]._red_flags.append(rule.as_dict())

    def refresh_from_db(self, *args, **kwargs):
        self._rows = None
        self._red_flags = None
        self._forget_built()
        super().refresh_from_db(*args, **kwargs)

    def get_form_class(self):
        """The Django form class of the rows, built once per instance (like the rows)."""
        if getattr(self, "_form_class", None) is None:
            builder = self.form_builder(self.get_form_fields(), intake_form=self)
            self._form_class = builder.get_form_class()
        return self._form_class

    @property
    def steps(self):
        return form_steps(self, self.get_form_fields())

    def schema(self) -> dict:
        """The form as a front-end renders it: see ``build_schema``. Built once per instance
        and shared (it is also every submission's snapshot): treat it as read-only."""
        if getattr(self, "_schema", None) is None:
            self._schema = build_schema(self, self.get_form_class())
        return self._schema


class IntakeFormField(AbstractFormField):
    form = ParentalKey(IntakeForm, on_delete=models.CASCADE, related_name="fields")
    field_type = models.CharField("field type", max_length=16, choices=FIELD_TYPES)
    field_type.required_on_save = True
    placeholder = models.CharField(max_length=255, blank=True)
    min_value = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Numbers only."
    )
    max_value = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Numbers only."
    )
    max_length = models.PositiveIntegerField(
        null=True, blank=True, help_text="Text only. Leave empty for the default limit."
    )
    visible_if_field = models.CharField(
        "show only if field",
        max_length=255,
        blank=True,
        help_text="Name (e.g. 'prior_back_surgery') of an earlier field. Empty: always shown.",
    )
    visible_if_operator = models.CharField(
        "operator", max_length=10, choices=VISIBILITY_OPERATORS, default="equals"
    )
    visible_if_value = models.CharField("value", max_length=255, blank=True)
    date_limit = models.CharField(
        max_length=12, blank=True, choices=DATE_LIMITS, help_text="Dates only. Empty: any date."
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("field_type", classname="formbuilder-type"), "required"]),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("placeholder"),
        FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value"), "max_length"]),
        FieldPanel("date_limit"),
        FieldRowPanel(
            [
                FieldPanel("visible_if_field"),
                FieldPanel("visible_if_operator"),
                FieldPanel("visible_if_value"),
            ],
            heading="Visibility",
        ),
        FieldPanel("default_value"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = "intake form field"

    def __str__(self):
        return self.label

    @property
    def is_step(self):
        return self.field_type == "step"

    @property
    def visibility_rule(self):
        if not self.visible_if_field:
            return None
        return {
            "field": self.visible_if_field,
            "operator": self.visible_if_operator,
            "value": self.visible_if_value,
        }

    def clean(self):
        super().clean()
        if self.min_value is not None and self.max_value is not None:
            if self.min_value > self.max_value:
                raise ValidationError({"max_value": "Must not be below the minimum."})
        if self.field_type == "consent" and self.visible_if_field:
            raise ValidationError({"visible_if_field": "Consent is always shown."})
        if self.field_type in ("radio", "dropdown", "checkboxes") and not self.choices.strip():
            raise ValidationError({"choices": "List the choices, one per line."})
        if self.date_limit and self.field_type != "date":
            raise ValidationError({"date_limit": "Only date fields take a date limit."})


class IntakeRedFlag(Orderable):
    """An answer that may mean an emergency, written like a visibility rule on one field.

    When it matches, the patient sees ``message`` at once (the server shows it on the next step;
    the optional script as soon as the answer is given) and the submission is marked urgent.
    """

    form = ParentalKey(IntakeForm, on_delete=models.CASCADE, related_name="red_flags")
    field = models.CharField(
        "when field",
        max_length=255,
        help_text="Name of the field whose answer is checked, e.g. 'do_you_have_any_of_these_"
        "symptoms'.",
    )
    operator = models.CharField(max_length=10, choices=VISIBILITY_OPERATORS, default="contains")
    value = models.CharField(max_length=255)
    message = models.TextField(
        max_length=600,
        help_text="What the patient should do now, in plain words, e.g. 'Go to an emergency "
        "department now.'",
    )

    panels = [
        FieldRowPanel([FieldPanel("field"), FieldPanel("operator"), FieldPanel("value")]),
        FieldPanel("message"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "red flag"

    def __str__(self):
        return f"{self.field} {self.operator} {self.value}"

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "operator": self.operator,
            "value": self.value,
            "message": self.message,
        }


class IntakeSubmission(models.Model):
    """One patient's answers. Never rendered outside the admin; answers are encrypted."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        CLOSED = "closed", "Closed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # PROTECT: deleting a form must never silently delete patients' submissions.
    form = models.ForeignKey(IntakeForm, on_delete=models.PROTECT, related_name="submissions")
    form_version = models.PositiveIntegerField()
    form_snapshot = models.JSONField(help_text="The form schema as it was when answered.")
    answers = EncryptedJSONField()
    consent_given_at = models.DateTimeField()
    consent_version = models.CharField(max_length=40)
    source_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    # Health information: see docs/intake.md ("Red flags") for who can see it and why it is a
    # plain column (sorting and filtering) while the answers that raised it stay encrypted.
    urgent = models.BooleanField(
        default=False, db_index=True, editable=False, help_text="An answer matched a red flag."
    )
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    # Keep health data out of Wagtail's "usage" listings.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-urgent", "-submitted_at"]
        verbose_name = "intake submission"

    def __str__(self):
        # Audit log labels and admin titles use this: never include answers.
        return f"Submission {str(self.pk)[:8]} ({self.form_id and self.form.title})"

    def __repr__(self):
        return f"<IntakeSubmission {self.pk}>"

    def get_admin_url(self):
        return reverse("intake_submissions:inspect", args=[self.pk])

    def red_flag_messages(self) -> list[str]:
        """The advice the patient was shown, from the snapshot's rules and the answers."""
        return red_flag_messages(self.form_snapshot.get("red_flags", []), self.answers)

    def answer_rows(self):
        """``(label, display value)`` pairs in form order, from the stored snapshot."""
        rows = []
        for step in self.form_snapshot.get("steps", []):
            for field in step["fields"]:
                if field["name"] not in self.answers:
                    continue
                rows.append((field["label"], display_answer(field, self.answers[field["name"]])))
        return rows


class IdempotencyRecord(models.Model):
    """Remembers the response to a POST carrying an ``Idempotency-Key``.

    The unique constraint on ``key`` (not a cache lookup) is what keeps concurrent retries with
    the same key down to one stored submission.
    """

    key = models.CharField(max_length=255, unique=True)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of form slug and body.")
    submission = models.ForeignKey(
        IntakeSubmission, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.key
