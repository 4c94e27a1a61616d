"""The clinic behind the site: its name, logo and contact details, one set per Wagtail site.

Edited under **Settings › Clinic**. Templates read it as ``settings.pages.ClinicSettings`` (the
``wagtail.contrib.settings`` context processor), the JSON-LD names it as the page's publisher,
and the delivery API serves it at ``/api/v3/site-settings/``.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

#: One rendition of the logo for the header, the JSON-LD and the API.
LOGO_FILTER = "height-96"


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    name = models.CharField(max_length=120, blank=True, help_text="e.g. 'Riverside Spine Clinic'.")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header beside the name; its title is not read out.",
    )
    phone = models.CharField(
        max_length=40, blank=True, help_text="As patients dial it, e.g. '+1 555 0100 200'."
    )
    address = models.TextField(blank=True, max_length=400, help_text="One line per address line.")
    opening_hours = models.TextField(
        blank=True,
        max_length=600,
        help_text="One line per day or range, e.g. 'Mon-Fri 8:00-18:00'.",
    )
    emergency_notice = models.TextField(
        blank=True,
        max_length=400,
        help_text="Shown on every page, e.g. 'In an emergency, call 911 or go to the nearest "
        "emergency department.'",
    )

    select_related = ["logo"]

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("logo")], heading="Identity"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("address"), FieldPanel("opening_hours")],
            heading="Contact",
        ),
        FieldPanel("emergency_notice"),
    ]

    class Meta:
        verbose_name = "clinic"

    @property
    def address_lines(self) -> list[str]:
        return _lines(self.address)

    @property
    def opening_hours_lines(self) -> list[str]:
        return _lines(self.opening_hours)

    @property
    def phone_href(self) -> str:
        """A ``tel:`` address: the digits and a leading ``+``."""
        digits = "".join(c for c in self.phone if c.isdigit())
        return f"tel:{'+' if self.phone.strip().startswith('+') else ''}{digits}" if digits else ""

    def jsonld(self, request=None) -> dict | None:
        """The clinic as a schema.org ``MedicalClinic``, or ``None`` while it has no name."""
        if not self.name:
            return None
        data = {"@type": "MedicalClinic", "name": self.name}
        if self.phone:
            data["telephone"] = self.phone
        if self.address_lines:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(self.address_lines),
            }
        if self.opening_hours_lines:
            data["openingHours"] = self.opening_hours_lines
        if self.logo_id:
            data["logo"] = _absolute(self.logo_rendition().url, request)
        return data

    def logo_rendition(self):
        """The header's logo rendition (the JSON-LD and the API use the same one)."""
        if not self.logo_id:
            return None
        if getattr(self, "_logo_rendition", None) is None:
            self._logo_rendition = self.logo.get_rendition(LOGO_FILTER)
        return self._logo_rendition


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _absolute(url: str, request=None) -> str:
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)
