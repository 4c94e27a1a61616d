"""``GET /api/v3/site-settings/``: the clinic behind the site, for a front-end's header, footer
and JSON-LD. Cached like the other site views; saving the settings makes it (and every cached
page, which embeds the clinic as publisher) stale (see :mod:`.signals`)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from wagtail.api.v3.auth import AllowAnonymous

from cms.blocks.api_types import ImageRendition
from cms.blocks.images import rendition_url
from cms.pages.api.fields import JsonLd
from cms.pages.clinic import ClinicSettings
from cms.pages.siteconfig import clinic_for_request, site_for_request

router = Router(tags=["delivery"])


class ClinicSchema(Schema):
    name: str
    logo: ImageRendition | None
    phone: str
    phone_href: str
    address: list[str]
    opening_hours: list[str]
    emergency_notice: str
    jsonld: JsonLd | None


class SiteSettingsSchema(Schema):
    site_name: str
    clinic: ClinicSchema


def clinic_representation(clinic: ClinicSettings, request=None) -> dict:
    rendition = clinic.logo_rendition()
    logo = None
    if rendition is not None:
        url = rendition_url(rendition, request)
        logo = {"url": url, "width": rendition.width, "height": rendition.height}
    return {
        "name": clinic.name,
        "logo": logo,
        "phone": clinic.phone,
        "phone_href": clinic.phone_href,
        "address": clinic.address_lines,
        "opening_hours": clinic.opening_hours_lines,
        "emergency_notice": clinic.emergency_notice,
        "jsonld": clinic.jsonld(request),
    }


@router.get(
    "/site-settings/",
    response=SiteSettingsSchema,
    url_name="site_settings",
    summary="The site's clinic: name, logo, contact details, opening hours",
    description="What a front-end shows in every header and footer, and the `MedicalClinic` "
    "pages name as their JSON-LD publisher. Lines are split for rendering.",
    operation_id="site_settings_detail",
    auth=AllowAnonymous(),
)
def site_settings(request: HttpRequest):
    site = site_for_request(request)
    if site is None:
        raise HttpError(404, "No site is configured.")
    clinic = clinic_for_request(request)
    return {"site_name": site.site_name or "", "clinic": clinic_representation(clinic, request)}
