import datetime
import json
import re

import pytest

from tests.factories import (
    CauseBlockFactory,
    ConditionPageFactory,
    ReviewerFactory,
    SymptomGroupBlockFactory,
    TreatmentTierBlockFactory,
    approve,
)

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def jsonld_of(client, page):
    html = client.get(page.url).content.decode()
    scripts = JSONLD.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def fbss(condition_index):
    return ConditionPageFactory(
        parent=condition_index,
        title="Failed back surgery syndrome",
        slug="fbss",
        also_known_as="FBSS\nPost-laminectomy syndrome",
        short_summary="Pain that continues after back surgery.",
        search_description="About FBSS.",
        body__0="hero",
        body__1="symptom_list",
        body__1__symptom_list__groups=[
            SymptomGroupBlockFactory(items=["Leg pain", "Numbness"]),
            SymptomGroupBlockFactory(region="cervical", items=["Neck pain"]),
        ],
        body__2="cause_list",
        body__2__cause_list__causes=[
            CauseBlockFactory(title="Scar tissue", description="Presses on nerves.")
        ],
        body__3="treatment_tiers",
        body__3__treatment_tiers__tiers=[
            TreatmentTierBlockFactory(name="Injections", description="Short relief."),
            TreatmentTierBlockFactory(name="Fusion", intensity="surgical", description="Joins."),
        ],
    )


@pytest.fixture
def approved_fbss(fbss):
    approval = approve(fbss, ReviewerFactory(profile__display_name="Dr. Avery"))
    approval.approved_at = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)
    approval.save()
    return fbss


def test_medical_web_page_about_the_condition(client, approved_fbss):
    data = jsonld_of(client, approved_fbss)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "Failed back surgery syndrome"
    assert data["description"] == "About FBSS."
    assert data["url"] == "http://testserver/conditions/fbss/"
    assert data["lastReviewed"] == "2026-10-01"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr. Avery",
        "honorificSuffix": "MD, spine surgery",
    }

    condition = data["about"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["name"] == "Failed back surgery syndrome"
    assert condition["alternateName"] == ["FBSS", "Post-laminectomy syndrome"]
    assert [s["name"] for s in condition["signOrSymptom"]] == ["Leg pain", "Numbness", "Neck pain"]
    assert {s["@type"] for s in condition["signOrSymptom"]} == {"MedicalSignOrSymptom"}
    assert condition["cause"] == [
        {"@type": "MedicalCause", "name": "Scar tissue", "description": "Presses on nerves."}
    ]
    assert condition["possibleTreatment"] == [
        {"@type": "MedicalTherapy", "name": "Injections", "description": "Short relief."},
        {"@type": "MedicalProcedure", "name": "Fusion", "description": "Joins."},
    ]


def test_a_change_to_clinical_content_withdraws_the_review_claim(client, approved_fbss):
    page = approved_fbss
    page.short_summary = "Changed, not yet reviewed."
    page.save()
    data = jsonld_of(client, page)
    assert "lastReviewed" not in data
    assert "reviewedBy" not in data


def test_html_and_model_give_the_same_object(client, rf, approved_fbss):
    fbss = approved_fbss
    request = rf.get(fbss.url)
    assert jsonld_of(client, fbss) == fbss.jsonld(request)


def test_optional_parts_are_left_out(client, condition_index):
    page = ConditionPageFactory(parent=condition_index, body__0="faq", also_known_as="")
    data = jsonld_of(client, page)
    assert "lastReviewed" not in data
    assert "reviewedBy" not in data
    assert set(data["about"]) == {"@type", "name", "description"}


def test_content_cannot_close_the_script_element(client, condition_index):
    hostile = '</script><script>alert("x")</script> & <!--'
    page = ConditionPageFactory(
        parent=condition_index,
        condition_name=hostile,
        body__0="symptom_list",
        body__0__symptom_list__groups=[SymptomGroupBlockFactory(items=[hostile])],
    )
    html = client.get(page.url).content.decode()
    head = html.split("</head>")[0]
    assert "<script>alert" not in head
    assert head.count("</script>") == 1
    data = jsonld_of(client, page)
    assert data["about"]["name"] == hostile
    assert data["about"]["signOrSymptom"] == [{"@type": "MedicalSignOrSymptom", "name": hostile}]
