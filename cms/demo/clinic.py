"""The demo site's fictional clinic (Settings › Clinic). Idempotent: a clinic that already has a
name is left as editors made it."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from cms.pages.clinic import ClinicSettings

CLINIC = {
    "name": "Riverside Spine Clinic",
    "phone": "+1 555 0100 200",
    "address": "Riverside Medical Centre, Suite 4\n120 Harbour Road\nLakeside, CA 90000",
    "opening_hours": "Monday to Friday: 8:00 to 18:00\nSaturday: 9:00 to 13:00\nSunday: closed",
    "emergency_notice": "Medical emergency? Call 911 or go to the nearest emergency department. "
    "Do not wait for an appointment.",
}
LOGO_TITLE = "Riverside Spine Clinic logo"


def _logo():
    Image = get_image_model()
    image = Image.objects.filter(title=LOGO_TITLE).first()
    if image is not None:
        return image
    img = PILImage.new("RGB", (192, 192), (11, 92, 173))
    draw = ImageDraw.Draw(img)
    for i in range(4):  # a stylised column of vertebrae
        top = 28 + i * 36
        draw.rounded_rectangle((66, top, 126, top + 24), radius=10, fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    image = Image(title=LOGO_TITLE)
    image.file = ImageFile(buf, name="demo-clinic-logo.png")
    image.save()
    return image


def demo_clinic(site, log=print) -> ClinicSettings:
    clinic = ClinicSettings.for_site(site)
    if clinic.name:
        return clinic
    for field, value in CLINIC.items():
        setattr(clinic, field, value)
    clinic.logo = _logo()
    clinic.save()
    log(f"set up the clinic {clinic.name}")
    return clinic
