"""The demo content (the one test module that relies on it)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.blocks import section_registry
from cms.demo.loader import load_demo
from cms.pages.models import ConditionPage
from tests.factories import publish_approved

FBSS_PATH = "/conditions/failed-back-surgery-syndrome/"
#: The sections of the original FBSS page, in our block types.
ORIGINAL_SECTIONS = {
    "hero",
    "rich_text",
    "condition_basics",
    "symptom_list",
    "cause_list",
    "treatment_tiers",
    "call_to_action",
}


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("id", "url_path", "content_type__model")),
        "images": sorted(get_image_model().objects.values_list("id", "title")),
        "related": sorted(
            (page.pk, tuple(sorted(page.related_conditions.values_list("pk", flat=True))))
            for page in ConditionPage.objects.all()
        ),
        "revisions": Revision.objects.count(),
    }


@pytest.fixture
def demo(db):
    return load_demo(log=lambda message: None)


def test_loading_twice_gives_the_same_result(demo):
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first
    assert len(first["pages"]) == len({path for _, path, _ in first["pages"]})


def test_reset_rewrites_pages_in_place(demo):
    fbss = ConditionPage.objects.get(pk=demo["fbss"].pk)
    fbss.title = "Edited by an editor"
    publish_approved(fbss)
    load_demo(log=lambda message: None)
    assert ConditionPage.objects.get(pk=fbss.pk).title == "Edited by an editor"

    before = snapshot()["pages"]
    load_demo(reset=True, log=lambda message: None)
    assert ConditionPage.objects.get(pk=fbss.pk).title == "Failed Back Surgery Syndrome"
    assert snapshot()["pages"] == before


def test_every_demo_page_renders(client, demo):
    pages = Page.objects.live().filter(depth__gte=2).specific()
    assert len(pages) >= 6
    for page in pages:
        url = page.get_url()
        if url is None:  # not routable on the site (e.g. kept outside the site tree)
            continue
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, url


def test_fbss_page_has_every_section_of_the_original(client, demo):
    fbss = demo["fbss"]
    assert fbss.url_path.endswith(FBSS_PATH)
    assert fbss.get_url() == FBSS_PATH
    types = {child.block_type for child in fbss.body}
    assert ORIGINAL_SECTIONS <= types

    html = client.get(FBSS_PATH, HTTP_HOST="localhost").content.decode()
    assert html.count("<h1") == 1
    for section_type in ORIGINAL_SECTIONS:
        assert f"section--{section_type}" in html


def test_fbss_has_symptoms_by_region_and_tiers_in_order(demo):
    body = {child.block_type: child.value for child in demo["fbss"].body}
    regions = [group["region"] for group in body["symptom_list"]["groups"]]
    assert regions == ["lumbar", "cervical", "thoracic"]
    assert "foot drop" in body["symptom_list"]["warning"].lower()
    intensities = [tier["intensity"] for tier in body["treatment_tiers"]["tiers"]]
    assert intensities == sorted(
        intensities, key=["conservative", "minimally_invasive", "surgical"].index
    )
    assert body["cause_list"]["less_common_causes"]


def test_fbss_has_at_least_three_related_conditions_with_content(demo):
    fbss = ConditionPage.objects.get(pk=demo["fbss"].pk)
    related = list(fbss.live_related_conditions())
    assert len(related) >= 3
    for page in related:
        page = ConditionPage.objects.get(pk=page.pk)
        assert len(page.body) >= 3
        assert fbss.pk in set(page.related_conditions.values_list("pk", flat=True))


def test_hero_and_tier_images_carry_alt_text(demo):
    body = {child.block_type: child.value for child in demo["fbss"].body}
    figures = [body["hero"]["image"]] + [tier["image"] for tier in body["treatment_tiers"]["tiers"]]
    with_images = [figure for figure in figures if figure["image"]]
    assert len(with_images) >= 3
    for figure in with_images:
        assert len(figure["alt_text"].strip()) > 10


def test_every_demo_section_passes_validation(demo):
    for page in ConditionPage.objects.all():
        for child in page.body:
            try:
                child.block.clean(child.value)
            except ValidationError as exc:
                pytest.fail(f"{page.url_path} {child.block_type}: {exc.as_json_data()}")
            assert child.block_type in section_registry


def test_the_demo_site_has_a_fictional_clinic(demo):
    from wagtail.models import Site

    from cms.pages.clinic import ClinicSettings

    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    assert clinic.name == "Riverside Spine Clinic"
    assert clinic.logo is not None and clinic.phone and clinic.opening_hours_lines
    assert "emergency" in clinic.emergency_notice.lower()
