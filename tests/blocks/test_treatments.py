import pytest

from cms.blocks import OptionalLinkBlock, TreatmentTiersBlock
from tests.factories import (
    ConditionPageFactory,
    ImageFactory,
    TreatmentTierBlockFactory,
    TreatmentTiersBlockFactory,
)


def tier_link(**targets):
    return OptionalLinkBlock().normalize(
        {"label": "", "page": None, "anchor": "", "url": "", **targets}
    )


def test_factory_value_is_valid(clean_errors):
    assert clean_errors(TreatmentTiersBlock(), TreatmentTiersBlockFactory()) == {}


def test_needs_a_tier(clean_errors):
    value = TreatmentTiersBlock().normalize({"heading": "Treatments", "tiers": []})
    assert clean_errors(TreatmentTiersBlock(), value)["tiers"] == [
        "The minimum number of items is 1"
    ]


def test_tier_intensity_is_a_known_choice(clean_errors):
    value = TreatmentTiersBlockFactory(tiers=[TreatmentTierBlockFactory(intensity="heroic")])
    errors = clean_errors(TreatmentTiersBlock(), value)
    assert errors == {
        "tiers.0.intensity": ["Select a valid choice. heroic is not one of the available choices."]
    }


@pytest.mark.django_db
def test_tier_image_needs_alt_text(clean_errors):
    tier = TreatmentTierBlockFactory(image__image=ImageFactory(), image__alt_text="")
    errors = clean_errors(TreatmentTiersBlock(), TreatmentTiersBlockFactory(tiers=[tier]))
    assert errors == {"tiers.0.image.alt_text": ["Add alt text describing the chosen image."]}


def test_tier_link_is_optional_but_needs_a_target_once_labelled(clean_errors):
    tier = TreatmentTierBlockFactory(link=tier_link())
    assert clean_errors(TreatmentTiersBlock(), TreatmentTiersBlockFactory(tiers=[tier])) == {}
    tier = TreatmentTierBlockFactory(link=tier_link(label="More"))
    errors = clean_errors(TreatmentTiersBlock(), TreatmentTiersBlockFactory(tiers=[tier]))
    assert errors == {
        "tiers.0.link.page": ["Choose where the link goes: a page, an anchor or a URL."]
    }


@pytest.mark.django_db
def test_renders_tiers_as_an_ordered_list(condition_index):
    target = ConditionPageFactory(parent=condition_index, slug="stenosis")
    value = TreatmentTiersBlockFactory(
        tiers=[
            TreatmentTierBlockFactory(
                name="Injections",
                relief_notes="Up to a year.",
                image__image=ImageFactory(),
                image__alt_text="A syringe",
            ),
            TreatmentTierBlockFactory(
                name="Fusion",
                intensity="surgical",
                examples=[],
                link=tier_link(label="About stenosis", page=target),
            ),
        ]
    )
    html = TreatmentTiersBlock().render(value)
    assert '<ol class="treatments__tiers treatments__tiers--2">' in html
    assert html.index("<h3>Injections</h3>") < html.index("<h3>Fusion</h3>")
    assert '<span class="tier__intensity">Surgical</span>' in html
    assert "Step 1 of" in html
    assert "<dt>Expected relief</dt><dd>Up to a year.</dd>" in html
    assert 'alt="A syringe"' in html
    assert html.count("<h4>Examples</h4>") == 1
    assert 'href="/conditions/stenosis/">About stenosis</a>' in html


@pytest.mark.django_db
def test_api_gives_labels_images_and_links(condition_index, api_context):
    target = ConditionPageFactory(parent=condition_index, slug="stenosis", title="Stenosis")
    value = TreatmentTiersBlockFactory(
        tiers=[
            TreatmentTierBlockFactory(
                intensity="minimally_invasive",
                image__image=ImageFactory(),
                image__alt_text="A small incision",
                link=tier_link(label="About stenosis", page=target),
            ),
            TreatmentTierBlockFactory(),
        ]
    )
    first, second = TreatmentTiersBlock().get_api_representation(value, api_context)["tiers"]
    assert first["intensity_label"] == "Minimally invasive"
    assert first["image"]["alt"] == "A small incision"
    assert "renditions" in first["image"]
    assert first["link"]["href"] == "/conditions/stenosis/"
    assert first["link"]["page"] == {
        "id": target.pk,
        "title": "Stenosis",
        "path": "/conditions/stenosis/",
    }
    assert second["image"] is None
    assert second["link"] is None


def test_contributes_therapies_and_procedures_to_schema_org():
    value = TreatmentTiersBlockFactory(
        tiers=[
            TreatmentTierBlockFactory(name="Care", description="Rest."),
            TreatmentTierBlockFactory(name="Fusion", intensity="surgical", description="Joins."),
        ]
    )
    assert TreatmentTiersBlock().schema_org(value) == {
        "possibleTreatment": [
            {"@type": "MedicalTherapy", "name": "Care", "description": "Rest."},
            {"@type": "MedicalProcedure", "name": "Fusion", "description": "Joins."},
        ]
    }
