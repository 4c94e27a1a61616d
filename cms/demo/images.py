"""Small illustrative images drawn at load time (no licensing questions, no downloads)."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

DEMO_IMAGES = {
    # key: (title, base colour, accent colour)
    "hero": ("Illustration: a calm, upright spine", (214, 232, 245), (11, 92, 173)),
    "conservative": ("Illustration: injection and therapy care", (226, 242, 228), (46, 125, 50)),
    "decompression": ("Illustration: freeing a pinched nerve", (250, 238, 220), (191, 110, 0)),
    "fusion": ("Illustration: stabilised vertebrae", (238, 230, 246), (94, 53, 177)),
}


def _draw(base, accent, width=1200, height=800):
    img = PILImage.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(img)
    # a stylised column of vertebrae
    for i in range(7):
        top = 90 + i * 90
        draw.rounded_rectangle(
            (width // 2 - 110, top, width // 2 + 110, top + 60), radius=24, fill=accent
        )
    draw.line((width // 2, 60, width // 2, height - 60), fill=(255, 255, 255), width=6)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf


def demo_image(key):
    """Return the demo image for ``key``, creating it the first time."""
    title, base, accent = DEMO_IMAGES[key]
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(_draw(base, accent), name=f"demo-{key}.png")
        image.save()
    return image
