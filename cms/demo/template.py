"""The demo's "Spine condition" template, saved from the FBSS page.

The FBSS page is saved as a template the way a marketer would (its name and abbreviation become
``{{ condition }}`` and ``{{ condition_short }}``). A template carries structure and guidance,
never another condition's claims: every clinical section (and the opening explanation) is
replaced by writing guidance flagged "not written yet", so a clone cannot be published until
each is written and reviewed. The hero layout, the call to action and the intake form carry over
as they are, with neutral words.
"""

from cms.cloning.actions import save_as_template
from cms.cloning.models import ConditionTemplate, TemplatePlaceholder

NAME = "Spine condition"

TEXT = {
    # Neutral: what the page covers, never what is true of the condition.
    "short_summary": (
        "{{ condition }}: what it is, its symptoms and causes, and how it is diagnosed and treated."
    ),
    "search_description": "{{ condition }}: symptoms, causes and treatment options.",
    "also_known_as": "",
    "body_area": "{{ body_area }}",
}

#: Non-clinical sections keep their layout and get neutral words; nothing here is a claim.
SECTIONS = {
    "hero": {
        "heading": "Relief for {{ condition }}",
        "intro": "Find out how {{ condition }} is diagnosed and treated, and how our team can help.",
        "tagline": "If you are living with {{ condition_short }}, let's talk.",
    },
}

#: Clinical sections (and the page's opening explanation) hold writing guidance for the editor,
#: flagged unwritten: they are never served and the page cannot be published until each is
#: written. Placeholder text inside guidance is filled too, so it reads naturally.
GUIDANCE = {
    "rich_text": {
        "heading": "What is {{ condition }}?",
        "body": (
            "<p>Explain in two short paragraphs what {{ condition }} is, in plain words a patient "
            "understands: which part of the body it affects and what happens there.</p>"
            "<p>Say whether it can be treated, without promising results.</p>"
        ),
    },
    "condition_basics": {
        "heading": "{{ condition_short }} at a glance",
        "symptoms": ["The most common symptom, in two or three words"],
        "causes": ["The most common cause, in two or three words"],
        "treatments": ["The first treatment usually tried"],
        "recovery_outlook": {
            "level": "moderate",
            "text": "Choose the level the evidence supports, and explain it in one sentence.",
        },
    },
    "symptom_list": {
        "heading": "Symptoms of {{ condition }}",
        "intro": "Introduce the symptoms in one or two sentences.",
        "groups": [
            {
                "region": "other",
                "custom_label": "Body region",
                "description": "List the symptoms by region: one group per region they affect.",
                "items": ["One symptom per line, as a patient would describe it"],
            }
        ],
        "warning": "Name any warning sign that needs urgent care, or leave this empty.",
    },
    "cause_list": {
        "heading": "Causes of {{ condition }}",
        "intro": "Say in one sentence how {{ condition }} usually develops.",
        "causes": [
            {
                "title": "A common cause",
                "description": "Explain each common cause in two or three sentences.",
            }
        ],
        "less_common_causes": "Mention rarer causes in one paragraph, or leave this empty.",
    },
    "treatment_tiers": {
        "heading": "Treating {{ condition }}",
        "intro": "Explain how a treatment plan is chosen, from conservative care to surgery.",
        "tiers": [
            {
                "name": name,
                "intensity": intensity,
                "description": "Describe this step for {{ condition }}: what it involves and "
                "when it is recommended.",
                "examples": ["One treatment per line"],
                "image": {"image": None, "alt_text": ""},
                "link": {"label": "", "page": None, "anchor": "", "url": ""},
            }
            for name, intensity in (
                ("Conservative care", "conservative"),
                ("Minimally invasive treatment", "minimally_invasive"),
                ("Surgery", "surgical"),
            )
        ],
    },
    "faq": {
        "heading": "Questions patients ask",
        "items": [
            {
                "question": "A question patients ask about {{ condition_short }}",
                "answer": "<p>Answer it in plain words, in two or three sentences.</p>",
            }
        ],
    },
    "references": {
        "heading": "References",
        "citations": [
            {
                "title": "Title of a published review on {{ condition }}",
                "authors": "Authors",
                "publication": "Journal",
                "year": 2024,
                "doi": "",
                "pmid": "",
                "url": "https://example.org/replace-with-the-source",
            }
        ],
    },
}

DEFAULTS = {
    "condition_short": ("Short name or abbreviation", "{{ condition }}"),
    "body_area": ("Body area", "spine"),
}


def _generalise(template):
    for field, text in TEXT.items():
        setattr(template, field, text)
    stream_block = template._meta.get_field("body").stream_block
    body = []
    for child in template.body.raw_data:
        block = stream_block.child_blocks[child["type"]]
        value = block.to_python(child["value"])
        if child["type"] in GUIDANCE:
            value = block.to_python({**GUIDANCE[child["type"]], "unwritten": True})
            value["anchor"] = child["value"].get("anchor", "")
        for key, new in SECTIONS.get(child["type"], {}).items():
            value[key] = new
        body.append((child["type"], value))
    if "references" not in {child["type"] for child in template.body.raw_data}:
        block = stream_block.child_blocks["references"]
        body.append(("references", block.to_python({**GUIDANCE["references"], "unwritten": True})))
    template.body = body
    template.save()
    for order, (key, (label, default)) in enumerate(DEFAULTS.items()):
        TemplatePlaceholder.objects.update_or_create(
            template=template,
            key=key,
            defaults={"label": label, "default": default, "sort_order": order},
        )


def load_spine_template(fbss, reset=False, log=print):
    """Create the "Spine condition" template from the FBSS page unless it exists."""
    existing = ConditionTemplate.objects.filter(name=NAME).first()
    if existing is not None and not reset:
        return existing
    if existing is not None:
        existing.delete()
    template = save_as_template(
        fbss,
        name=NAME,
        description="A spine condition page: hero, basics, symptoms by region, causes, "
        "treatment tiers, call to action and questions. Saved from the FBSS page.",
        replacements={"Failed Back Surgery Syndrome": "condition", "FBSS": "condition_short"},
    )
    _generalise(template)
    log(f"{'reset' if existing else 'created'} template “{NAME}”")
    return template
