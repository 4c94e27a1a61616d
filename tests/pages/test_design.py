"""What the page design promises in its markup: a fast first screen, sized images, numbered
treatment steps, and a stylesheet that holds no framework."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cms.pages.clinic import ClinicSettings
from tests.factories import ConditionPageFactory, ImageFactory, TreatmentTierBlockFactory

SITE_CSS = Path(__file__).resolve().parents[2] / "cms" / "pages" / "static" / "pages" / "site.css"


@pytest.fixture
def page(condition_index, site):
    clinic = ClinicSettings.for_site(site)
    clinic.name, clinic.logo = "Harbour Spine Clinic", ImageFactory()
    clinic.save()
    return ConditionPageFactory(
        parent=condition_index,
        slug="fbss",
        body__0="hero",
        body__0__hero__image__image=ImageFactory(),
        body__1="treatment_tiers",
        body__1__treatment_tiers__tiers=[
            TreatmentTierBlockFactory(name="Injections", image__image=ImageFactory()),
            TreatmentTierBlockFactory(name="Decompression", intensity="surgical"),
            TreatmentTierBlockFactory(name="Fusion", intensity="surgical"),
        ],
    )


@pytest.fixture
def soup(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def test_hero_image_loads_first_and_eagerly(soup):
    hero_img = soup.select_one(".hero img")
    assert hero_img["fetchpriority"] == "high"
    assert not hero_img.has_attr("loading")


def test_other_images_load_lazily(soup):
    assert soup.select_one(".tier img")["loading"] == "lazy"


def test_every_image_has_width_and_height(soup):
    images = soup.find_all("img")
    assert len(images) == 3  # logo, hero, one tier
    for img in images:
        assert int(img["width"]) > 0 and int(img["height"]) > 0, img


def test_treatment_tiers_read_as_numbered_steps(soup):
    tiers = soup.select("ol.treatments__tiers > li.tier")
    steps = [tier.select_one(".tier__step-text").get_text(" ", strip=True) for tier in tiers]
    assert steps == [
        "Step 1 of 3 Conservative",
        "Step 2 of 3 Surgical",
        "Step 3 of 3 Surgical",
    ]


def test_the_stylesheet_is_plain_css_with_scales():
    css = SITE_CSS.read_text()
    assert "@import" not in css and "http" not in css
    assert "--step-0" in css and "--space-4" in css and "--tap: 2.75rem" in css
