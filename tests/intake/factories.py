"""Intake factories: a form and its rows, built the way an editor builds them in the admin."""

import factory

from cms.intake.models import IntakeForm, IntakeFormField


class IntakeFormFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Intake {n}")
    slug = factory.Sequence(lambda n: f"intake-{n}")
    consent_text = "I agree that the clinic stores my answers to contact me."
    consent_version = "2025-01"
    notification_email = "clinic@example.com"

    class Meta:
        model = IntakeForm


class IntakeFormFieldFactory(factory.django.DjangoModelFactory):
    form = factory.SubFactory(IntakeFormFactory)
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = "singleline"
    required = True
    sort_order = factory.Sequence(int)

    class Meta:
        model = IntakeFormField


def build_form(rows, **form_kwargs):
    """An ``IntakeForm`` from ``(label, field_type, options)`` tuples, in order.

    A consent row is appended unless ``rows`` has one.
    """
    intake_form = IntakeFormFactory(**form_kwargs)
    if not any(row[1] == "consent" for row in rows):
        rows = [*rows, ("Consent", "consent", {})]
    for order, (label, field_type, options) in enumerate(rows):
        fields = {"label": label, "field_type": field_type, "sort_order": order, **options}
        IntakeFormFieldFactory(form=intake_form, **fields)
    return intake_form


SPINE_ROWS = [
    ("Where is the pain", "bodyregion", {}),
    ("How long", "radio", {"choices": "Under 6 weeks\n6 to 12 weeks\nOver 12 weeks"}),
    ("Pain score", "painscale", {}),
    ("Prior back surgery", "yesno", {}),
    (
        "Your surgery",
        "step",
        {"visible_if_field": "prior_back_surgery", "visible_if_value": "yes"},
    ),
    ("Surgery date", "date", {}),
    ("Surgery type", "singleline", {"required": False, "max_length": 40}),
    ("Symptoms", "step", {}),
    ("Symptom list", "checkboxes", {"choices": "Numbness\nWeakness\nLeg pain", "required": False}),
    (
        "Numbness where",
        "multiline",
        {
            "visible_if_field": "symptom_list",
            "visible_if_operator": "contains",
            "visible_if_value": "Numbness",
        },
    ),
    (
        "Worst pain detail",
        "singleline",
        {
            "visible_if_field": "pain_score",
            "visible_if_operator": "at_least",
            "visible_if_value": "8",
        },
    ),
    ("Sleep hours", "number", {"required": False, "min_value": 0, "max_value": 24}),
    ("Contact", "step", {}),
    ("Name", "singleline", {}),
    ("Email", "email", {}),
    ("Phone", "phone", {"required": False}),
    ("Contact by", "dropdown", {"choices": "Phone\nEmail", "required": False}),
    ("Consent", "consent", {"label": "I agree"}),
]

VALID_ANSWERS = {
    "where_is_the_pain": ["lumbar"],
    "how_long": "Over 12 weeks",
    "pain_score": 6,
    "prior_back_surgery": False,
    "symptom_list": ["Weakness"],
    "name": "Pat Example",
    "email": "pat@example.com",
    "i_agree": True,
}


def short_form_final_post(slug="short"):
    """The HTML form's one and only step of ``build_form(SPINE_ROWS[:4])``, fully answered."""
    from cms.intake.protection import issue_form_token

    return {
        "_step": "0",
        "_token": issue_form_token(slug),
        "_action": "next",
        "where_is_the_pain": ["lumbar"],
        "how_long": "Over 12 weeks",
        "pain_score": "4",
        "prior_back_surgery": "no",
        "consent": "on",
    }
