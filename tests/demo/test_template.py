"""The one cloning test that uses the demo content: the issue's "done when" command."""

from django.core.management import call_command

from cms.cloning.models import ConditionTemplate
from cms.cloning.placeholders import find_left_placeholders
from cms.demo.loader import load_demo
from cms.pages.models import ConditionPage


def test_spine_condition_template_gives_a_spinal_stenosis_page(db, client):
    load_demo(log=lambda message: None)
    load_demo(log=lambda message: None)  # idempotent
    assert ConditionTemplate.objects.filter(name="Spine condition").count() == 1

    call_command(
        "clone_condition", "Spine condition", "--name", "Spinal Stenosis", "--publish", stdout=None
    )

    page = ConditionPage.objects.get(url_path__endswith="/conditions/spinal-stenosis/")
    assert page.live and find_left_placeholders(page) == []
    response = client.get("/conditions/spinal-stenosis/", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Relief for Spinal Stenosis" in html
    for wording in ("FBSS", "Failed Back Surgery", "{{", "back surgery"):
        assert wording not in html, wording

    # The intake form the FBSS page uses is kept, not copied or dropped.
    def intake_forms(condition_page):
        raw = condition_page.body.raw_data
        return [child["value"]["form"] for child in raw if child["type"] == "intake_form"]

    fbss = ConditionPage.objects.get(slug="failed-back-surgery-syndrome")
    assert intake_forms(page) == intake_forms(fbss) != []
