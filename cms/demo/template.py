"""The demo's "Spine condition" template, saved from the FBSS page.

The FBSS page is saved as a template the way a marketer would (its name and abbreviation become
``{{ condition }}`` and ``{{ condition_short }}``); then the sentences that only make sense for
pain after surgery are rewritten in general terms, so a clone reads as a page about its own
condition. Images, call-to-action targets, treatment tiers and section anchors stay as they are.
"""

from cms.cloning.actions import save_as_template
from cms.cloning.models import ConditionTemplate, TemplatePlaceholder

NAME = "Spine condition"

TEXT = {
    "short_summary": (
        "{{ condition }} can cause pain, numbness or weakness that starts in the {{ body_area }}. "
        "Its cause can usually be found, and most people improve with the right treatment."
    ),
    "search_description": (
        "{{ condition }}: symptoms by spine region, common causes, and treatment options from "
        "injections to decompression and fusion."
    ),
    "also_known_as": "",
    "body_area": "{{ body_area }}",
}

SECTIONS = {
    "hero": {
        "intro": (
            "{{ condition }} can cause pain, numbness or weakness in the {{ body_area }} and "
            "beyond. Finding what causes it is the first step to lasting relief."
        ),
        "tagline": "Our team focuses on spine conditions like {{ condition_short }}. If this "
        "sounds like you, let's talk.",
    },
    "rich_text": {
        "heading": "What is {{ condition }}?",
        "body": (
            "<p>{{ condition }} is a condition of the {{ body_area }} in which nerves can be "
            "pressed on or irritated, causing pain that may spread along their path.</p>"
            "<p>The good news: treatments exist that help many people with {{ condition_short }}, "
            "and the right one depends on what is causing your pain now.</p>"
        ),
        "anchor": "about",
    },
    "symptom_list": {
        "intro": (
            "{{ condition_short }} symptoms can come and go or build up slowly. What you feel "
            "depends on which part of the spine is involved."
        ),
    },
    "cause_list": {
        "intro": "{{ condition }} usually develops from one or more of these causes.",
        "causes": [
            {
                "title": "Wear and tear",
                "description": "Discs, joints and ligaments change with age and can narrow the "
                "space nerves pass through.",
            },
            {
                "title": "Injury",
                "description": "A fall, an accident or a sports injury can damage the structures "
                "that protect the nerves.",
            },
            {
                "title": "Strain and posture",
                "description": "Repeated heavy lifting, twisting or long hours in one position "
                "add load to the spine over time.",
            },
        ],
        "less_common_causes": (
            "Less often, {{ condition_short }} follows an infection, a growth pressing on the "
            "spine, a condition present from birth, or an earlier operation."
        ),
    },
    "faq": {
        "items": [
            {
                "question": "Will I need surgery for {{ condition_short }}?",
                "answer": "<p>Not usually. Conservative care is tried first, and many people "
                "improve without an operation.</p>",
            },
            {
                "question": "Can {{ condition_short }} be prevented?",
                "answer": "<p>Staying active, keeping a healthy weight and lifting with care "
                "lower the strain on your spine.</p>",
            },
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
    body = []
    for child in template.body.raw_data:
        child = dict(child)
        value = dict(child["value"])
        for key, new in SECTIONS.get(child["type"], {}).items():
            if isinstance(new, list):  # list blocks store items with their own ids
                new = [{"type": "item", "value": item} for item in new]
            value[key] = new
        child["value"] = value
        body.append(child)
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
