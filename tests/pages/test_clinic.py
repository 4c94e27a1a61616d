"""The clinic's identity (site settings) in the header, footer and JSON-LD."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from cms.pages.clinic import ClinicSettings
from tests.factories import ConditionPageFactory, ImageFactory

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture
def clinic(site):
    clinic = ClinicSettings.for_site(site)
    clinic.name = "Harbour Spine Clinic"
    clinic.logo = ImageFactory(title="Logo")
    clinic.phone = "+1 555 0100 300"
    clinic.address = "12 Quay Street\nPortville"
    clinic.opening_hours = "Mon-Fri 8:00-18:00\nSat 9:00-12:00"
    clinic.emergency_notice = "In an emergency call 911."
    clinic.save()
    return clinic


@pytest.fixture
def page(condition_index):
    return ConditionPageFactory(parent=condition_index, title="Sciatica", slug="sciatica")


def soup_of(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def test_header_shows_the_clinic(client, clinic, page):
    soup = soup_of(client, page)
    header = soup.select_one(".site-header")
    assert header.select_one(".site-brand__name").get_text() == "Harbour Spine Clinic"
    logo = header.select_one("img.site-brand__logo")
    assert logo["alt"] == ""  # the name beside it says it
    assert logo["width"] and logo["height"]
    phone = header.select_one(".site-header__phone")
    assert phone["href"] == "tel:+15550100300"
    assert "In an emergency call 911." in soup.select_one(".emergency-notice").get_text()


def test_footer_shows_address_hours_and_phone(client, clinic, page):
    footer = soup_of(client, page).select_one(".site-footer")
    assert footer.select_one("address").get_text(" ") == "12 Quay Street Portville"
    hours = [li.get_text() for li in footer.select(".site-footer__hours li")]
    assert hours == ["Mon-Fri 8:00-18:00", "Sat 9:00-12:00"]
    assert footer.select_one('a[href="tel:+15550100300"]')


def test_without_a_clinic_the_page_still_renders(client, page):
    soup = soup_of(client, page)
    assert soup.select_one(".site-brand__name").get_text() == "Spine Care Conditions"
    assert soup.select_one(".emergency-notice") is None
    assert soup.select_one(".site-header img") is None


def test_jsonld_names_the_clinic_as_publisher(client, clinic, page):
    data = json.loads(JSONLD.findall(client.get(page.url).content.decode())[0])
    publisher = data["publisher"]
    assert publisher["@type"] == "MedicalClinic"
    assert publisher["name"] == "Harbour Spine Clinic"
    assert publisher["telephone"] == "+1 555 0100 300"
    assert publisher["address"]["streetAddress"] == "12 Quay Street, Portville"
    assert publisher["openingHours"] == ["Mon-Fri 8:00-18:00", "Sat 9:00-12:00"]
    assert publisher["logo"].startswith("http://testserver/")


def test_jsonld_has_no_publisher_without_a_clinic_name(client, page):
    data = json.loads(JSONLD.findall(client.get(page.url).content.decode())[0])
    assert "publisher" not in data


def test_clinic_settings_are_edited_in_the_admin(admin_client, site):
    response = admin_client.get(f"/admin/settings/pages/clinicsettings/{site.pk}/")
    assert response.status_code == 200
    assert b"Emergency notice" in response.content
