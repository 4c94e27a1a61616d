"""``GET /api/v3/site-settings/``: the clinic, typed and cached, fresh after each save."""

import pytest

from cms.pages.clinic import ClinicSettings
from tests.factories import ConditionPageFactory, ImageFactory

URL = "/api/v3/site-settings/"


@pytest.fixture
def clinic(site):
    clinic = ClinicSettings.for_site(site)
    clinic.name = "Harbour Spine Clinic"
    clinic.phone = "+1 555 0100 300"
    clinic.address = "12 Quay Street\nPortville"
    clinic.opening_hours = "Mon-Fri 8:00-18:00"
    clinic.emergency_notice = "In an emergency call 911."
    clinic.save()
    return clinic


def test_serves_the_clinic(client, clinic):
    data = client.get(URL).json()
    assert data["clinic"] == {
        "name": "Harbour Spine Clinic",
        "logo": None,
        "phone": "+1 555 0100 300",
        "phone_href": "tel:+15550100300",
        "address": ["12 Quay Street", "Portville"],
        "opening_hours": ["Mon-Fri 8:00-18:00"],
        "emergency_notice": "In an emergency call 911.",
        "jsonld": {
            "@type": "MedicalClinic",
            "name": "Harbour Spine Clinic",
            "telephone": "+1 555 0100 300",
            "address": {"@type": "PostalAddress", "streetAddress": "12 Quay Street, Portville"},
            "openingHours": ["Mon-Fri 8:00-18:00"],
        },
    }


def test_logo_is_a_sized_rendition_with_an_absolute_url(client, clinic):
    clinic.logo = ImageFactory()
    clinic.save()
    logo = client.get(URL).json()["clinic"]["logo"]
    assert logo["url"].startswith("http")
    assert logo["height"] == 96 and logo["width"] > 0


def test_an_empty_clinic_is_served_with_empty_values(client, site):
    data = client.get(URL).json()
    assert data["clinic"]["name"] == "" and data["clinic"]["jsonld"] is None


def test_is_typed_in_the_openapi_document(client, db):
    openapi = client.get("/api/v3/openapi.json").json()
    schema = openapi["paths"]["/api/v3/site-settings/"]["get"]["responses"]["200"]
    assert schema["content"]["application/json"]["schema"]["$ref"].endswith("SiteSettingsSchema")
    assert "ClinicSchema" in openapi["components"]["schemas"]


def test_is_cached_with_conditional_get(client, clinic):
    first = client.get(URL)
    assert first["X-Cache"] == "miss"
    assert client.get(URL)["X-Cache"] == "hit"
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_saving_the_clinic_refreshes_settings_and_pages(client, clinic, condition_index):
    page = ConditionPageFactory(parent=condition_index, slug="sciatica")
    settings_etag = client.get(URL)["ETag"]
    page_url = f"/api/v3/pages/{page.pk}/"
    page_etag = client.get(page_url)["ETag"]

    clinic.name = "Quayside Spine Clinic"
    clinic.save()

    fresh = client.get(URL, HTTP_IF_NONE_MATCH=settings_etag)
    assert fresh.status_code == 200
    assert fresh.json()["clinic"]["name"] == "Quayside Spine Clinic"
    fresh_page = client.get(page_url, HTTP_IF_NONE_MATCH=page_etag)
    assert fresh_page.status_code == 200
    assert fresh_page.json()["jsonld"]["publisher"]["name"] == "Quayside Spine Clinic"
