"""The Failed Back Surgery Syndrome page, restated in our own words from the facts of the original."""

SLUG = "failed-back-surgery-syndrome"

# Published reviews behind the page. Each identifier was checked against the publisher's or
# PubMed Central's own record of the article (title and identifier together); an identifier that
# could not be checked that way is left out rather than guessed.
REFERENCES = [
    {
        # Checked: PMC6002183 (pmc.ncbi.nlm.nih.gov) shows the title, DOI and PMID.
        "title": "Etiology, evaluation, and treatment of failed back surgery syndrome",
        "authors": "Sebaaly A, Lahoud MJ, Rizkallah M, et al.",
        "publication": "Asian Spine Journal",
        "year": 2018,
        "doi": "10.4184/asj.2018.12.3.574",
        "pmid": "29879788",
        "url": "",
    },
    {
        # Checked: PMC4590156 and its PubMed record show the title, DOI and PMID.
        "title": "Failed back surgery syndrome – definition, epidemiology and demographics",
        "authors": "Thomson S",
        "publication": "British Journal of Pain",
        "year": 2013,
        "doi": "10.1177/2049463713479096",
        "pmid": "26516498",
        "url": "",
    },
    {
        # Checked: the journal's article page shows the title and DOI (PMID not checked: left out).
        "title": "Failed back surgery syndrome—terminology, etiology, prevention, evaluation, "
        "and management: a narrative review",
        "authors": "Yeo J",
        "publication": "Journal of Yeungnam Medical Science",
        "year": 2024,
        "doi": "10.12701/jyms.2024.00339",
        "pmid": "",
        "url": "",
    },
    {
        # Checked: the Cochrane Library's record shows the title, authors and DOI (PMID not
        # checked: left out).
        "title": "Spinal cord stimulation for low back pain",
        "authors": "Traeger AC, Gilbert SE, Harris IA, Maher CG",
        "publication": "Cochrane Database of Systematic Reviews",
        "year": 2023,
        "doi": "10.1002/14651858.CD014789.pub2",
        "pmid": "",
        "url": "",
    },
]


def fbss_page(images, intake_form=None):
    """The page's data; ``intake_form`` (an ``IntakeForm``) fills the "#intake" section."""
    return {
        "slug": SLUG,
        "title": "Failed Back Surgery Syndrome",
        "condition_name": "Failed Back Surgery Syndrome",
        "also_known_as": "FBSS\nFailed back syndrome\nPost-laminectomy syndrome",
        "short_summary": (
            "Ongoing pain after back surgery that did not relieve the original problem. "
            "Its causes can usually be found, and most people improve with the right treatment."
        ),
        "body_area": "spine",
        "search_description": (
            "Failed back surgery syndrome: symptoms by spine region, why it happens, and treatment "
            "options from injections to decompression and fusion."
        ),
        "body": [
            (
                "hero",
                {
                    "heading": "Relief for Failed Back Surgery Syndrome",
                    "intro": (
                        "Failed Back Surgery Syndrome (FBSS) is pain that continues or returns after "
                        "a back operation that did not fix the problem it was meant to fix."
                    ),
                    "tagline": "Our team focuses on pain after back surgery. If this sounds like you, "
                    "let's talk.",
                    "image": {
                        "image": images["hero"],
                        "alt_text": (
                            "Drawing of a straight, healthy spine on a light blue background"
                        ),
                    },
                    "call_to_action": {"label": "Get relief", "anchor": "get-started"},
                    "anchor": "",
                },
            ),
            (
                "rich_text",
                {
                    "heading": "What is Failed Back Surgery Syndrome?",
                    "body": (
                        "<p>Failed Back Surgery Syndrome, sometimes called failed back syndrome, is "
                        "a broad name for long-lasting pain after any back operation that did not "
                        "relieve the condition it set out to treat. Several different risk factors "
                        "can lead to it.</p><p>The good news: treatments exist that help many people "
                        "with FBSS, and the right one depends on what is causing your pain now.</p>"
                    ),
                    "anchor": "what-is-fbss",
                },
            ),
            (
                "condition_basics",
                {
                    "heading": "FBSS at a glance",
                    "symptoms": ["Pain", "Numbness", "Fatigue", "Spasms", "Limited movement"],
                    "causes": ["Wear and tear", "Injury"],
                    "treatments": ["Injections", "Decompression", "Stabilization or fusion"],
                    "recovery_outlook": {
                        "level": "high",
                        "text": "Most people find meaningful relief once the cause is identified.",
                    },
                    "anchor": "basics",
                },
            ),
            (
                "symptom_list",
                {
                    "heading": "Symptoms of Failed Back Surgery Syndrome",
                    "intro": (
                        "FBSS symptoms often resemble the pain you had before your first operation. "
                        "What you feel depends on which part of the spine is involved."
                    ),
                    "groups": [
                        {
                            "region": "lumbar",
                            "custom_label": "",
                            "description": (
                                "In the lower back, symptoms can reach the buttocks, legs and feet. When a "
                                "root of the sciatic nerve is pinched, sciatica can follow."
                            ),
                            "items": [
                                "Pain in the lower back, buttocks, legs or feet",
                                "Numbness or tingling",
                                "Burning sensations",
                                "Weakness in the legs or feet",
                            ],
                        },
                        {
                            "region": "cervical",
                            "custom_label": "",
                            "description": "",
                            "items": [
                                "Pain in the neck, arms or hands",
                                "Numbness or tingling",
                                "Burning sensations",
                                "Weakness in the arms or hands",
                                "Occasionally, pain in the head",
                            ],
                        },
                        {
                            "region": "thoracic",
                            "custom_label": "",
                            "description": (
                                "Pain from the upper or middle back can wrap around to the chest or "
                                "stomach, and is sometimes mistaken for a heart problem."
                            ),
                            "items": [
                                "Pain starting in the upper or middle back",
                                "Tingling or numbness spreading to the chest or stomach",
                            ],
                        },
                    ],
                    "warning": (
                        "Foot drop: in severe cases, lifting the front of the foot becomes difficult. "
                        "Seek care promptly if you notice this."
                    ),
                    "anchor": "symptoms",
                },
            ),
            (
                "cause_list",
                {
                    "heading": "Causes of Failed Back Surgery Syndrome",
                    "intro": (
                        "FBSS can come from a problem that was misidentified before surgery, or from "
                        "choosing an operation with a low chance of easing the symptoms."
                    ),
                    "causes": [
                        {
                            "title": "Misidentified problems",
                            "description": (
                                "Different back problems can produce the same symptoms, so surgery must "
                                "follow a careful diagnosis. A missed or wrong diagnosis of the pain's "
                                "source is the most common cause of FBSS."
                            ),
                        },
                        {
                            "title": "Procedures with low success rates",
                            "description": (
                                "Back operations differ in how often they work. An unproven procedure, or "
                                "one with a weak track record, raises the chance of a poor result."
                            ),
                        },
                        {
                            "title": "Scar tissue",
                            "description": (
                                "Scar tissue can press on nerves or nerve roots and recreate the original "
                                "problem. Open surgery tends to leave more scar tissue than minimally "
                                "invasive techniques."
                            ),
                        },
                        {
                            "title": "Incomplete results",
                            "description": (
                                "Finding the right cause is not enough: it also has to be fully corrected "
                                "during the operation. Pressure left on a nerve, for example from a "
                                "herniated disc, can keep symptoms going."
                            ),
                        },
                    ],
                    "less_common_causes": (
                        "Less often, FBSS follows a return of the original problem, nerve damage "
                        "during an operation, lasting nerve damage from the original condition, or "
                        "a new source of pain appearing after surgery."
                    ),
                    "anchor": "causes",
                },
            ),
            (
                "treatment_tiers",
                {
                    "heading": "Treating Failed Back Surgery Syndrome",
                    "intro": (
                        "Treatment depends on your body and how advanced your case is. After a "
                        "thorough evaluation, our team and your physician recommend a plan that aims "
                        "for the most relief with the shortest recovery. Conservative care such as "
                        "physical therapy, chiropractic care and steroid injections comes first; "
                        "surgery is considered when it does not help enough."
                    ),
                    "tiers": [
                        {
                            "name": "Conservative care",
                            "intensity": "conservative",
                            "description": (
                                "Nerve root blocks and steroid injections calm inflamed nerves and can "
                                "be repeated. A spinal cord stimulator does not repair the underlying "
                                "problem but reduces the pain it causes."
                            ),
                            "examples": [
                                "Nerve root block",
                                "Steroid injection",
                                "Spinal cord stimulator",
                                "Physical therapy",
                            ],
                            "relief_notes": "Temporary relief, up to about a year per injection.",
                            "recovery_notes": "No hospital stay.",
                            "image": {
                                "image": images["conservative"],
                                "alt_text": (
                                    "Drawing of a spine in green, standing for gentle, non-surgical care"
                                ),
                            },
                            "link": {"label": "", "page": None, "anchor": "", "url": ""},
                        },
                        {
                            "name": "Decompression",
                            "intensity": "minimally_invasive",
                            "description": (
                                "When the vertebrae and spinal cord are structurally sound, "
                                "decompression frees trapped nerves, usually by widening the space "
                                "they pass through. A surgical laser is sometimes used."
                            ),
                            "examples": ["Foraminotomy", "Laminotomy", "Discectomy"],
                            "relief_notes": "Aims for lasting relief of nerve pain.",
                            "recovery_notes": "Usually home the same day.",
                            "image": {
                                "image": images["decompression"],
                                "alt_text": (
                                    "Drawing of a spine in orange, standing for relieving pressure on a "
                                    "nerve"
                                ),
                            },
                            "link": {"label": "", "page": None, "anchor": "", "url": ""},
                        },
                        {
                            "name": "Fusion or stabilization",
                            "intensity": "surgical",
                            "description": (
                                "When the spine or vertebrae are unstable, or at risk of becoming so, "
                                "fusion joins vertebrae to stabilize them. Sometimes more than one "
                                "problem is treated at once."
                            ),
                            "examples": ["Minimally invasive spinal fusion"],
                            "relief_notes": "High success rate.",
                            "recovery_notes": "Some patients stay one night for observation.",
                            "image": {
                                "image": images["fusion"],
                                "alt_text": (
                                    "Drawing of a spine in purple with joined vertebrae, standing for "
                                    "fusion"
                                ),
                            },
                            "link": {"label": "", "page": None, "anchor": "", "url": ""},
                        },
                    ],
                    "anchor": "treatments",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Let's get started",
                    "text": (
                        "Answering a few questions helps us understand your pain and start working "
                        "toward relief."
                    ),
                    "link": {
                        "label": "Answer a few questions",
                        "page": None,
                        "anchor": "intake",
                        "url": "",
                    },
                    "anchor": "get-started",
                },
            ),
            (
                "intake_form",
                {
                    "heading": "Answer a few questions",
                    "intro": (
                        "Tell us where it hurts and what you have tried so far. Your answers go "
                        "only to our care team."
                    ),
                    "form": intake_form,
                    "anchor": "intake",
                },
            ),
            (
                "faq",
                {
                    "heading": "Questions patients ask",
                    "items": [
                        {
                            "question": "Is more surgery always needed?",
                            "answer": (
                                "<p>No. Conservative care is tried first, and many people improve "
                                "without another operation.</p>"
                            ),
                        },
                        {
                            "question": "Can FBSS be prevented?",
                            "answer": (
                                "<p>A careful diagnosis before surgery, and choosing a procedure with a "
                                "good track record, lowers the risk.</p>"
                            ),
                        },
                    ],
                    "anchor": "faq",
                },
            ),
            (
                "references",
                {"heading": "References", "citations": REFERENCES, "anchor": "references"},
            ),
        ],
    }
