"""The one cloning test that uses the demo content: the "Spine condition" template."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cms.cloning.models import ConditionTemplate
from cms.cloning.placeholders import find_left_placeholders
from cms.demo.loader import load_demo
from cms.pages.models import ConditionPage
from cms.pages.publishing import unwritten_sections
from tests.factories import publish_approved

#: Claims of the FBSS page that must never reach a page about another condition.
FBSS_CLAIMS = (
    "FBSS",
    "Failed Back Surgery",
    "back surgery",
    "foot drop",
    "herniated",
    "scar tissue",
    "Scar tissue",
    "Decompression",
    "Most people find meaningful relief",
    "spinal cord stimulator",
    "Sebaaly",
)


@pytest.fixture
def demo(db):
    load_demo(log=lambda message: None)
    load_demo(log=lambda message: None)  # idempotent
    assert ConditionTemplate.objects.filter(name="Spine condition").count() == 1


def clone(*args):
    out = StringIO()
    call_command(
        "clone_condition", "Spine condition", "--name", "Spinal Stenosis", *args, stdout=out
    )
    return out.getvalue()


def test_a_clone_carries_guidance_and_no_claim_of_another_condition(demo, client):
    output = clone()
    page = ConditionPage.objects.get(url_path__endswith="/conditions/spinal-stenosis/")
    assert find_left_placeholders(page) == []
    stored = json.dumps(list(page.body.raw_data)) + page.short_summary + page.search_description
    for claim in FBSS_CLAIMS:
        assert claim not in stored, claim

    remaining = unwritten_sections(page)
    assert {name.split(":")[0] for name in remaining} >= {
        "Condition basics",
        "Symptom list",
        "Cause list",
        "Treatment tiers",
        "References",
    }
    assert "section(s) still to write before it can be published" in output
    for name in remaining:
        assert name in output

    # Non-clinical sections carry over: the hero's layout and image, the call to action and the
    # intake form the FBSS page uses.
    def of_type(condition_page, block_type):
        return [c["value"] for c in condition_page.body.raw_data if c["type"] == block_type]

    fbss = ConditionPage.objects.get(slug="failed-back-surgery-syndrome")
    assert of_type(page, "intake_form")[0]["form"] == of_type(fbss, "intake_form")[0]["form"]
    assert of_type(page, "hero")[0]["image"] == of_type(fbss, "hero")[0]["image"]
    assert of_type(page, "hero")[0]["heading"] == "Relief for Spinal Stenosis"
    assert not of_type(page, "hero")[0].get("unwritten")


def test_a_clone_is_not_published_while_guidance_remains(demo):
    with pytest.raises(CommandError, match="writing guidance"):
        clone("--publish")
    assert not ConditionPage.objects.filter(slug="spinal-stenosis").exists()


def test_once_every_section_is_written_the_clone_publishes_cleanly(demo, client):
    clone()
    page = ConditionPage.objects.get(slug="spinal-stenosis")
    body = page.body.raw_data
    for child in body:
        child["value"]["unwritten"] = False
    page.body = list(body)
    publish_approved(page)

    response = client.get("/conditions/spinal-stenosis/", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Relief for Spinal Stenosis" in html
    for wording in ("FBSS", "Failed Back Surgery", "{{", "back surgery"):
        assert wording not in html, wording
