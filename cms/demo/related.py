"""Three related spine conditions, each with its own short page."""

NO_LINK = {"label": "", "page": None, "anchor": "", "url": ""}


def _page(slug, name, aka, summary, area, hero_intro, basics, groups, warning, causes, tiers):
    return {
        "slug": slug,
        "title": name,
        "condition_name": name,
        "also_known_as": "\n".join(aka),
        "short_summary": summary,
        "body_area": area,
        "search_description": summary,
        "body": [
            (
                "hero",
                {
                    "heading": name,
                    "intro": hero_intro,
                    "tagline": "",
                    "image": {"image": None, "alt_text": ""},
                    "call_to_action": {
                        "label": "Talk to our team",
                        "page": None,
                        "anchor": "get-started",
                        "url": "",
                    },
                    "anchor": "",
                },
            ),
            (
                "condition_basics",
                {
                    "heading": f"{name} at a glance",
                    "symptoms": basics[0],
                    "causes": basics[1],
                    "treatments": basics[2],
                    "recovery_outlook": {"level": basics[3], "text": ""},
                    "anchor": "basics",
                },
            ),
            (
                "symptom_list",
                {
                    "heading": f"Symptoms of {name.lower()}",
                    "intro": "",
                    "groups": [
                        {"region": region, "custom_label": "", "description": "", "items": items}
                        for region, items in groups
                    ],
                    "warning": warning,
                    "anchor": "symptoms",
                },
            ),
            (
                "cause_list",
                {
                    "heading": f"What causes {name.lower()}?",
                    "intro": "",
                    "causes": [{"title": t, "description": d} for t, d in causes],
                    "less_common_causes": "",
                    "anchor": "causes",
                },
            ),
            (
                "treatment_tiers",
                {
                    "heading": f"Treating {name.lower()}",
                    "intro": "",
                    "tiers": [
                        {
                            "name": n,
                            "intensity": i,
                            "description": d,
                            "examples": ex,
                            "relief_notes": "",
                            "recovery_notes": "",
                            "image": {"image": None, "alt_text": ""},
                            "link": NO_LINK,
                        }
                        for n, i, d, ex in tiers
                    ],
                    "anchor": "treatments",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Let's get started",
                    "text": "Tell us about your symptoms and we will suggest a next step.",
                    "link": {
                        "label": "Contact us",
                        "page": None,
                        "anchor": "",
                        # URLBlock accepts web addresses only; a mailto: link fails validation.
                        "url": "https://example.org/contact/",
                    },
                    "anchor": "get-started",
                },
            ),
        ],
    }


def related_pages():
    return [
        _page(
            "herniated-disc",
            "Herniated Disc",
            ["Slipped disc", "Ruptured disc"],
            "The soft centre of a spinal disc pushes through its outer ring and can press on a "
            "nearby nerve.",
            "spine",
            "A herniated disc can pinch a nerve root and cause pain that travels into an arm or "
            "a leg.",
            (
                ["Radiating pain", "Numbness", "Weakness"],
                ["Ageing discs", "Lifting strain"],
                ["Physical therapy", "Injections", "Discectomy"],
                "high",
            ),
            [
                ("lumbar", ["Pain in the buttock and leg", "Tingling in the foot"]),
                ("cervical", ["Pain in the shoulder and arm", "Weak grip"]),
            ],
            "Loss of bladder or bowel control with back pain is an emergency.",
            [
                ("Disc degeneration", "Discs lose water with age and tear more easily."),
                ("Strain", "Lifting with the back rather than the legs can force a disc out."),
            ],
            [
                (
                    "Conservative care",
                    "conservative",
                    "Rest, therapy and anti-inflammatory care.",
                    ["Physical therapy", "Epidural steroid injection"],
                ),
                (
                    "Microdiscectomy",
                    "minimally_invasive",
                    "Removes the part of the disc pressing on the nerve.",
                    ["Microdiscectomy"],
                ),
            ],
        ),
        _page(
            "degenerative-disc-disease",
            "Degenerative Disc Disease",
            ["DDD", "Disc degeneration"],
            "Spinal discs lose water and height with age, and a worn disc can become a source of pain.",
            "spine",
            "Degenerative disc disease is not really a disease but the wear of spinal discs over time, "
            "which can cause pain and stiffness.",
            (
                ["Back or neck pain", "Stiffness", "Pain when sitting"],
                ["Ageing", "Repeated strain"],
                ["Therapy", "Injections", "Fusion"],
                "moderate",
            ),
            [
                ("lumbar", ["Low back pain that worsens when sitting", "Pain easing when walking"]),
                ("cervical", ["Neck pain", "Pain spreading to the shoulder"]),
            ],
            "",
            [
                ("Ageing", "Discs dry out and thin with age, cushioning the vertebrae less."),
                ("Repeated strain", "Heavy work and sports speed up the wear of discs."),
            ],
            [
                (
                    "Conservative care",
                    "conservative",
                    "Exercise, therapy and pain relief.",
                    ["Physical therapy"],
                ),
                (
                    "Fusion",
                    "surgical",
                    "Joins the painful segment when other care fails.",
                    ["Spinal fusion"],
                ),
            ],
        ),
        _page(
            "sciatica",
            "Sciatica",
            ["Sciatic nerve pain", "Lumbar radiculopathy"],
            "Pain along the sciatic nerve, from the lower back through the buttock and down "
            "the leg.",
            "lower back",
            "Sciatica is a symptom of an irritated sciatic nerve root, most often from a disc or "
            "narrowing in the lower back.",
            (
                ["Shooting leg pain", "Tingling", "Weakness"],
                ["Herniated disc", "Stenosis"],
                ["Therapy", "Injections", "Decompression"],
                "high",
            ),
            [("lumbar", ["Pain from buttock to foot", "Pins and needles in the leg"])],
            "Foot drop or numbness in the groin needs prompt medical attention.",
            [
                ("Herniated disc", "Disc material presses on a root of the sciatic nerve."),
                ("Spinal stenosis", "A narrowed canal squeezes the nerve root."),
            ],
            [
                (
                    "Conservative care",
                    "conservative",
                    "Most sciatica settles with therapy.",
                    ["Physical therapy", "Nerve root block"],
                ),
                ("Decompression", "minimally_invasive", "Frees the compressed nerve root.", []),
            ],
        ),
    ]
