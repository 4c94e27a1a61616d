"""FBSS-shaped page bodies as raw StreamField JSON, valid for the project's sections and for the
baseline's plain StructBlocks alike (same names, same children), so both serve the same content.

The shape is the FBSS page's core sections in order, repeated to the wanted count: hero,
condition basics, symptoms, causes, treatment tiers, call to action, rich text and FAQ (the
intake form section is left out: its page carries a CSRF token, and the baseline has no form).
"""

import itertools
import uuid

KINDS = [
    "hero",
    "condition_basics",
    "symptom_list",
    "cause_list",
    "treatment_tiers",
    "call_to_action",
    "rich_text",
    "faq",
]


def _item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def _link(page_id):
    return {"label": "Read more", "page": page_id, "anchor": "", "url": ""}


def _figure(image_id):
    return {"image": image_id, "alt_text": "An illustration of the condition"}


def _rich(page_id):
    return f'<p>Pain after spine surgery. See <a linktype="page" id="{page_id}">this page</a>.</p>'


def section(kind, image_id, page_id):
    values = {
        "hero": {
            "heading": "Failed back surgery syndrome",
            "intro": "Pain that persists after spine surgery can be treated.",
            "tagline": "Relief is possible",
            "image": _figure(image_id),
            "call_to_action": _link(page_id),
        },
        "condition_basics": {
            "heading": "At a glance",
            "symptoms": [_item("Back pain"), _item("Leg pain")],
            "causes": [_item("Scar tissue"), _item("Recurrent disc herniation")],
            "treatments": [_item("Physical therapy"), _item("Spinal cord stimulation")],
            "recovery_outlook": {"level": "moderate", "text": "Most patients improve."},
        },
        "symptom_list": {
            "heading": "Symptoms",
            "intro": "What patients report.",
            "groups": [
                _item(
                    {
                        "region": "lumbar",
                        "custom_label": "",
                        "description": "Lower back",
                        "items": [_item("Dull ache"), _item("Stiffness")],
                    }
                )
            ],
            "warning": "Seek care at once for loss of bladder control.",
        },
        "cause_list": {
            "heading": "Causes",
            "intro": "Why pain persists.",
            "causes": [
                _item({"title": "Scar tissue", "description": "Epidural fibrosis."}),
                _item({"title": "Instability", "description": "Adjacent segments."}),
            ],
            "less_common_causes": "Infection.",
        },
        "treatment_tiers": {
            "heading": "Treatments",
            "intro": "From least to most invasive.",
            "tiers": [
                _item(
                    {
                        "name": "Conservative care",
                        "intensity": "conservative",
                        "description": "Physical therapy and medication.",
                        "examples": [_item("Physical therapy")],
                        "relief_notes": "Often enough.",
                        "recovery_notes": "Weeks.",
                        "image": _figure(image_id),
                        "link": _link(page_id),
                    }
                )
            ],
        },
        "call_to_action": {
            "heading": "Let's get started",
            "text": "Answer a few questions.",
            "link": _link(page_id),
        },
        "rich_text": {"heading": "About", "body": _rich(page_id)},
        "faq": {
            "heading": "Questions",
            "items": [_item({"question": "Is it common?", "answer": _rich(page_id)})],
        },
    }[kind]
    values["anchor"] = ""
    return {"type": kind, "value": values, "id": str(uuid.uuid4())}


def fbss_body(count, image_ids, page_ids):
    images, pages = itertools.cycle(image_ids), itertools.cycle(page_ids)
    kinds = itertools.islice(itertools.cycle(KINDS), count)
    return [section(kind, next(images), next(pages)) for kind in kinds]
