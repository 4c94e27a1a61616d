"""The demo spine-pain intake form (``load_demo``). Idempotent: an existing form is kept as
editors left it."""

from cms.intake.models import IntakeForm, IntakeFormField

SLUG = "spine-pain-intake"

ROWS = [
    ("Where is your pain?", "bodyregion", {"help_text": "Choose every area that hurts."}),
    (
        "How long have you had this pain?",
        "radio",
        {"choices": "Less than 6 weeks\n6 weeks to 3 months\n3 to 12 months\nMore than a year"},
    ),
    (
        "How bad is your pain today?",
        "painscale",
        {"help_text": "0 is no pain, 10 is the worst pain you can imagine."},
    ),
    ("Have you had back or neck surgery before?", "yesno", {}),
    (
        "Your earlier surgery",
        "step",
        {"visible_if_field": "have_you_had_back_or_neck_surgery_before", "visible_if_value": "yes"},
    ),
    ("When was your most recent surgery?", "date", {}),
    (
        "What kind of surgery was it?",
        "singleline",
        {"required": False, "placeholder": "For example: fusion, discectomy"},
    ),
    ("Symptoms and treatments", "step", {}),
    (
        "Do you have any of these symptoms?",
        "checkboxes",
        {
            "required": False,
            "choices": "Numbness or tingling\nWeakness in an arm or leg\nPain spreading into a "
            "leg\nTrouble controlling bladder or bowels",
        },
    ),
    (
        "Where do you feel numbness or tingling?",
        "singleline",
        {
            "visible_if_field": "do_you_have_any_of_these_symptoms",
            "visible_if_operator": "contains",
            "visible_if_value": "Numbness or tingling",
        },
    ),
    (
        "Which treatments have you tried?",
        "checkboxes",
        {
            "required": False,
            "choices": "Physical therapy\nPain medication\nInjections\nChiropractic care\n"
            "Spinal cord stimulation\nNone yet",
        },
    ),
    ("Anything else we should know?", "multiline", {"required": False, "max_length": 2000}),
    ("How can we reach you?", "step", {}),
    ("Full name", "singleline", {"max_length": 120}),
    ("Email", "email", {}),
    ("Phone", "phone", {"required": False}),
    (
        "Best way to reach you",
        "dropdown",
        {"required": False, "choices": "Phone\nEmail"},
    ),
    ("I agree to the terms above", "consent", {}),
]


def spine_pain_intake_form(log=print) -> IntakeForm:
    intake_form = IntakeForm.objects.filter(slug=SLUG).first()
    if intake_form is not None:
        return intake_form
    intake_form = IntakeForm(
        slug=SLUG,
        title="Spine pain questionnaire",
        intro="A few questions about your pain help our team prepare for your first "
        "conversation. It takes about three minutes.",
        consent_text="I agree that the clinic stores my answers securely and uses them only to "
        "contact me about my care. I can ask for them to be deleted at any time.",
        consent_version="2025-01",
        success_message="Thank you. A member of our care team will contact you within two "
        "working days.",
    )
    intake_form.fields = [
        IntakeFormField(label=label, field_type=field_type, sort_order=order, **options)
        for order, (label, field_type, options) in enumerate(ROWS)
    ]
    intake_form.save()
    log(f"created intake form {SLUG}")
    return intake_form
